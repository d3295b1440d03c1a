import {
  MEETING_MODES,
  MEETING_STATUSES,
  RSVP_ANSWERS,
  SESSION_ROLES,
  type MeetingMode,
  type MeetingStatus,
  type RsvpAnswer,
  type SessionRole,
} from '@epairs/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';
import { graphqlEnum } from '../../common/graphql/enums';

export const MeetingModeEnum = graphqlEnum(
  MEETING_MODES,
  'MeetingMode',
  'Présentiel, distanciel ou hybride',
);
export const MeetingStatusEnum = graphqlEnum(
  MEETING_STATUSES,
  'MeetingStatus',
  'PLANNED → HELD, ou CANCELLED',
);
export const SessionRoleEnum = graphqlEnum(
  SESSION_ROLES,
  'SessionRole',
  'Animateur, secrétaire, présentateur',
);
export const RsvpAnswerEnum = graphqlEnum(RSVP_ANSWERS, 'RsvpAnswer');

@ObjectType({ description: 'Réunion (séance) d’un groupe' })
@Entity('meeting')
export class Meeting extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  title: string | null;

  @Field({ description: 'Instant de début (ISO 8601, UTC) ; affiché à l’heure de Paris' })
  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Field(() => Int)
  @Column('integer', { name: 'duration_minutes' })
  durationMinutes: number;

  @Field(() => MeetingModeEnum)
  @Column('text')
  mode: MeetingMode;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  place: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  link: string | null;

  @Field(() => MeetingStatusEnum)
  @Column('text')
  status: MeetingStatus;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'sheet_closed_at', nullable: true })
  sheetClosedAt: Date | null;

  // Never exposed: signs QR tokens and derives fallback codes.
  @Column('bytea', { name: 'signing_secret', select: false })
  signingSecret: Buffer;

  /** RFC 5545 SEQUENCE of the invitation: bumped when the meeting changes. */
  @Column('integer')
  sequence: number;
}

@ObjectType({ description: 'Rôle de séance tenu par un membre' })
@Entity('meeting_role')
export class MeetingRole {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'meeting_id' })
  meetingId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Field(() => SessionRoleEnum)
  @Column('text')
  role: SessionRole;
}

@ObjectType({ description: 'Réponse à une invitation' })
@Entity('meeting_rsvp')
export class MeetingRsvp {
  @Field(() => ID)
  @PrimaryColumn('uuid', { name: 'meeting_id' })
  meetingId: string;

  @Field(() => ID)
  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => RsvpAnswerEnum)
  @Column('text')
  answer: RsvpAnswer;

  @Field()
  @Column('timestamptz', { name: 'answered_at' })
  answeredAt: Date;
}

@ObjectType({ description: "Ligne de la feuille d'émargement" })
@Entity('attendance')
export class Attendance {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'meeting_id' })
  meetingId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Field({ description: 'SIGNED (signé par la personne) ou EXCUSED (absence excusée)' })
  @Column('text')
  status: 'SIGNED' | 'EXCUSED';

  @Field({ description: 'QR, CODE, EXCUSE ou CORRECTION' })
  @Column('text')
  method: 'QR' | 'CODE' | 'CORRECTION' | 'EXCUSE';

  @Field({ description: 'Horodatage de la signature' })
  @Column({ type: 'timestamptz', name: 'signed_at', insert: false })
  signedAt: Date;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'correction_reason', nullable: true })
  correctionReason: string | null;
}

@ObjectType({ description: 'Crédits DPC d’une société pour une année' })
@Entity('credit_rule')
export class CreditRule extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => Int)
  @Column('integer')
  year: number;

  @Field({ description: 'Crédits par heure de participation' })
  @Column('numeric', {
    name: 'credits_per_hour',
    transformer: { to: (v: number) => v, from: Number },
  })
  creditsPerHour: number;

  @Field({ description: 'Crédits par situation présentée' })
  @Column('numeric', {
    name: 'credits_per_case',
    transformer: { to: (v: number) => v, from: Number },
  })
  creditsPerCase: number;

  @Field({ description: 'Crédits par compte-rendu rédigé' })
  @Column('numeric', {
    name: 'credits_per_report',
    transformer: { to: (v: number) => v, from: Number },
  })
  creditsPerReport: number;
}

@Entity('attestation')
export class Attestation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Column('integer')
  year: number;

  @Column('text')
  code: string;

  @Column('jsonb')
  snapshot: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'issued_at', insert: false })
  issuedAt: Date;

  @Column('uuid', { name: 'issued_by', nullable: true })
  issuedBy: string | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoked_reason', nullable: true })
  revokedReason: string | null;
}
