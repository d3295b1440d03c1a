import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';

@ObjectType({ description: 'Auto-évaluation annuelle du groupe (conservée par année)' })
@Entity('annual_self_evaluation')
export class SelfEvaluation extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => Int)
  @Column('integer')
  year: number;

  @Column('jsonb')
  answers: Record<string, number>;

  @Field()
  @Column('text')
  comment: string;

  @Field({ description: 'DRAFT ou SUBMITTED' })
  @Column('text')
  status: 'DRAFT' | 'SUBMITTED';

  @Field(() => ID)
  @Column('uuid', { name: 'updated_by_member_id' })
  updatedByMemberId: string;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;
}
