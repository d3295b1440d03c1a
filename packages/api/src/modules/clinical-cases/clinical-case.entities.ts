import type { CaseOrigin, CaseStatus, DrawMode, LinkStrength, SituationKind } from '@epairs/shared';
import { CASE_ORIGINS, CASE_STATUSES, LINK_STRENGTHS, SITUATION_KINDS } from '@epairs/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';
import { graphqlEnum } from '../../common/graphql/enums';
import { DrawModeEnum } from '../groups/group.entities';

export const CaseOriginEnum = graphqlEnum(CASE_ORIGINS, 'CaseOrigin', 'Cas du groupe ou de QMCP');
export const SituationKindEnum = graphqlEnum(
  SITUATION_KINDS,
  'SituationKind',
  'Visite médicale, étude de poste ou autre activité de tiers temps',
);
export const CaseStatusEnum = graphqlEnum(
  CASE_STATUSES,
  'CaseStatus',
  'Brouillon, présenté en réunion, transmis au binôme',
);
export const LinkStrengthEnum = graphqlEnum(
  LINK_STRENGTHS,
  'LinkStrength',
  'Force du lien santé–travail',
);

@ObjectType({
  description:
    'Cas clinique : métadonnées (le texte est réservé au groupe, et à son binôme une fois transmis)',
})
@Entity('clinical_case')
export class ClinicalCase extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => ID, { description: 'Le présentateur, auteur du cas' })
  @Column('uuid', { name: 'author_member_id' })
  authorMemberId: string;

  @Field(() => CaseOriginEnum)
  @Column('text')
  origin: CaseOrigin;

  @Field(() => SituationKindEnum)
  @Column('text', { name: 'situation_kind' })
  situationKind: SituationKind;

  @Field(() => CaseStatusEnum)
  @Column('text')
  status: CaseStatus;

  @Field(() => ID, {
    nullable: true,
    description: 'La première réunion où il a été présenté (voir aussi presentations)',
  })
  @Column('uuid', { name: 'presented_at_meeting_id', nullable: true })
  presentedAtMeetingId: string | null;

  @Field(() => DrawModeEnum, { nullable: true, description: 'Tiré au sort ou choisi par thème' })
  @Column('text', { name: 'draw_mode', nullable: true })
  drawMode: DrawMode | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;
}

/** The content: readable only where the database's policies allow (group, binôme once submitted). */
@Entity('clinical_case_text')
export class ClinicalCaseText {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Column('text')
  title: string;

  @Column('text', { name: 'work_situation' })
  workSituation: string;

  @Column('text', { name: 'clinical_diagnosis' })
  clinicalDiagnosis: string;

  @Column('text')
  exposures: string;

  @Column('text', { name: 'health_work_link' })
  healthWorkLink: string;

  @Column('text', { name: 'link_strength', nullable: true })
  linkStrength: LinkStrength | null;

  @Column('text', { name: 'information_and_alert' })
  informationAndAlert: string;

  @Column('text', { name: 'questions_raised' })
  questionsRaised: string;
}

/** A theme of a case (themes are data; a case has one to three). */
@Entity('clinical_case_theme')
export class ClinicalCaseTheme {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @PrimaryColumn('uuid', { name: 'theme_id' })
  themeId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;
}

/** A meeting where the case was presented (a case may be resumed at a later meeting). */
@Entity('clinical_case_presentation')
export class ClinicalCasePresentation {
  @PrimaryColumn('uuid', { name: 'case_id' })
  caseId: string;

  @PrimaryColumn('uuid', { name: 'meeting_id' })
  meetingId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Column({ type: 'timestamptz', name: 'presented_at', insert: false, update: false })
  presentedAt: Date;
}
