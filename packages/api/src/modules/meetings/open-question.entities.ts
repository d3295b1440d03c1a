import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';

@ObjectType({
  description: 'Question en suspens : métadonnées (le texte est réservé au groupe et à son binôme)',
})
@Entity('open_question')
export class OpenQuestion extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'raised_at_meeting_id' })
  raisedAtMeetingId: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'volunteer_member_id', nullable: true })
  volunteerMemberId: string | null;

  @Field({ description: 'OPEN ou ANSWERED' })
  @Column('text')
  status: 'OPEN' | 'ANSWERED';

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'answered_at_meeting_id', nullable: true })
  answeredAtMeetingId: string | null;
}

@Entity('open_question_text')
export class OpenQuestionText {
  @PrimaryColumn('uuid', { name: 'question_id' })
  questionId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Column('text')
  question: string;

  @Column('text', { nullable: true })
  answer: string | null;
}
