import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { REGISTER_DEMO_GROUPS } from './register-demo';

/**
 * The demonstration thesaurus: « repères professionnels » drawn from the accompaniments of active
 * groups, as their binômes would write them (no name, no identifier: the pseudonymisation guard
 * lets every text through, see demo-data.e2e-spec.ts). All published with the group's relay
 * person's agreement but one, still proposed in the demo relay person's group.
 */
export interface SeedThesaurusEntry {
  group: string;
  themes: string[];
  status: 'PROPOSED' | 'PUBLISHED';
  /** How long ago it was proposed, then published (days). */
  proposedDaysAgo: number;
  publishedDaysAgo: number | null;
  title: string;
  lesson: string;
  context: string;
}

export const THESAURUS_DEMO: SeedThesaurusEntry[] = [
  {
    group: REGISTER_DEMO_GROUPS.sstpcGapep,
    themes: ['MSD'],
    status: 'PUBLISHED',
    proposedDaysAgo: 120,
    publishedDaysAgo: 105,
    title: 'Troubles musculo-squelettiques des caristes : aménager le poste avant l’arrêt',
    lesson:
      'Dès les premières plaintes lombaires, une étude de poste conjointe avec l’encadrement et l’ergonome du service permet d’agir sur les vibrations et les manutentions avant l’arrêt de travail. Le groupe retient d’écrire la proposition d’aménagement et d’en fixer la date de revue.',
    context:
      'Plateforme logistique, conducteurs de chariots élévateurs en horaires postés ; plusieurs lombalgies déclarées dans l’année.',
  },
  {
    group: 'GAPEM Charente-Maritime',
    themes: ['CHEMICAL_EXPOSURE'],
    status: 'PUBLISHED',
    proposedDaysAgo: 200,
    publishedDaysAgo: 180,
    title: 'Risque chimique au garage : la traçabilité des expositions d’abord',
    lesson:
      'Une liste à jour des produits utilisés et de leurs fiches de données de sécurité, croisée avec la fiche d’entreprise, suffit souvent à argumenter le lien entre une dermatose et l’exposition aux solvants. Sans elle, la déclaration en maladie professionnelle s’enlise.',
    context:
      'Atelier de mécanique automobile de petite taille ; salarié de 40 ans, eczéma des mains récidivant.',
  },
  {
    group: REGISTER_DEMO_GROUPS.smtvlGapem,
    themes: ['PSYCHOSOCIAL_RISKS'],
    status: 'PUBLISHED',
    proposedDaysAgo: 150,
    publishedDaysAgo: 140,
    title: 'Épuisement dans une équipe : une alerte sur l’organisation, pas sur les personnes',
    lesson:
      'Quand plusieurs salariés d’une même équipe consultent pour épuisement, l’alerte à l’employeur porte sur l’organisation du travail et non sur les individus. Le groupe conseille de documenter les facteurs de risques psychosociaux repérés et de proposer une intervention collective.',
    context:
      'Centre d’appels, objectifs chiffrés revus chaque semaine, réorganisation récente des plannings.',
  },
  {
    group: 'GAPEP Paris Rive Gauche',
    themes: ['JOB_RETENTION', 'MSD'],
    status: 'PUBLISHED',
    proposedDaysAgo: 90,
    publishedDaysAgo: 75,
    title: 'Maintien dans l’emploi : la visite de pré-reprise change l’issue',
    lesson:
      'Proposée tôt pendant un arrêt long, la visite de pré-reprise permet de préparer un temps partiel thérapeutique et un aménagement avec l’employeur ; attendue trop tard, elle débouche plus souvent sur une inaptitude.',
    context:
      'Aide-soignante en arrêt depuis quatre mois après une chirurgie de l’épaule, port de charges au quotidien.',
  },
  {
    group: 'GAPEP Lyon Confluence',
    themes: ['BIOLOGICAL_RISK'],
    status: 'PUBLISHED',
    proposedDaysAgo: 60,
    publishedDaysAgo: 45,
    title: 'Accident d’exposition au sang : éprouver le circuit avec l’équipe de nuit',
    lesson:
      'L’affichage de la conduite à tenir ne suffit pas : l’équipe de nuit ne savait pas où se faire prendre en charge. Le groupe retient de tester le circuit avec les équipes à chaque changement d’organisation, et d’en garder la trace dans le document unique.',
    context:
      'Établissement d’hébergement pour personnes âgées dépendantes, piqûre lors d’un soin de nuit.',
  },
  {
    group: REGISTER_DEMO_GROUPS.sstpcGapep,
    themes: ['MSD'],
    status: 'PROPOSED',
    proposedDaysAgo: 7,
    publishedDaysAgo: null,
    title: 'Gestes répétitifs en abattoir : la rotation des postes ne suffit pas',
    lesson:
      'La rotation entre des postes qui sollicitent les mêmes articulations ne réduit pas le risque de troubles musculo-squelettiques ; le groupe propose d’évaluer chaque poste avant de bâtir une rotation.',
    context: 'Découpe de volailles, cadence imposée, travail au froid.',
  },
];

