import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { assertEveryRootFieldGuarded, authChecker } from './common/authz/guards';
import { AuditEventResolver } from './modules/audit-events/audit-event.resolver';
import { AuthResolver } from './modules/auth/auth.resolver';
import { RoleGrantResolver } from './modules/role-grants/role-grant.resolver';
import { SocietyResolver } from './modules/societies/society.resolver';
import { SocietySettingResolver } from './modules/society-settings/society-setting.resolver';
import { UserResolver } from './modules/users/user.resolver';
import { CharterAcceptanceResolver, CharterResolver } from './modules/charters/charter.resolver';
import { ConventionResolver } from './modules/conventions/convention.resolver';
import { CreditRuleResolver } from './modules/credit-rules/credit-rule.resolver';
import { EmployerResolver } from './modules/employers/employer.resolver';
import {
  BinomeAssignmentResolver,
  GroupMembershipResolver,
  PeerGroupResolver,
} from './modules/groups/group.resolver';
import {
  AttendanceResolver,
  GroupProgrammeResolver,
  MeetingResolver,
  MeetingRoleResolver,
  MemberRoleCountResolver,
} from './modules/meetings/meeting.resolver';
import {
  AttestationResolver,
  MeetingSheetExportResolver,
} from './modules/attestations/attestation.resolver';
import { MeetingRsvpFieldsResolver, MeetingRsvpResolver } from './modules/meetings/rsvp.resolver';
import {
  MeetingAgendaResolver,
  OpenQuestionResolver,
} from './modules/meetings/open-question.resolver';
import { ClinicalCaseResolver } from './modules/clinical-cases/clinical-case.resolver';
import { MemberResolver } from './modules/members/member.resolver';
import { ThemeResolver } from './modules/themes/theme.resolver';
import {
  AnnualSummaryResolver,
  ReportPdfResolver,
  SelfEvaluationResolver,
} from './modules/annual-documents/annual.resolver';
import {
  AgendaFeedbackResolver,
  BinomeFeedbackResolver,
  BinomeQueueItemResolver,
  CaseFeedbackResolver,
  ReportFeedbackResolver,
} from './modules/binome-feedback/feedback.resolver';
import { DashboardResolver } from './modules/dashboard/dashboard.resolver';
import { ReferenceResolver } from './modules/references/reference.resolver';
import { MeetingReportResolver } from './modules/reports/report.resolver';
import {
  ImprovementActionResolver,
  ReportActionsResolver,
} from './modules/improvement-actions/improvement-action.resolver';
import { ThesaurusEntryResolver } from './modules/thesaurus/thesaurus.resolver';
import { PersonalDataResolver } from './modules/personal-data/personal-data.resolver';

export const RESOLVERS = [
  AuthResolver,
  SocietyResolver,
  UserResolver,
  RoleGrantResolver,
  SocietySettingResolver,
  AuditEventResolver,
  EmployerResolver,
  MemberResolver,
  CharterResolver,
  CharterAcceptanceResolver,
  ConventionResolver,
  ThemeResolver,
  PeerGroupResolver,
  GroupMembershipResolver,
  BinomeAssignmentResolver,
  AttestationResolver,
  MeetingSheetExportResolver,
  MeetingResolver,
  MeetingRoleResolver,
  AttendanceResolver,
  GroupProgrammeResolver,
  MemberRoleCountResolver,
  MeetingRsvpResolver,
  MeetingRsvpFieldsResolver,
  CreditRuleResolver,
  OpenQuestionResolver,
  ClinicalCaseResolver,
  ThesaurusEntryResolver,
  MeetingAgendaResolver,
  ReferenceResolver,
  MeetingReportResolver,
  ImprovementActionResolver,
  ReportActionsResolver,
  BinomeFeedbackResolver,
  BinomeQueueItemResolver,
  ReportFeedbackResolver,
  CaseFeedbackResolver,
  AgendaFeedbackResolver,
  AnnualSummaryResolver,
  SelfEvaluationResolver,
  ReportPdfResolver,
  DashboardResolver,
  PersonalDataResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** Builds the schema once; refuses to when a root field has no authorization guard. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= (async () => {
    assertEveryRootFieldGuarded(RESOLVERS);
    return buildSchema({
      resolvers: RESOLVERS,
      authChecker,
      validate: false,
      emitSchemaFile: false,
    });
  })();
  return built;
}

/** The SDL as committed in packages/api/schema.graphql (sorted, so diffs stay readable). */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
