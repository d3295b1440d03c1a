import type { ReportStatus, ReportValidationRule } from '@epairs/shared';
import { REPORT_STATUSES, REPORT_VALIDATION_RULES } from '@epairs/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';
import { graphqlEnum } from '../../common/graphql/enums';

export const ReportStatusEnum = graphqlEnum(
  REPORT_STATUSES,
  'ReportStatus',
  'Brouillon du secrétaire, soumis à relecture des présents, validé (figé)',
);
export const ReportValidationRuleEnum = graphqlEnum(
  REPORT_VALIDATION_RULES,
  'ReportValidationRule',
  'Validation par tous les présents ou par leur majorité',
);

@ObjectType({
  description:
    'Compte-rendu de réunion : métadonnées (le texte est réservé au groupe, et à son binôme une fois validé)',
})
@Entity('meeting_report')
export class MeetingReport extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'meeting_id' })
  meetingId: string;

  @Field(() => ReportStatusEnum)
  @Column('text')
  status: ReportStatus;

  @Field(() => Int, {
    description: 'Numéro de version du compte-rendu (1, puis 2 après une reprise…)',
  })
  @Column('integer')
  edition: number;

  @Field(() => ID, { description: 'Le secrétaire qui rédige cette version' })
  @Column('uuid', { name: 'drafted_by_member_id' })
  draftedByMemberId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'last_written_by_member_id' })
  lastWrittenByMemberId: string;

  @Field(() => Int, { description: 'Révision du texte que les approbations visent' })
  @Column('integer', { name: 'text_version' })
  textVersion: number;

  @Field(() => ReportValidationRuleEnum)
  @Column('text', { name: 'validation_rule' })
  validationRule: ReportValidationRule;

  /** The attendance list, as the signed sheet gave it at submission (read through `attendees`). */
  @Column('jsonb', { name: 'attendance_list', nullable: true })
  attendanceList: { memberId: string; name: string }[] | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'validated_at', nullable: true })
  validatedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Dernière version validée (lue par le binôme)' })
  @Column('integer', { name: 'validated_edition', nullable: true })
  validatedEdition: number | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'first_validated_at', nullable: true })
  firstValidatedAt: Date | null;
}

/** One saved revision of the text; never rewritten (see the migration). */
@Entity('meeting_report_text')
export class MeetingReportText {
  @PrimaryColumn('uuid', { name: 'report_id' })
  reportId: string;

  @PrimaryColumn('integer')
  version: number;

  @Column('integer')
  edition: number;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Column('uuid', { name: 'written_by_member_id' })
  writtenByMemberId: string;

  @Column({ type: 'timestamptz', name: 'written_at', insert: false, update: false })
  writtenAt: Date;

  @Column('text', { name: 'cases_discussed' })
  casesDiscussed: string;

  @Column('text', { name: 'problems_identified' })
  problemsIdentified: string;

  @Column('text', { name: 'group_answers' })
  groupAnswers: string;

  @Column('text', { name: 'agreement_points' })
  agreementPoints: string;

  @Column('text', { name: 'disagreement_points' })
  disagreementPoints: string;

  @Column('boolean')
  validated: boolean;

  @Column('timestamptz', { name: 'validated_at', nullable: true })
  validatedAt: Date | null;
}

@ObjectType({ description: 'L’approbation d’un présent, pour une révision du texte' })
@Entity('meeting_report_approval')
export class MeetingReportApproval {
  @PrimaryColumn('uuid', { name: 'report_id' })
  reportId: string;

  @Field(() => Int)
  @PrimaryColumn('integer', { name: 'text_version' })
  textVersion: number;

  @Field(() => ID)
  @PrimaryColumn('uuid', { name: 'member_id' })
  memberId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field()
  @Column({ type: 'timestamptz', name: 'approved_at', insert: false, update: false })
  approvedAt: Date;
}
