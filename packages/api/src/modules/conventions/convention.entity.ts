import { CONVENTION_STATUSES, type ConventionStatus } from '@epairs/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/graphql/enums';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';

export const ConventionStatusEnum = graphqlEnum(
  CONVENTION_STATUSES,
  'ConventionStatus',
  'DRAFT → SENT → SIGNED → ACTIVE → CLOSED, ou CANCELLED',
);

@ObjectType({ description: 'Convention individuelle annuelle (membre ↔ E-Pairs, via l’employeur)' })
@Entity('convention')
export class Convention extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'employer_id', nullable: true })
  employerId: string | null;

  @Field(() => Int)
  @Column('integer')
  year: number;

  @Field(() => Int, { description: 'Séances minimales (seuil de la société pour l’année)' })
  @Column('integer', { name: 'min_sessions' })
  minSessions: number;

  @Field(() => Int)
  @Column('integer', { name: 'min_hours' })
  minHours: number;

  @Field(() => ConventionStatusEnum)
  @Column('text')
  status: ConventionStatus;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'signed_at', nullable: true })
  signedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'activated_at', nullable: true })
  activatedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;
}
