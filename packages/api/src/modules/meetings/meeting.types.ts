import type { MeetingMode, MeetingStatus, SessionRole } from '@epairs/shared';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Member } from '../members/member.entity';
import { MeetingModeEnum, MeetingStatusEnum, SessionRoleEnum } from './meeting.entities';

@InputType()
export class MeetingFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  groupId?: string;

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => MeetingStatusEnum, { nullable: true })
  status?: MeetingStatus;

  @Field(() => Int, { nullable: true, description: 'Année (heure de Paris)' })
  year?: number;

  @Field(() => Boolean, { nullable: true, description: 'Sans les réunions annulées' })
  excludeCancelled?: boolean;
}

@ArgsType()
export class PlanMeetingArgs {
  @Field(() => ID)
  groupId: string;

  @Field({ description: 'Instant de début (ISO 8601 ; ex. 2026-03-29T18:00:00+02:00)' })
  startsAt: Date;

  @Field(() => Int, { description: 'Durée en minutes (30 à 480)' })
  durationMinutes: number;

  @Field(() => MeetingModeEnum, { nullable: true })
  mode?: MeetingMode;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true })
  link?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@ArgsType()
export class UpdateMeetingArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => Date, { nullable: true })
  startsAt?: Date;

  @Field(() => Int, { nullable: true })
  durationMinutes?: number;

  @Field(() => MeetingModeEnum, { nullable: true })
  mode?: MeetingMode;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true })
  link?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;
}

@ObjectType({ description: 'Ce que la personne-relais affiche pour l’émargement' })
export class SigningCredentials {
  @Field({ description: 'À mettre dans le QR code (change toutes les 30 s)' })
  token: string;

  @Field({ description: 'Lien complet à encoder dans le QR code' })
  link: string;

  @Field({ description: 'Code de secours à 6 chiffres (change chaque minute)' })
  code: string;

  @Field()
  tokenExpiresAt: Date;

  @Field()
  codeExpiresAt: Date;
}

@ObjectType({ description: "Statut d'un programme face aux seuils de la société" })
export class ProgrammeStatusType {
  @Field(() => Int)
  meetings: number;

  @Field()
  hours: number;

  @Field()
  meetsMeetings: boolean;

  @Field()
  meetsHours: boolean;

  @Field(() => [String])
  shortfalls: string[];
}

@ObjectType({ description: "Programme d'un groupe pour une année : prévu (prévu + tenu) et tenu" })
export class GroupProgrammeType {
  @Field(() => Int)
  year: number;

  @Field(() => ProgrammeStatusType)
  planned: ProgrammeStatusType;

  @Field(() => ProgrammeStatusType)
  held: ProgrammeStatusType;
}

@ObjectType({ description: "Conformité d'un membre pour une année, calculée, jamais saisie" })
export class MemberComplianceType {
  @Field(() => ID)
  memberId: string;

  @Field(() => Member, { nullable: true })
  member?: Member | null;

  @Field(() => Int)
  year: number;

  @Field(() => Int)
  attended: number;

  @Field()
  hours: number;

  @Field(() => Int)
  animated: number;

  @Field(() => Int)
  reported: number;

  @Field(() => Int)
  presented: number;

  @Field()
  credits: number;

  @Field(() => Int, { description: 'Réunions à suivre (seuil de la société)' })
  minAttended: number;

  @Field({ description: 'Heures attendues dans l’année (seuil de la société)' })
  minHours: number;

  @Field()
  compliant: boolean;

  @Field(() => [String], { description: 'Ce qui manque encore, en français' })
  missing: string[];
}

@ObjectType()
export class RotationProposalType {
  @Field(() => ID)
  meetingId: string;

  @Field()
  startsAt: Date;

  @Field(() => ID, { nullable: true })
  animatorId: string | null;

  @Field(() => ID, { nullable: true })
  secretaryId: string | null;

  @Field(() => [ID])
  presenterIds: string[];
}

@ObjectType()
export class UncoveredRole {
  @Field(() => ID)
  memberId: string;

  @Field(() => SessionRoleEnum)
  role: SessionRole;

  @Field()
  message: string;
}

@ObjectType({ description: 'Propositions de rotation des rôles pour les réunions prévues' })
export class RotationPlanType {
  @Field(() => [RotationProposalType])
  proposals: RotationProposalType[];

  @Field(() => [UncoveredRole], { description: 'Qui n’aura pas tenu un rôle, faute de réunions' })
  uncovered: UncoveredRole[];
}

@ObjectType({
  description: "Rôles tenus par un membre du groupe dans l'année (réunions prévues ou tenues)",
})
export class MemberRoleCount {
  @Field(() => ID)
  memberId: string;

  @Field(() => Member, { nullable: true })
  member?: Member | null;

  @Field(() => Int)
  animated: number;

  @Field(() => Int)
  reported: number;

  @Field(() => Int)
  presented: number;
}