/**
 * Inserts the demo thesaurus inside the demo seed's system-scope transaction, after the register:
 * each entry proposed by one of its group's current binômes (a demo binôme first), published with
 * the agreement of the group's current relay person. One statement per table; ids are made here,
 * since system work writes proposals but never reads them back (no administrator scope does).
 */
export async function seedThesaurusDemo(manager: EntityManager): Promise<number> {
  const entries = THESAURUS_DEMO.map((entry) => ({ ...entry, id: randomUUID() }));
  const runner = manager.queryRunner!;
  const { affected } = await runner.query(
    `INSERT INTO thesaurus_entry (id, society_id, group_id, proposed_by_user_id, status, title, lesson, context,
                                  agreed_by_member_id, published_at, created_at, updated_at)
     SELECT x.id, g.society_id, g.id,
            (SELECT b.user_id FROM binome_assignment b JOIN user_account u ON u.id = b.user_id
              WHERE b.group_id = g.id AND b.ended_at IS NULL
              ORDER BY (u.email LIKE '%@demo.e-pairs.fr') DESC, u.email LIMIT 1),
            x.status, x.title, x.lesson, x.context,
            CASE WHEN x.status = 'PUBLISHED' THEN
              (SELECT gm.member_id FROM group_membership gm
                WHERE gm.group_id = g.id AND gm.role = 'RELAY' AND gm.left_on IS NULL) END,
            now() - make_interval(days => x."publishedDaysAgo"),
            now() - make_interval(days => x."proposedDaysAgo"),
            now() - make_interval(days => coalesce(x."publishedDaysAgo", x."proposedDaysAgo"))
       FROM jsonb_to_recordset($1::jsonb)
            AS x(id uuid, "group" text, status text, "proposedDaysAgo" int, "publishedDaysAgo" int,
                 title text, lesson text, context text)
       JOIN peer_group g ON g.name = x."group" AND g.status = 'ACTIVE'`,
    [JSON.stringify(entries)],
    true,
  );
  if (affected !== entries.length) {
    throw new Error(`thesaurus demo: ${affected} entries inserted, ${entries.length} expected`);
  }
  const themes = entries.flatMap((entry) =>
    entry.themes.map((code) => ({ id: entry.id, group: entry.group, code })),
  );
  const linked = await runner.query(
    `INSERT INTO thesaurus_entry_theme (entry_id, theme_id, society_id)
     SELECT x.id, t.id, g.society_id
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "group" text, code text)
       JOIN peer_group g ON g.name = x."group"
       JOIN theme t ON t.code = x.code`,
    [JSON.stringify(themes)],
    true,
  );
  if (linked.affected !== themes.length) {
    throw new Error(`thesaurus demo: ${linked.affected} themes linked, ${themes.length} expected`);
  }
  return entries.length;
}
