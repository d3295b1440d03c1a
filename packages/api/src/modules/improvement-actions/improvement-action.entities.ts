import type { ActionStatus } from '@epairs/shared';
import { ACTION_STATUSES } from '@epairs/shared';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';
import { graphqlEnum } from '../../common/graphql/enums';

export const ActionStatusEnum = graphqlEnum(
  ACTION_STATUSES,
  'ActionStatus',
  'Proposée, en cours, réalisée, abandonnée',
);

const numeric = { to: (value: number) => value, from: (value: string | null) => Number(value) };

@ObjectType({ description: 'Action d’amélioration proposée dans un compte-rendu, et son suivi' })
@Entity('improvement_action')
export class ImprovementAction extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => ID, { description: 'Le compte-rendu qui l’a proposée' })
  @Column('uuid', { name: 'report_id' })
  reportId: string;

  @Field()
  @Column('text')
  description: string;

  @Field(() => ID, { nullable: true, description: 'Le ou la responsable, membre du groupe' })
  @Column('uuid', { name: 'owner_member_id', nullable: true })
  ownerMemberId: string | null;

  @Field({ description: 'Modalité de suivi' })
  @Column('text', { name: 'follow_up' })
  followUp: string;

  @Field(() => String, { nullable: true, description: 'Échéance (AAAA-MM-JJ)' })
  @Column('date', { name: 'due_on', nullable: true })
  dueOn: string | null;

  @Field(() => ActionStatusEnum)
  @Column('text')
  status: ActionStatus;

  @Field(() => String, { nullable: true, description: 'Indicateur suivi, le cas échéant' })
  @Column('text', { name: 'indicator_label', nullable: true })
  indicatorLabel: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'indicator_unit', nullable: true })
  indicatorUnit: string | null;

  @Field(() => ID)
  @Column('uuid', { name: 'created_by_member_id' })
  createdByMemberId: string;
}

@ObjectType({ description: 'Une mesure de l’indicateur, à une date' })
@Entity('improvement_indicator_value')
export class IndicatorValue {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'action_id' })
  actionId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field({ description: 'AAAA-MM-JJ' })
  @Column('date', { name: 'measured_on' })
  measuredOn: string;

  @Field(() => Float)
  @Column('numeric', { transformer: numeric })
  value: number;

  @Column('uuid', { name: 'recorded_by_member_id' })
  recordedByMemberId: string;

  @Field()
  @Column({ type: 'timestamptz', name: 'recorded_at', insert: false, update: false })
  recordedAt: Date;
}
