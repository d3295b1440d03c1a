import type { ReportValidationRule } from '@epairs/shared';
import { ReportValidationRuleEnum } from '../reports/report.entities';
import {
  DRAW_MODES,
  ENTRY_POINTS,
  GROUP_KINDS,
  GROUP_ROLES,
  GROUP_STATUSES,
  type DrawMode,
  type EntryPoint,
  type GroupKind,
  type GroupRole,
  type GroupStatus,
} from '@epairs/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';
import { graphqlEnum } from '../../common/graphql/enums';

export const GroupKindEnum = graphqlEnum(
  GROUP_KINDS,
  'GroupKind',
  'GAPEP : une profession ; GAPEM : mixte',
);
export const EntryPointEnum = graphqlEnum(ENTRY_POINTS, 'EntryPoint', "Porte d'entrée du groupe");
export const DrawModeEnum = graphqlEnum(
  DRAW_MODES,
  'DrawMode',
  'Choix des cas : tirage au sort ou thème',
);
export const GroupStatusEnum = graphqlEnum(
  GROUP_STATUSES,
  'GroupStatus',
  'FORMING → SUBMITTED → REGISTERED → ACTIVE → CLOSED (SUSPENDED possible)',
);
export const GroupRoleEnum = graphqlEnum(
  GROUP_ROLES,
  'GroupRole',
  'MEMBER ou RELAY (personne-relais)',
);

@ObjectType({ description: 'Groupe de pairs (GAPEP / GAPEM)' })
@Entity('peer_group')
export class PeerGroup extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field()
  @Column('text')
  name: string;

  @Field(() => GroupKindEnum)
  @Column('text')
  kind: GroupKind;

  @Field(() => EntryPointEnum)
  @Column('text', { name: 'entry_point' })
  entryPoint: EntryPoint;

  @Field(() => DrawModeEnum, { nullable: true, description: 'Pour CASE_PRESENTATION seulement' })
  @Column('text', { name: 'draw_mode', nullable: true })
  drawMode: DrawMode | null;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'meeting_place', nullable: true })
  meetingPlace: string | null;

  @Field(() => ReportValidationRuleEnum, {
    description: 'Validation des comptes-rendus : tous les présents (défaut) ou leur majorité',
  })
  @Column('text', { name: 'report_validation_rule' })
  reportValidationRule: ReportValidationRule;

  @Field(() => GroupStatusEnum)
  @Column('text')
  status: GroupStatus;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'registered_at', nullable: true })
  registeredAt: Date | null;

  @Column('uuid', { name: 'registered_by', nullable: true })
  registeredBy: string | null;
}

@ObjectType({ description: "Adhésion d'un membre à un groupe" })
@Entity('group_membership')
export class GroupMembership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Field(() => GroupRoleEnum)
  @Column('text')
  role: GroupRole;

  @Field({ description: "Date d'entrée (AAAA-MM-JJ)" })
  @Column('date', { name: 'joined_on' })
  joinedOn: string;

  @Field(() => String, { nullable: true, description: 'Date de sortie (AAAA-MM-JJ)' })
  @Column('date', { name: 'left_on', nullable: true })
  leftOn: string | null;
}

@ObjectType({ description: 'Correspondant(e) de binôme affecté(e) à un groupe' })
@Entity('binome_assignment')
export class BinomeAssignment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'Société du groupe accompagné' })
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Field()
  @Column({ type: 'timestamptz', name: 'assigned_at', insert: false, update: false })
  assignedAt: Date;

  @Column('uuid', { name: 'assigned_by', nullable: true })
  assignedBy: string | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;
}
