import type { ActionStatus, ReferenceKind, ReportStatus } from '@epairs/shared';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ActionStatusEnum } from '../improvement-actions/improvement-action.entities';
import { ReferenceKindEnum } from '../references/reference.entities';
import { ReportStatusEnum } from '../reports/report.entities';

@ObjectType({ description: 'Une réunion de l’année, avec ses participants (feuille signée)' })
export class SummaryMeetingType {
  @Field(() => ID)
  id: string;

  @Field()
  startsAt: Date;

  @Field(() => Int)
  durationMinutes: number;

  @Field({ description: 'PLANNED ou HELD' })
  status: string;

  @Field(() => Int)
  participants: number;

  @Field(() => ReportStatusEnum, { nullable: true })
  reportStatus: ReportStatus | null;
}

@ObjectType({ description: 'Un membre et ses rôles dans l’année' })
export class SummaryMemberType {
  @Field(() => ID)
  memberId: string;

  @Field()
  name: string;

  @Field()
  profession: string;

  @Field()
  relay: boolean;

  @Field(() => Int)
  meetingsAttended: number;

  @Field(() => Int)
  minutesAttended: number;

  @Field(() => Int)
  animator: number;

  @Field(() => Int)
  secretary: number;

  @Field(() => Int)
  presenter: number;
}

@ObjectType()
export class SummaryReferenceType {
  @Field(() => ID)
  id: string;

  @Field(() => ReferenceKindEnum)
  kind: ReferenceKind;

  @Field()
  citation: string;

  @Field(() => Int, { nullable: true })
  year: number | null;
}

@ObjectType()
export class SummaryActionType {
  @Field(() => ID)
  id: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true })
  owner: string | null;

  @Field(() => ActionStatusEnum)
  status: ActionStatus;

  @Field(() => String, { nullable: true })
  dueOn: string | null;

  @Field(() => String, { nullable: true })
  indicatorLabel: string | null;

  @Field(() => Float, { nullable: true })
  lastValue: number | null;

  @Field(() => String, { nullable: true })
  lastMeasuredOn: string | null;
}

@ObjectType()
export class SummaryReportCounts {
  @Field(() => Int)
  validated: number;

  @Field(() => Int)
  inProgress: number;

  @Field(() => Int, { description: 'Réunions tenues sans compte-rendu' })
  missing: number;
}

@ObjectType({ description: 'Document récapitulatif annuel d’un groupe, calculé (jamais saisi)' })
export class AnnualSummaryType {
  @Field(() => ID)
  groupId: string;

  @Field()
  groupName: string;

  @Field()
  societyName: string;

  @Field(() => Int)
  year: number;

  @Field(() => [SummaryMeetingType])
  meetings: SummaryMeetingType[];

  @Field(() => Int)
  meetingsHeld: number;

  @Field(() => Int)
  meetingsPlanned: number;

  @Field(() => Int)
  meetingsCancelled: number;

  @Field(() => Int)
  totalMinutes: number;

  @Field(() => Int, { description: 'Nombre de personnes différentes ayant signé' })
  distinctParticipants: number;

  @Field(() => Float, { description: 'Signatures par réunion tenue, en moyenne' })
  averageParticipants: number;

  @Field(() => [SummaryMemberType])
  members: SummaryMemberType[];

  @Field(() => [String])
  themes: string[];

  @Field(() => Int)
  casesPresented: number;

  @Field(() => SummaryReportCounts)
  reports: SummaryReportCounts;

  @Field(() => [SummaryReferenceType])
  referencesUsed: SummaryReferenceType[];

  @Field(() => [SummaryReferenceType])
  referencesCollected: SummaryReferenceType[];

  @Field(() => [SummaryActionType])
  actions: SummaryActionType[];

  @Field()
  selfEvaluationSubmitted: boolean;
}

@InputType({ description: 'Une réponse au questionnaire d’auto-évaluation (1 à 4)' })
export class SelfEvaluationAnswerInput {
  @Field()
  code: string;

  @Field(() => Int)
  score: number;
}

@ObjectType()
export class SelfEvaluationAnswer {
  @Field()
  code: string;

  @Field()
  question: string;

  @Field(() => Int, { nullable: true })
  score: number | null;
}
