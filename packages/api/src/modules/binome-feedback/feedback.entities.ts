import type { FeedbackStatus } from '@epairs/shared';
import { FEEDBACK_STATUSES, LOOP_STATUSES } from '@epairs/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';
import { graphqlEnum } from '../../common/graphql/enums';

export const FeedbackStatusEnum = graphqlEnum(
  FEEDBACK_STATUSES,
  'FeedbackStatus',
  'Brouillon du binôme, envoyé au groupe, discuté par le groupe',
);
export const LoopStatusEnum = graphqlEnum(
  LOOP_STATUSES,
  'LoopStatus',
  'Où en est la boucle : en attente du binôme, retour envoyé, discuté par le groupe',
);

@ObjectType({
  description:
    'Retour du binôme (questions et remarques) : métadonnées ; le texte est réservé au binôme et au groupe',
})
@Entity('binome_feedback')
export class BinomeFeedback extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'report_id', nullable: true })
  reportId: string | null;

  @Field(() => Int, { nullable: true, description: 'La version du compte-rendu lue' })
  @Column('integer', { name: 'report_edition', nullable: true })
  reportEdition: number | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Field(() => ID)
  @Column('uuid', { name: 'author_user_id' })
  authorUserId: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'cosigned_by_user_id', nullable: true })
  cosignedByUserId: string | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'cosigned_at', nullable: true })
  cosignedAt: Date | null;

  @Field(() => FeedbackStatusEnum)
  @Column('text')
  status: FeedbackStatus;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'La réunion où le groupe l’a discuté' })
  @Column('uuid', { name: 'discussed_at_meeting_id', nullable: true })
  discussedAtMeetingId: string | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'discussed_at', nullable: true })
  discussedAt: Date | null;
}

@Entity('binome_feedback_text')
export class BinomeFeedbackText {
  @PrimaryColumn('uuid', { name: 'feedback_id' })
  feedbackId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Column('text', { array: true })
  questions: string[];

  @Column('text')
  remarks: string;
}

@Entity('binome_feedback_response')
export class BinomeFeedbackResponse {
  @PrimaryColumn('uuid', { name: 'feedback_id' })
  feedbackId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Column('text')
  response: string;

  @Column('uuid', { name: 'written_by_member_id' })
  writtenByMemberId: string;

  @Column({ type: 'timestamptz', name: 'written_at', insert: false, update: false })
  writtenAt: Date;
}
