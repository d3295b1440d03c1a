import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PeerGroup } from '../groups/group.entities';

@ObjectType({ description: 'Un groupe en deçà des seuils de sa société, et pourquoi' })
export class GroupBelowThreshold {
  @Field(() => ID)
  groupId: string;

  @Field(() => PeerGroup, { nullable: true })
  group: PeerGroup | null;

  @Field(() => [String], { description: 'Ce qui manque au programme de l’année (prévu et tenu)' })
  reasons: string[];
}

@ObjectType({ description: 'Réunions d’un mois, pour une société' })
export class MonthlyMeetings {
  @Field({ description: 'AAAA-MM (heure de Paris)' })
  month: string;

  @Field()
  societyCode: string;

  @Field(() => Int)
  held: number;

  @Field(() => Int, { description: 'Prévues et pas encore tenues' })
  planned: number;
}

@ObjectType({ description: 'Membres dont les heures de l’année tombent dans cette tranche' })
export class HoursBucketCount {
  @Field()
  code: string;

  @Field()
  label: string;

  @Field(() => Int)
  members: number;
}

@ObjectType({ description: 'Inscriptions de groupes d’un mois' })
export class MonthlyRegistrations {
  @Field({ description: 'AAAA-MM (heure de Paris)' })
  month: string;

  @Field(() => Int, { description: 'Demandes déposées' })
  submitted: number;

  @Field(() => Int, { description: 'Groupes inscrits' })
  registered: number;
}

@ObjectType({
  description:
    'Tableau de bord d’une année : la fédération entière ou une société. Chaque chiffre renvoie à la liste qui le justifie.',
})
export class Dashboard {
  @Field(() => Int)
  year: number;

  @Field(() => ID, { nullable: true, description: 'La société, ou null pour toute la fédération' })
  societyId: string | null;

  @Field(() => Int)
  activeGroups: number;

  @Field(() => Int, { description: 'Membres actifs' })
  members: number;

  @Field(() => Int, { description: 'Réunions de l’année non annulées (prévues et tenues)' })
  meetingsPlanned: number;

  @Field(() => Int)
  meetingsHeld: number;

  @Field(() => Float, { description: 'Heures de réunion tenues' })
  hoursHeld: number;

  @Field(() => Float, {
    description: 'Signatures / membres attendus aux réunions tenues (0 à 1)',
  })
  attendanceRate: number;

  @Field(() => [GroupBelowThreshold], {
    description: 'Groupes actifs dont le programme de l’année n’atteint pas les seuils',
  })
  groupsBelowThreshold: GroupBelowThreshold[];

  @Field(() => Int, {
    description: 'Membres en deçà des seuils (complianceReport(onlyShort: true))',
  })
  membersBelowThreshold: number;

  @Field(() => [PeerGroup], { description: 'Groupes actifs ou inscrits sans binôme' })
  groupsWithoutBinome: PeerGroup[];

  @Field(() => [PeerGroup], { description: 'Demandes d’inscription en attente (SUBMITTED)' })
  registrationsWaiting: PeerGroup[];

  @Field(() => Int, {
    description:
      'Comptes-rendus validés et cas transmis sans retour du binôme depuis plus de 30 jours',
  })
  binomeItemsWaiting30: number;

  @Field(() => Int, {
    description: 'Membres actifs sans convention signée pour l’année (à relancer)',
  })
  conventionsToChase: number;

  @Field(() => [MonthlyMeetings])
  meetingsPerMonth: MonthlyMeetings[];

  @Field(() => [HoursBucketCount], { description: 'Heures des membres face à leur seuil' })
  hoursDistribution: HoursBucketCount[];

  @Field(() => [MonthlyRegistrations])
  registrationsOverTime: MonthlyRegistrations[];
}

@ObjectType({
  description:
    'Les chiffres clés d’une année, sans le reste du tableau de bord : groupes actifs, membres actifs, réunions tenues, signatures',
})
export class SocietyStats {
  @Field(() => ID, { nullable: true, description: 'La société, ou null pour toute la fédération' })
  societyId: string | null;

  @Field(() => Int)
  year: number;

  @Field(() => Int)
  activeGroups: number;

  @Field(() => Int, { description: 'Membres actifs' })
  members: number;

  @Field(() => Int)
  meetingsHeld: number;

  @Field(() => Int, { description: 'Signatures aux réunions tenues de l’année' })
  signatures: number;
}
