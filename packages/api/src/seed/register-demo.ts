import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { meetingsDemoCounts, seedMeetingsDemo, type MeetingsDemoData } from './meetings-demo';

/**
 * The demonstration register: employers, members (with their accounts), charter versions and
 * acceptances, conventions, peer groups with themes and memberships, binôme correspondents.
 *
 * Two steps: `buildRegisterDemo(year)` is pure and deterministic (a fixed-seed PRNG, dates
 * derived from the reference year only); `seedRegisterDemo` inserts what it built, one
 * set-based statement per table, inside the demo seed's system-scope transaction.
 *
 * Every timestamp is a Paris wall-clock time no later than the reference year's first quarter,
 * and is capped at now() on insertion, so a seed run early in January never writes the future.
 *
 * This module must not import demo-seed.ts (which imports it): the demo accounts it attaches are
 * named here by e-mail. Once the register is in, `seedRegisterDemo` adds the active groups'
 * meetings and the societies' credit rules (meetings-demo.ts).
 */

export type Profession = 'PHYSICIAN' | 'NURSE';
export type SocietyCode = 'SSTPC' | 'SMTVL' | 'ASMT' | 'SNPST' | 'ARAPT';
type GroupStatus = 'FORMING' | 'SUBMITTED' | 'REGISTERED' | 'ACTIVE';
type ConventionStatus = 'DRAFT' | 'SENT' | 'SIGNED' | 'ACTIVE';
type EntryPoint = 'CASE_PRESENTATION' | 'RECOMMENDATION_DISCUSSION';

const DOMAIN = 'demo.e-pairs.fr';
const FEDERATION_EMAIL = `federation@${DOMAIN}`;

/** The existing demo accounts this seed gives a member profile, a group or a binôme mission. */
export const REGISTER_DEMO_ACCOUNTS = {
  relaySstpc: `relais.sstpc@${DOMAIN}`,
  physicianSstpc: `medecin.sstpc@${DOMAIN}`,
  nurseSmtvl: `infirmiere.smtvl@${DOMAIN}`,
  binomeAsmt: `binome.asmt@${DOMAIN}`,
  binomeArapt: `binome.arapt@${DOMAIN}`,
} as const;

/** The groups the demo accounts belong to or accompany (for the start-up banner). */
export const REGISTER_DEMO_GROUPS = {
  /** SSTPC, ACTIVE GAPEP of physicians: relais.sstpc is its relay, medecin.sstpc a member. */
  sstpcGapep: 'GAPEP Poitiers Centre',
  /** SMTVL's GAPEM, ACTIVE: infirmiere.smtvl is a member. */
  smtvlGapem: 'GAPEM Touraine',
} as const;

// ---------------------------------------------------------------------------------------------
// Built data

export interface SeedEmployer {
  society: SocietyCode;
  name: string;
  city: string;
  region: string;
  siret: string | null;
}

export interface SeedMember {
  society: SocietyCode;
  email: string;
  firstName: string;
  lastName: string;
  /** The account already exists (a demo account); only the member row is inserted. */
  existingAccount: boolean;
  profession: Profession;
  rpps: string;
  employer: string;
  employerCity: string;
  region: string;
  status: 'ACTIVE' | 'LEFT';
  /** Holds the BINOME role grant (created by this seed). */
  binome: boolean;
}

export interface SeedCharterVersion {
  number: number;
  title: string;
  body: string;
  publishedAt: string;
}

export interface SeedAcceptance {
  rpps: string;
  charterNumber: number;
  acceptedAt: string;
}

export interface SeedConvention {
  rpps: string;
  year: number;
  status: ConventionStatus;
  createdAt: string;
  sentAt: string | null;
  signedAt: string | null;
  activatedAt: string | null;
}

export interface SeedGroup {
  society: SocietyCode;
  name: string;
  kind: 'GAPEP' | 'GAPEM';
  /** GAPEP only: the one profession of the group. */
  profession: Profession | null;
  entryPoint: EntryPoint;
  drawMode: 'RANDOM' | 'THEMATIC' | null;
  meetingPlace: string | null;
  status: GroupStatus;
  createdAt: string;
  submittedAt: string | null;
  registeredAt: string | null;
  themes: string[];
}

export interface SeedMembership {
  society: SocietyCode;
  group: string;
  rpps: string;
  role: 'MEMBER' | 'RELAY';
  joinedOn: string;
  leftOn: string | null;
}

export interface SeedBinomeAssignment {
  /** The group's society (the correspondent may come from another one). */
  society: SocietyCode;
  group: string;
  email: string;
  assignedAt: string;
  endedAt: string | null;
}

export interface RegisterDemoData {
  referenceYear: number;
  employers: SeedEmployer[];
  members: SeedMember[];
  charterVersions: SeedCharterVersion[];
  acceptances: SeedAcceptance[];
  conventions: SeedConvention[];
  groups: SeedGroup[];
  memberships: SeedMembership[];
  /** Users receiving a BINOME grant (the demo binômes already have theirs). */
  binomeGrants: string[];
  binomeAssignments: SeedBinomeAssignment[];
  /** What `seedRegisterDemo` inserted for the meetings side (never set by the pure build). */
  meetings?: MeetingsDemoData;
}

// ---------------------------------------------------------------------------------------------
// Deterministic helpers

const SEED = 0x0e9a1125;

/** mulberry32: a tiny, good-enough 32-bit PRNG. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(this.next() * (index + 1));
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  }
  digits(count: number): string {
    let result = '';
    for (let index = 0; index < count; index += 1) result += String(Math.floor(this.next() * 10));
    return result;
  }
}

/** The digit that makes `body + digit` pass the Luhn check. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index += 1) {
    // The check digit will sit at position 0 from the right: the body's last digit is doubled.
    let digit = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** A calendar day as a UTC epoch day, for arithmetic only (no clock involved). */
function epochDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function dayString(epoch: number): string {
  const date = new Date(epoch * 86_400_000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Paris wall-clock timestamp 'YYYY-MM-DD HH:MM:00'. */
function stamp(epoch: number, hour: number, minute = 0): string {
  return `${dayString(epoch)} ${pad(hour)}:${pad(minute)}:00`;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------------------------------------
// French source lists

/** A comma-separated list of names (some contain spaces). */
const names = (list: string): readonly string[] => list.split(', ');

const FEMALE_FIRST_NAMES = names(
  'Marie, Camille, Julie, Claire, Anne, Isabelle, Nathalie, Céline, Émilie, Laure, ' +
    'Catherine, Valérie, Sandrine, Aurélie, Élodie, Caroline, Florence, Cécile, Virginie, ' +
    'Agnès, Marion, Pauline, Charlotte, Mathilde, Lucie, Delphine, Christine, Véronique, ' +
    'Béatrice, Anne-Sophie, Marie-Claire, Géraldine, Françoise, Sylvie, Manon, Léa, Chloé, ' +
    'Inès, Yasmina, Amina, Nadège, Estelle, Laëtitia, Solène, Gaëlle, Maëlle, Brigitte, ' +
    'Martine, Odile, Armelle',
);

const MALE_FIRST_NAMES = names(
  'Jean, Pierre, Philippe, Nicolas, Laurent, François, Thomas, Julien, Olivier, Stéphane, ' +
    'Christophe, Frédéric, Éric, Antoine, Guillaume, Vincent, Sébastien, Jérôme, Bruno, ' +
    'Alain, Patrick, Didier, Mathieu, Benoît, Xavier, Yannick, Karim, Mehdi, Hugo, Lucas, ' +
    'Gilles, Thierry, Jean-Luc, Jean-Marc, Loïc, Rémi, Damien, Hervé, Bertrand, Arnaud',
);

const LAST_NAMES = names(
  'Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Simon, Laurent, ' +
    'Lefebvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier, Morel, Girard, ' +
    'André, Lefèvre, Mercier, Dupont, Bonnet, François, Martinez, Legrand, Faure, Blanc, ' +
    'Guérin, Muller, Henry, Roussel, Nicolas, Perrin, Morin, Mathieu, Clément, Gauthier, ' +
    'Dumont, Lopez, Fontaine, Chevalier, Robin, Masson, Sanchez, Gérard, Nguyen, Boyer, ' +
    'Denis, Lemaire, Duval, Joly, Gautier, Roger, Roche, Roy, Noël, Meyer, Lucas, Meunier, ' +
    'Pérez, Marchand, Dufour, Blanchard, Barbier, Brun, Dumas, Brunet, Schmitt, Leroux, ' +
    'Colin, Fernandez, Renard, Arnaud, Rolland, Caron, Aubert, Giraud, Leclerc, Vidal, ' +
    'Bourgeois, Renaud, Lemoine, Picard, Gaillard, Lacroix, Fabre, Dupuis, Olivier, ' +
    'Da Silva, Hubert, Guillot, Rivière, Le Gall, Le Goff, Adam, Rey, Moulin, Berger, ' +
    'Lecomte, Ménard, Fleury, Deschamps, Carpentier, Maillard, Marchal, Aubry, Vasseur, ' +
    'Le Roux, Renault, Jacquet, Prévost, Poirier, Charpentier, Royer, Huet, Baron, Dupuy, ' +
    'Pons, Carré, Breton, Rémy, Schneider, Perrot, Guyot, Marty, Cousin, Haddad, Bouzid, ' +
    'Diallo, Traoré, Mansouri, Kaci, Le Bihan, Quéméner, Etcheverry, Lagarde',
);

const THEME_CODES = [
  'PSYCHOSOCIAL_RISKS',
  'MSD',
  'JOB_RETENTION',
  'CHEMICAL_EXPOSURE',
  'BIOLOGICAL_RISK',
] as const;

interface EmployerPlan {
  name: string;
  city: string;
  region: string;
}

interface GroupPlan {
  name: string;
  kind: 'GAPEP' | 'GAPEM';
  profession?: Profession;
  status: GroupStatus;
  /** Index of the employer most members come from (the group meets near it). */
  home: number;
  place: string | null;
  entryPoint?: EntryPoint;
}

interface SocietyPlan {
  code: SocietyCode;
  employers: EmployerPlan[];
  groups: GroupPlan[];
}

const NA = 'Nouvelle-Aquitaine';
const CVL = 'Centre-Val de Loire';
const IDF = 'Île-de-France';
const ARA = 'Auvergne-Rhône-Alpes';

const PLANS: SocietyPlan[] = [
  {
    code: 'SSTPC',
    employers: [
      { name: 'SPST Poitou Santé Travail', city: 'Poitiers', region: NA },
      { name: 'Santé au Travail Charente-Maritime', city: 'La Rochelle', region: NA },
      { name: 'SPST des Deux-Sèvres', city: 'Niort', region: NA },
      { name: 'Service de santé au travail de la Charente', city: 'Angoulême', region: NA },
    ],
    groups: [
      {
        name: REGISTER_DEMO_GROUPS.sstpcGapep,
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'ACTIVE',
        home: 0,
        place: 'SPST Poitou Santé Travail, salle Aliénor, 12 rue Carnot, 86000 Poitiers',
        entryPoint: 'CASE_PRESENTATION',
      },
      {
        name: 'GAPEM Charente-Maritime',
        kind: 'GAPEM',
        status: 'ACTIVE',
        home: 1,
        place:
          'Santé au Travail Charente-Maritime, salle du Port, 8 quai Maubec, 17000 La Rochelle',
      },
      {
        name: 'GAPEP Niort – Deux-Sèvres',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'REGISTERED',
        home: 2,
        place: 'Maison des associations, salle 3, 12 rue Joseph-Cugnot, 79000 Niort',
        entryPoint: 'RECOMMENDATION_DISCUSSION',
      },
      {
        name: 'GAPEP Angoumois',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'FORMING',
        home: 3,
        place: null,
      },
    ],
  },
  {
    code: 'SMTVL',
    employers: [
      { name: 'SPST Touraine Santé Travail', city: 'Tours', region: CVL },
      { name: 'SPST Loiret Prévention', city: 'Orléans', region: CVL },
      { name: 'Santé Travail Loir-et-Cher', city: 'Blois', region: CVL },
      { name: 'SPST Berry Santé Travail', city: 'Bourges', region: CVL },
    ],
    groups: [
      {
        name: REGISTER_DEMO_GROUPS.smtvlGapem,
        kind: 'GAPEM',
        status: 'ACTIVE',
        home: 0,
        place:
          'SPST Touraine Santé Travail, salle Rabelais, 4 rue Nationale, 37000 Tours (ou en visioconférence)',
        entryPoint: 'CASE_PRESENTATION',
      },
      {
        name: 'GAPEP Orléans Val de Loire',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'ACTIVE',
        home: 1,
        place: 'SPST Loiret Prévention, salle Jeanne-d’Arc, 23 rue de la République, 45000 Orléans',
      },
      {
        name: 'GAPEP Infirmiers du Berry',
        kind: 'GAPEP',
        profession: 'NURSE',
        status: 'SUBMITTED',
        home: 3,
        place: 'En visioconférence ; une séance sur deux à Bourges, 10 rue Moyenne, 18000 Bourges',
      },
    ],
  },
  {
    code: 'ASMT',
    employers: [
      { name: 'Santé Travail Paris Centre', city: 'Paris', region: IDF },
      { name: 'SPST Île-de-France Ouest', city: 'Nanterre', region: IDF },
      { name: 'SPST Val-de-Marne Prévention', city: 'Créteil', region: IDF },
      { name: 'SPST Seine-Saint-Denis Santé Travail', city: 'Saint-Denis', region: IDF },
    ],
    groups: [
      {
        name: 'GAPEP Paris Rive Gauche',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'ACTIVE',
        home: 0,
        place: 'Santé Travail Paris Centre, salle 204, 45 boulevard de Port-Royal, 75013 Paris',
      },
      {
        name: 'GAPEP Hauts-de-Seine',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'REGISTERED',
        home: 1,
        place:
          'SPST Île-de-France Ouest, salle Seine, 102 avenue Georges-Clemenceau, 92000 Nanterre',
      },
      {
        name: 'GAPEM Val-de-Marne',
        kind: 'GAPEM',
        status: 'ACTIVE',
        home: 2,
        place:
          'SPST Val-de-Marne Prévention, 3 avenue du Général-de-Gaulle, 94000 Créteil (hybride)',
        entryPoint: 'RECOMMENDATION_DISCUSSION',
      },
      {
        name: 'GAPEP Seine-Saint-Denis',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'SUBMITTED',
        home: 3,
        place: 'Bourse du travail, salle 12, 9-11 rue Génin, 93200 Saint-Denis',
      },
      {
        name: 'GAPEP Paris Nord',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'FORMING',
        home: 0,
        place: null,
      },
    ],
  },
  {
    code: 'SNPST',
    employers: [
      { name: 'SPST Nord Santé Travail', city: 'Lille', region: 'Hauts-de-France' },
      { name: 'SPST Occitanie Prévention', city: 'Toulouse', region: 'Occitanie' },
      { name: 'Santé Travail Bretagne', city: 'Rennes', region: 'Bretagne' },
      {
        name: 'SPST Provence Santé Travail',
        city: 'Marseille',
        region: 'Provence-Alpes-Côte d’Azur',
      },
    ],
    groups: [
      {
        name: 'GAPEP Lille Métropole',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'ACTIVE',
        home: 0,
        place: 'SPST Nord Santé Travail, salle Vauban, 27 rue Nationale, 59000 Lille',
      },
      {
        name: 'GAPEP Infirmiers Occitanie',
        kind: 'GAPEP',
        profession: 'NURSE',
        status: 'ACTIVE',
        home: 1,
        place:
          'En visioconférence ; séance annuelle en présentiel, 6 allées Jean-Jaurès, 31000 Toulouse',
      },
      {
        name: 'GAPEM Bretagne',
        kind: 'GAPEM',
        status: 'REGISTERED',
        home: 2,
        place: 'Santé Travail Bretagne, salle Vilaine, 14 boulevard de la Liberté, 35000 Rennes',
      },
      {
        name: 'GAPEP Provence',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'FORMING',
        home: 3,
        place: 'SPST Provence Santé Travail, 40 La Canebière, 13001 Marseille',
        entryPoint: 'RECOMMENDATION_DISCUSSION',
      },
    ],
  },
  {
    code: 'ARAPT',
    employers: [
      { name: 'SPST Rhône Santé Travail', city: 'Lyon', region: ARA },
      { name: 'SPST Alpes Prévention Santé Travail', city: 'Grenoble', region: ARA },
      { name: 'SPST Auvergne Santé Travail', city: 'Clermont-Ferrand', region: ARA },
      { name: 'Santé Travail Loire', city: 'Saint-Étienne', region: ARA },
    ],
    groups: [
      {
        name: 'GAPEP Lyon Confluence',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'ACTIVE',
        home: 0,
        place: 'SPST Rhône Santé Travail, salle Saône, 10 cours Charlemagne, 69002 Lyon',
      },
      {
        name: 'GAPEM Grenoble Alpes',
        kind: 'GAPEM',
        status: 'SUBMITTED',
        home: 1,
        place: 'SPST Alpes Prévention Santé Travail, 5 place Victor-Hugo, 38000 Grenoble',
      },
      {
        name: 'GAPEP Clermont Auvergne',
        kind: 'GAPEP',
        profession: 'PHYSICIAN',
        status: 'FORMING',
        home: 2,
        place: null,
      },
    ],
  },
];

function charterVersions(year: number): SeedCharterVersion[] {
  const v1 = [
    'Préambule. La présente charte engage chaque médecin du travail et chaque infirmier(e) en santé au travail qui participe à un groupe de pairs de la fédération E-Pairs (GAPEP ou GAPEM), dans le cadre de l’évaluation des pratiques professionnelles et du développement professionnel continu.',
    'Confidentialité. Tout ce qui est dit en séance reste dans le groupe. Chaque participant s’interdit de divulguer, hors du groupe, les situations présentées et les propos tenus. Le secret médical et le secret professionnel s’appliquent pleinement.',
    'Anonymat des situations. Les situations de travail sont présentées sans élément permettant d’identifier le salarié, l’entreprise ou le collectif de travail.',
    'Bienveillance. Le groupe analyse des pratiques, pas des personnes : chacun s’exprime librement, sans crainte d’être jugé.',
    'Assiduité. Chaque membre s’engage à participer régulièrement aux séances, à présenter au moins une situation dans l’année et à assurer, à tour de rôle, l’animation et le secrétariat de séance.',
  ];
  const v2 = [
    'Préambule. La présente charte engage chaque médecin du travail et chaque infirmier(e) en santé au travail qui participe à un groupe d’analyse des pratiques entre pairs de la fédération E-Pairs (GAPEP ou GAPEM), dans le cadre de l’évaluation des pratiques professionnelles (EPP) et de l’obligation de développement professionnel continu (DPC). Son acceptation est un préalable à l’inscription dans un groupe.',
    'Confidentialité. Tout ce qui est dit en séance reste dans le groupe. Chaque participant s’interdit de divulguer, hors du groupe, les situations présentées, les comptes rendus et les propos tenus. Le secret médical et le secret professionnel s’appliquent pleinement, y compris aux documents déposés sur la plateforme E-Pairs.',
    'Pseudonymisation. Les cas sont rédigés et présentés sous forme pseudonymisée : ni nom, ni date de naissance, ni numéro de sécurité sociale (NIR), ni coordonnées, ni détail permettant de reconnaître le salarié, l’entreprise ou le collectif de travail. Une donnée pseudonymisée reste une donnée personnelle au sens du RGPD : elle est traitée avec la même prudence.',
    'Non-jugement. Le groupe analyse des pratiques, pas des personnes. Chacun s’exprime librement ; les points d’accord comme les divergences sont consignés sans être imputés. Le binôme d’accompagnement lit les cas et les comptes rendus une fois le groupe réuni, pose des questions et ne juge jamais : extériorité, absence d’intrusion, respect du travail du groupe.',
    'Assiduité. Chaque membre s’engage à participer à au moins cinq séances par an, pour un total d’au moins dix-huit heures, à signer la feuille d’émargement à chaque séance, à présenter au moins une situation dans l’année et à assurer, à tour de rôle, l’animation et le secrétariat de séance.',
    'Données des professionnels. Les informations que la fédération et les sociétés régionales détiennent sur les membres (identité, RPPS, employeur, présences, attestations) ne servent qu’à l’organisation des groupes et à l’attestation du DPC. Chacun dispose d’un droit d’accès et de rectification auprès de la fédération.',
    'Cette version 2 remplace la version 1 : elle précise les règles de pseudonymisation des cas déposés sur la plateforme, le rôle du binôme d’accompagnement et les seuils annuels de participation.',
  ];
  return [
    {
      number: 1,
      title: 'Charte des groupes de pairs E-Pairs',
      body: v1.join('\n\n'),
      publishedAt: stamp(epochDay(year - 1, 1, 15), 10),
    },
    {
      number: 2,
      title: 'Charte E-Pairs des groupes d’analyse des pratiques entre pairs (version 2)',
      body: v2.join('\n\n'),
      publishedAt: stamp(epochDay(year, 1, 6), 10),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The pure build

interface DemoMemberSpec {
  email: string;
  firstName: string;
  lastName: string;
  profession: Profession;
}

const DEMO_MEMBERS: Record<'relaySstpc' | 'physicianSstpc' | 'nurseSmtvl', DemoMemberSpec> = {
  relaySstpc: {
    email: REGISTER_DEMO_ACCOUNTS.relaySstpc,
    firstName: 'Hélène',
    lastName: 'Moreau',
    profession: 'PHYSICIAN',
  },
  physicianSstpc: {
    email: REGISTER_DEMO_ACCOUNTS.physicianSstpc,
    firstName: 'Paul',
    lastName: 'Garnier',
    profession: 'PHYSICIAN',
  },
  nurseSmtvl: {
    email: REGISTER_DEMO_ACCOUNTS.nurseSmtvl,
    firstName: 'Sophie',
    lastName: 'Lambert',
    profession: 'NURSE',
  },
};

/** Builds the whole demo register for a reference year; same year, same result. */
export function buildRegisterDemo(referenceYear: number): RegisterDemoData {
  const random = new Random(SEED);
  const Y = referenceYear;
  const usedRpps = new Set<string>();
  const newRpps = (): string => {
    for (;;) {
      const body = `10${random.digits(8)}`;
      const rpps = body + luhnCheckDigit(body);
      if (!usedRpps.has(rpps)) {
        usedRpps.add(rpps);
        return rpps;
      }
    }
  };
  const newSiret = (): string => {
    // SIREN (9 digits, Luhn) then the establishment number (NIC) chosen so the SIRET is Luhn.
    const sirenBody = `${random.int(3, 9)}${random.digits(7)}`;
    const siren = sirenBody + luhnCheckDigit(sirenBody);
    const body = `${siren}000${random.digits(1)}`;
    return body + luhnCheckDigit(body);
  };
  const between = (from: number, to: number) => random.int(from, Math.max(from, to));

  const data: RegisterDemoData = {
    referenceYear: Y,
    employers: [],
    members: [],
    charterVersions: charterVersions(Y),
    acceptances: [],
    conventions: [],
    groups: [],
    memberships: [],
    binomeGrants: [],
    binomeAssignments: [],
  };

  /** Where each member ended up, to decide its charter and convention. */
  const groupStatusesOf = new Map<string, GroupStatus[]>();
  const demoRpps = new Set<string>();
  const binomeMembership = new Map<string, Set<string>>(); // binôme e-mail → "society/group"
  const groupKey = (society: SocietyCode, name: string) => `${society}/${name}`;

  for (const plan of PLANS) {
    const society = plan.code;
    const employerCount = Math.max(
      Math.max(...plan.groups.map((group) => group.home)) + 1,
      random.chance(0.5) ? 4 : 3,
    );
    const employers = plan.employers.slice(0, employerCount);
    employers.forEach((employer, index) => {
      // Most SPST give their SIRET; a few were entered without it. The first always has one.
      const siret = index === 0 || random.chance(0.6) ? newSiret() : null;
      data.employers.push({ society, ...employer, siret });
    });

    const usedNames = new Set<string>();
    let counter = 0;
    const societyMembers: SeedMember[] = [];
    const createMember = (profession: Profession, employerIndex?: number): SeedMember => {
      const femaleShare = profession === 'NURSE' ? 0.88 : 0.6;
      let firstName: string;
      let lastName: string;
      do {
        firstName = random.chance(femaleShare)
          ? random.pick(FEMALE_FIRST_NAMES)
          : random.pick(MALE_FIRST_NAMES);
        lastName = random.pick(LAST_NAMES);
      } while (usedNames.has(`${firstName} ${lastName}`));
      usedNames.add(`${firstName} ${lastName}`);
      counter += 1;
      const employer =
        employerIndex !== undefined && employerIndex < employers.length && random.chance(0.75)
          ? employers[employerIndex]!
          : random.pick(employers);
      const member: SeedMember = {
        society,
        email: `${slug(firstName)}.${slug(lastName)}${counter}@${society.toLowerCase()}.${DOMAIN}`,
        firstName,
        lastName,
        existingAccount: false,
        profession,
        rpps: newRpps(),
        employer: employer.name,
        employerCity: employer.city,
        region: employer.region,
        status: 'ACTIVE',
        binome: false,
      };
      societyMembers.push(member);
      return member;
    };
    const attachDemo = (spec: DemoMemberSpec, employerIndex: number): SeedMember => {
      const employer = employers[employerIndex]!;
      const member: SeedMember = {
        society,
        ...spec,
        existingAccount: true,
        rpps: newRpps(),
        employer: employer.name,
        employerCity: employer.city,
        region: employer.region,
        status: 'ACTIVE',
        binome: false,
      };
      demoRpps.add(member.rpps);
      data.members.push(member);
      return member;
    };

    /** Current members per group, relay first. */
    const rosters = new Map<string, SeedMember[]>();
    const activeRosters: SeedMember[][] = [];

    for (const groupPlan of plan.groups) {
      const key = groupKey(society, groupPlan.name);
      const status = groupPlan.status;
      const size =
        status === 'FORMING'
          ? random.int(5, 8)
          : status === 'ACTIVE'
            ? random.int(7, 12)
            : random.int(6, 11);
      const roster: SeedMember[] = [];

      // The demo accounts first: the relay person of SSTPC's group leads it.
      if (society === 'SSTPC' && groupPlan.name === REGISTER_DEMO_GROUPS.sstpcGapep) {
        roster.push(
          attachDemo(DEMO_MEMBERS.relaySstpc, 0),
          attachDemo(DEMO_MEMBERS.physicianSstpc, 0),
        );
      }
      if (society === 'SMTVL' && groupPlan.name === REGISTER_DEMO_GROUPS.smtvlGapem) {
        roster.push(attachDemo(DEMO_MEMBERS.nurseSmtvl, 0));
      }

      // A GAPEM mixes both professions, about four nurses in ten.
      const nurseSlots =
        groupPlan.kind === 'GAPEM'
          ? Math.max(2, Math.round(size * random.int(3, 5) * 0.1))
          : groupPlan.profession === 'NURSE'
            ? size
            : 0;
      const professions: Profession[] = [];
      for (let slot = 0; slot < size; slot += 1) {
        professions.push(slot < nurseSlots ? 'NURSE' : 'PHYSICIAN');
      }
      for (const member of roster) {
        const index = professions.indexOf(member.profession);
        if (index >= 0) professions.splice(index, 1);
      }
      // A young group sometimes co-opts a physician already active in another group.
      let sharedTaken = false;
      for (const profession of random.shuffle(professions)) {
        if (
          !sharedTaken &&
          profession === 'PHYSICIAN' &&
          roster.length > 0 &&
          (status === 'FORMING' || status === 'SUBMITTED') &&
          activeRosters.length > 0
        ) {
          const candidates = activeRosters
            .flatMap((other) => other.slice(1))
            .filter((member) => member.profession === 'PHYSICIAN' && !member.existingAccount);
          if (candidates.length > 0) {
            roster.push(random.pick(candidates));
            sharedTaken = true;
            continue;
          }
        }
        roster.push(createMember(profession, groupPlan.home));
      }
      // The relay person comes first: SSTPC's demo relay, otherwise whoever founded the group
      // (never the demo nurse, a plain member of her GAPEM).
      if (roster[0]?.email === DEMO_MEMBERS.nurseSmtvl.email) roster.push(roster.shift()!);
      rosters.set(key, roster);
      if (status === 'ACTIVE') activeRosters.push(roster);

      const entryPoint: EntryPoint =
        groupPlan.entryPoint ??
        (random.chance(0.15) ? 'RECOMMENDATION_DISCUSSION' : 'CASE_PRESENTATION');
      const drawMode =
        entryPoint === 'CASE_PRESENTATION' ? (random.chance(0.6) ? 'RANDOM' : 'THEMATIC') : null;
      const themeCount = drawMode === 'THEMATIC' ? random.int(2, 3) : random.int(1, 3);
      const themes: string[] = random.shuffle(THEME_CODES).slice(0, themeCount);
      // Now and then a subject outside the national priorities (still three themes at most).
      if (random.chance(0.1)) themes.splice(Math.min(themes.length, 2), 1, 'OTHER');

      // Life of the group, in the year before the reference year (registration by E-Pairs).
      let created: number;
      let submitted: number | null = null;
      let registered: number | null = null;
      switch (status) {
        case 'ACTIVE':
          created = between(epochDay(Y - 1, 2, 1), epochDay(Y - 1, 3, 31));
          submitted = created + random.int(40, 80);
          registered = submitted + random.int(20, 60);
          break;
        case 'REGISTERED':
          created = between(epochDay(Y - 1, 6, 1), epochDay(Y - 1, 7, 31));
          submitted = created + random.int(60, 100);
          registered = submitted + random.int(20, 40);
          break;
        case 'SUBMITTED':
          created = between(epochDay(Y - 1, 8, 15), epochDay(Y - 1, 10, 15));
          submitted = created + random.int(40, 70);
          break;
        default:
          created = between(epochDay(Y - 1, 10, 1), epochDay(Y - 1, 12, 1));
      }
      data.groups.push({
        society,
        name: groupPlan.name,
        kind: groupPlan.kind,
        profession: groupPlan.kind === 'GAPEP' ? (groupPlan.profession ?? 'PHYSICIAN') : null,
        entryPoint,
        drawMode,
        meetingPlace: groupPlan.place,
        status,
        createdAt: stamp(created, random.int(9, 17), random.pick([0, 15, 30, 45])),
        submittedAt: submitted === null ? null : stamp(submitted, random.int(9, 18)),
        registeredAt: registered === null ? null : stamp(registered, random.int(9, 18)),
        themes,
      });

      const lastJoin = submitted ?? epochDay(Y - 1, 12, 20);
      roster.forEach((member, index) => {
        data.memberships.push({
          society,
          group: groupPlan.name,
          rpps: member.rpps,
          role: index === 0 ? 'RELAY' : 'MEMBER',
          joinedOn: dayString(index === 0 ? created : between(created, lastJoin)),
          leftOn: null,
        });
        const statuses = groupStatusesOf.get(member.rpps) ?? [];
        statuses.push(status);
        groupStatusesOf.set(member.rpps, statuses);
      });
    }

    // Binômes of the society: one physician already in an active group (never sent to it), one
    // experienced professional outside any group.
    const inGroup = activeRosters
      .flatMap((roster) => roster.slice(1))
      .filter((member) => !member.existingAccount && member.profession === 'PHYSICIAN');
    const firstBinome = random.pick(inGroup);
    const secondBinome = createMember(random.chance(0.3) ? 'NURSE' : 'PHYSICIAN');
    for (const binome of [firstBinome, secondBinome]) {
      binome.binome = true;
      data.binomeGrants.push(binome.email);
      const groups = new Set<string>();
      for (const [key, roster] of rosters) if (roster.includes(binome)) groups.add(key);
      binomeMembership.set(binome.email, groups);
    }

    // A member who left the federation, and with it the society's first active group.
    const leaver = createMember('PHYSICIAN', plan.groups[0]!.home);
    leaver.status = 'LEFT';
    const firstActive = data.groups.find(
      (group) => group.society === society && group.status === 'ACTIVE',
    )!;
    data.memberships.push({
      society,
      group: firstActive.name,
      rpps: leaver.rpps,
      role: 'MEMBER',
      joinedOn: firstActive.createdAt.slice(0, 10),
      leftOn: dayString(between(epochDay(Y - 1, 9, 1), epochDay(Y - 1, 11, 30))),
    });

    // The rest of the society's members, in no group yet.
    const target = random.int(40, 80);
    const floor = societyMembers.length + 4;
    while (societyMembers.length < Math.max(target, floor)) {
      createMember(random.chance(0.25) ? 'NURSE' : 'PHYSICIAN');
    }
    if (societyMembers.length > 80) {
      throw new Error(`${society}: ${societyMembers.length} members, more than 80`);
    }
    data.members.push(...societyMembers);
  }

  // Charter acceptances and conventions for the reference year.
  const [v1, v2] = data.charterVersions;
  const v1Day = epochDay(Y - 1, 1, 15);
  const v2Day = epochDay(Y, 1, 6);
  for (const member of data.members) {
    const statuses = groupStatusesOf.get(member.rpps) ?? [];
    const demo = demoRpps.has(member.rpps);
    const engaged = demo || member.binome || statuses.some((status) => status !== 'FORMING');
    let charter: 'V2' | 'V1' | 'NONE';
    if (member.status === 'LEFT') charter = 'V1';
    else if (engaged) charter = 'V2';
    else {
      const draw = random.float();
      charter = draw < 0.72 ? 'V2' : draw < 0.9 ? 'V1' : 'NONE';
    }
    const veteran = charter === 'V1' || ((engaged || charter === 'V2') && random.chance(0.7));
    if (veteran) {
      data.acceptances.push({
        rpps: member.rpps,
        charterNumber: v1!.number,
        acceptedAt: stamp(between(v1Day, v1Day + 90), random.int(8, 20), random.int(0, 59)),
      });
    }
    if (charter === 'V2') {
      data.acceptances.push({
        rpps: member.rpps,
        charterNumber: v2!.number,
        acceptedAt: stamp(between(v2Day, v2Day + 75), random.int(8, 20), random.int(0, 59)),
      });
    }

    if (member.status === 'LEFT') continue;
    let status: ConventionStatus | null;
    const draw = random.float();
    if (demo) status = 'ACTIVE';
    else if (statuses.includes('ACTIVE')) status = draw < 0.85 ? 'ACTIVE' : 'SIGNED';
    else if (statuses.includes('REGISTERED')) status = draw < 0.5 ? 'ACTIVE' : 'SIGNED';
    else if (statuses.includes('SUBMITTED'))
      status = draw < 0.3 ? 'SENT' : draw < 0.8 ? 'SIGNED' : 'ACTIVE';
    else status = draw < 0.2 ? null : draw < 0.5 ? 'DRAFT' : draw < 0.8 ? 'SENT' : 'SIGNED';
    if (status === null) continue;
    const created = between(epochDay(Y - 1, 10, 1), epochDay(Y - 1, 11, 10));
    const sent = status === 'DRAFT' ? null : created + random.int(5, 25);
    const signed =
      status === 'SIGNED' || status === 'ACTIVE' ? (sent ?? created) + random.int(3, 20) : null;
    data.conventions.push({
      rpps: member.rpps,
      year: Y,
      status,
      createdAt: stamp(created, random.int(9, 17)),
      sentAt: sent === null ? null : stamp(sent, random.int(9, 17)),
      signedAt: signed === null ? null : stamp(signed, random.int(9, 17)),
      activatedAt: status === 'ACTIVE' ? stamp(epochDay(Y, 1, 2), 9) : null,
    });
  }

  // Binôme correspondents: two per registered or active group, never one of its members.
  const binomes: { email: string; society: SocietyCode; load: number }[] = [
    ...data.members
      .filter((member) => member.binome)
      .map((member) => ({ email: member.email, society: member.society, load: 0 })),
    { email: REGISTER_DEMO_ACCOUNTS.binomeAsmt, society: 'ASMT', load: 0 },
    { email: REGISTER_DEMO_ACCOUNTS.binomeArapt, society: 'ARAPT', load: 0 },
  ];
  const preset = new Map<string, string>([
    [groupKey('SSTPC', REGISTER_DEMO_GROUPS.sstpcGapep), REGISTER_DEMO_ACCOUNTS.binomeAsmt],
    [groupKey('SMTVL', REGISTER_DEMO_GROUPS.smtvlGapem), REGISTER_DEMO_ACCOUNTS.binomeArapt],
  ]);
  for (const group of data.groups) {
    if (group.status !== 'ACTIVE' && group.status !== 'REGISTERED') continue;
    const key = groupKey(group.society, group.name);
    const chosen: string[] = [];
    const presetEmail = preset.get(key);
    if (presetEmail) chosen.push(presetEmail);
    while (chosen.length < 2) {
      const sameSocietyFirst = chosen.length === 0;
      let best: { email: string; score: number } | null = null;
      for (const candidate of binomes) {
        if (chosen.includes(candidate.email)) continue;
        if (binomeMembership.get(candidate.email)?.has(key)) continue;
        const same = candidate.society === group.society;
        const score = candidate.load * 10 + (same === sameSocietyFirst ? 0 : 4) + random.float();
        if (!best || score < best.score) best = { email: candidate.email, score };
      }
      if (!best) throw new Error(`no binôme available for ${key}`);
      chosen.push(best.email);
    }
    const registered = Math.round(
      Date.parse(`${group.registeredAt!.slice(0, 10)}T00:00:00Z`) / 86_400_000,
    );
    const assignedOn = chosen.map(() => registered + random.int(1, 14));
    // Now and then a correspondent of an active group was replaced during the year.
    if (group.status === 'ACTIVE' && random.chance(0.35)) {
      const candidates = binomes.filter(
        (candidate) =>
          !chosen.includes(candidate.email) &&
          !binomeMembership.get(candidate.email)?.has(key) &&
          candidate.society !== group.society,
      );
      if (candidates.length > 0) {
        const former = random.pick(candidates);
        const ended = registered + random.int(60, 120);
        data.binomeAssignments.push({
          society: group.society,
          group: group.name,
          email: former.email,
          assignedAt: stamp(registered + random.int(1, 10), 10),
          endedAt: stamp(ended, 18),
        });
        assignedOn[1] = ended + random.int(0, 7);
      }
    }
    chosen.forEach((email, index) => {
      binomes.find((candidate) => candidate.email === email)!.load += 1;
      data.binomeAssignments.push({
        society: group.society,
        group: group.name,
        email,
        assignedAt: stamp(assignedOn[index]!, random.int(9, 18)),
        endedAt: null,
      });
    });
  }

  return data;
}

/** md5 of the ordered list of member RPPS numbers, comma-separated (a determinism check). */
export function registerDemoFingerprint(data: RegisterDemoData): string {
  const rpps = data.members.map((member) => member.rpps).sort();
  return createHash('md5').update(rpps.join(',')).digest('hex');
}

/** Rows per table the seed inserts. */
export function registerDemoCounts(data: RegisterDemoData): Record<string, number> {
  return {
    employer: data.employers.length,
    user_account: data.members.filter((member) => !member.existingAccount).length,
    member: data.members.length,
    role_grant: data.binomeGrants.length,
    charter_version: data.charterVersions.length,
    charter_acceptance: data.acceptances.length,
    convention: data.conventions.length,
    peer_group: data.groups.length,
    group_theme: data.groups.reduce((sum, group) => sum + group.themes.length, 0),
    group_membership: data.memberships.length,
    binome_assignment: data.binomeAssignments.length,
    ...(data.meetings ? meetingsDemoCounts(data.meetings) : {}),
  };
}

/** The Paris calendar year now: the seed's one read of the clock. */
export function currentParisYear(): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric' }).format(
      new Date(),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Insertion

/** A Paris wall-clock text column as timestamptz, never later than the transaction's now(). */
const ts = (column: string) =>
  `CASE WHEN x.${column} IS NULL THEN NULL
        ELSE least((x.${column})::timestamp AT TIME ZONE 'Europe/Paris', now()) END`;

async function insert(
  manager: EntityManager,
  table: string,
  expected: number,
  sql: string,
  rows: unknown[],
  ...extra: unknown[]
): Promise<void> {
  if (rows.length === 0) return;
  const result = (await manager.query(
    `WITH inserted AS (${sql} RETURNING 1) SELECT count(*)::int AS count FROM inserted`,
    [JSON.stringify(rows), ...extra],
  )) as [{ count: number }];
  if (result[0].count !== expected) {
    throw new Error(
      `register demo: ${result[0].count} ${table} rows inserted, ${expected} expected`,
    );
  }
}

/**
 * Inserts the demo register. Runs inside the demo seed's transaction, in system scope, after the
 * demo accounts exist; every new account gets the one given password hash.
 */
export async function seedRegisterDemo(
  manager: EntityManager,
  options: { passwordHash: string; referenceYear?: number },
): Promise<RegisterDemoData> {
  const data = buildRegisterDemo(options.referenceYear ?? currentParisYear());
  const [federation] = (await manager.query('SELECT id FROM user_account WHERE email = $1', [
    FEDERATION_EMAIL,
  ])) as { id: string }[];
  const federationId = federation?.id ?? null;

  await insert(
    manager,
    'employer',
    data.employers.length,
    `INSERT INTO employer (society_id, name, city, siret)
     SELECT s.id, x.name, x.city, x.siret
       FROM jsonb_to_recordset($1::jsonb) AS x(society text, name text, city text, siret text)
       JOIN society s ON s.code = x.society`,
    data.employers.map((employer) => ({
      society: employer.society,
      name: employer.name,
      city: employer.city,
      siret: employer.siret,
    })),
  );

  const newAccounts = data.members.filter((member) => !member.existingAccount);
  await insert(
    manager,
    'user_account',
    newAccounts.length,
    `INSERT INTO user_account (society_id, email, first_name, last_name, status, password_hash, password_changed_at)
     SELECT s.id, x.email, x.first_name, x.last_name, 'ACTIVE', $2::text, now()
       FROM jsonb_to_recordset($1::jsonb) AS x(society text, email text, first_name text, last_name text)
       JOIN society s ON s.code = x.society`,
    newAccounts.map((member) => ({
      society: member.society,
      email: member.email,
      first_name: member.firstName,
      last_name: member.lastName,
    })),
    options.passwordHash,
  );

  await insert(
    manager,
    'member',
    data.members.length,
    `INSERT INTO member (society_id, user_id, profession, rpps, employer_id, region, status)
     SELECT s.id, u.id, x.profession, x.rpps, e.id, x.region, x.status
       FROM jsonb_to_recordset($1::jsonb)
            AS x(society text, email text, profession text, rpps text, employer text, city text, region text, status text)
       JOIN society s ON s.code = x.society
       JOIN user_account u ON u.email = x.email
       JOIN employer e ON e.society_id = s.id AND e.name = x.employer AND e.city = x.city`,
    data.members.map((member) => ({
      society: member.society,
      email: member.email,
      profession: member.profession,
      rpps: member.rpps,
      employer: member.employer,
      city: member.employerCity,
      region: member.region,
      status: member.status,
    })),
  );

  await insert(
    manager,
    'role_grant',
    data.binomeGrants.length,
    `INSERT INTO role_grant (user_id, role, society_id, granted_by)
     SELECT u.id, 'BINOME', NULL, $2::uuid
       FROM jsonb_to_recordset($1::jsonb) AS x(email text)
       JOIN user_account u ON u.email = x.email`,
    data.binomeGrants.map((email) => ({ email })),
    federationId,
  );

  await insert(
    manager,
    'charter_version',
    data.charterVersions.length,
    `INSERT INTO charter_version (number, title, body, published_at, published_by)
     SELECT x.number, x.title, x.body, ${ts('published_at')}, $2::uuid
       FROM jsonb_to_recordset($1::jsonb) AS x(number int, title text, body text, published_at text)`,
    data.charterVersions.map((version) => ({
      number: version.number,
      title: version.title,
      body: version.body,
      published_at: version.publishedAt,
    })),
    federationId,
  );

  // Acceptances are the members' own act; system work (this seed, an import of paper ones) is the
  // one other writer the policies allow.
  const acceptances = JSON.stringify(
    data.acceptances.map((acceptance) => ({
      rpps: acceptance.rpps,
      number: acceptance.charterNumber,
      accepted_at: acceptance.acceptedAt,
    })),
  );
  await manager.query(
    `INSERT INTO charter_acceptance (society_id, member_id, charter_version_id, accepted_at)
     SELECT m.society_id, m.id, v.id, least((x.accepted_at)::timestamp AT TIME ZONE 'Europe/Paris', now())
       FROM jsonb_to_recordset($1::jsonb) AS x(rpps text, number int, accepted_at text)
       JOIN member m ON m.rpps = x.rpps
       JOIN charter_version v ON v.number = x.number`,
    [acceptances],
  );
  const [{ count: accepted }] = (await manager.query(
    'SELECT count(*)::int AS count FROM charter_acceptance',
  )) as [{ count: number }];
  if (accepted !== data.acceptances.length) {
    throw new Error(
      `register demo: ${accepted} charter_acceptance rows, ${data.acceptances.length} expected`,
    );
  }

  await insert(
    manager,
    'convention',
    data.conventions.length,
    `INSERT INTO convention (society_id, member_id, employer_id, year, min_sessions, min_hours, status,
                             sent_at, signed_at, activated_at, created_at, updated_at)
     SELECT m.society_id, m.id, m.employer_id, x.year, 5, 18, x.status,
            ${ts('sent_at')}, ${ts('signed_at')}, ${ts('activated_at')}, ${ts('created_at')},
            greatest(${ts('created_at')}, ${ts('sent_at')}, ${ts('signed_at')}, ${ts('activated_at')})
       FROM jsonb_to_recordset($1::jsonb)
            AS x(rpps text, year int, status text, sent_at text, signed_at text, activated_at text, created_at text)
       JOIN member m ON m.rpps = x.rpps`,
    data.conventions.map((convention) => ({
      rpps: convention.rpps,
      year: convention.year,
      status: convention.status,
      sent_at: convention.sentAt,
      signed_at: convention.signedAt,
      activated_at: convention.activatedAt,
      created_at: convention.createdAt,
    })),
  );

  await insert(
    manager,
    'peer_group',
    data.groups.length,
    `INSERT INTO peer_group (society_id, name, kind, entry_point, draw_mode, meeting_place, status,
                             submitted_at, registered_at, registered_by, created_at, updated_at)
     SELECT s.id, x.name, x.kind, x.entry_point, x.draw_mode, x.meeting_place, x.status,
            ${ts('submitted_at')}, ${ts('registered_at')},
            CASE WHEN x.registered_at IS NULL THEN NULL ELSE $2::uuid END,
            ${ts('created_at')},
            greatest(${ts('created_at')}, ${ts('submitted_at')}, ${ts('registered_at')})
       FROM jsonb_to_recordset($1::jsonb)
            AS x(society text, name text, kind text, entry_point text, draw_mode text, meeting_place text,
                 status text, submitted_at text, registered_at text, created_at text)
       JOIN society s ON s.code = x.society`,
    data.groups.map((group) => ({
      society: group.society,
      name: group.name,
      kind: group.kind,
      entry_point: group.entryPoint,
      draw_mode: group.drawMode,
      meeting_place: group.meetingPlace,
      status: group.status,
      submitted_at: group.submittedAt,
      registered_at: group.registeredAt,
      created_at: group.createdAt,
    })),
    federationId,
  );

  const groupThemes = data.groups.flatMap((group) =>
    group.themes.map((code) => ({ society: group.society, name: group.name, code })),
  );
  await insert(
    manager,
    'group_theme',
    groupThemes.length,
    `INSERT INTO group_theme (group_id, theme_id, society_id)
     SELECT g.id, t.id, g.society_id
       FROM jsonb_to_recordset($1::jsonb) AS x(society text, name text, code text)
       JOIN society s ON s.code = x.society
       JOIN peer_group g ON g.society_id = s.id AND g.name = x.name
       JOIN theme t ON t.code = x.code`,
    groupThemes,
  );

  // Memberships before binôme assignments: the assignment trigger checks membership.
  await insert(
    manager,
    'group_membership',
    data.memberships.length,
    `INSERT INTO group_membership (society_id, group_id, member_id, role, joined_on, left_on)
     SELECT g.society_id, g.id, m.id, x.role, x.joined_on, x.left_on
       FROM jsonb_to_recordset($1::jsonb)
            AS x(society text, name text, rpps text, role text, joined_on date, left_on date)
       JOIN society s ON s.code = x.society
       JOIN peer_group g ON g.society_id = s.id AND g.name = x.name
       JOIN member m ON m.rpps = x.rpps`,
    data.memberships.map((membership) => ({
      society: membership.society,
      name: membership.group,
      rpps: membership.rpps,
      role: membership.role,
      joined_on: membership.joinedOn,
      left_on: membership.leftOn,
    })),
  );

  await insert(
    manager,
    'binome_assignment',
    data.binomeAssignments.length,
    `INSERT INTO binome_assignment (society_id, group_id, user_id, assigned_at, assigned_by, ended_at)
     SELECT g.society_id, g.id, u.id, ${ts('assigned_at')}, $2::uuid, ${ts('ended_at')}
       FROM jsonb_to_recordset($1::jsonb)
            AS x(society text, name text, email text, assigned_at text, ended_at text)
       JOIN society s ON s.code = x.society
       JOIN peer_group g ON g.society_id = s.id AND g.name = x.name
       JOIN user_account u ON u.email = x.email`,
    data.binomeAssignments.map((assignment) => ({
      society: assignment.society,
      name: assignment.group,
      email: assignment.email,
      assigned_at: assignment.assignedAt,
      ended_at: assignment.endedAt,
    })),
    federationId,
  );

  // The active groups' programmes (held and planned meetings) and the credit rules.
  data.meetings = await seedMeetingsDemo(manager, data);
  return data;
}
