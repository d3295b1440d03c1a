import { AccountToken } from '../../modules/auth/account-token.entity';
import { RefreshToken } from '../../modules/auth/refresh-token.entity';
import { AuditEvent } from '../../modules/audit-events/audit-event.entity';
import { RoleGrant } from '../../modules/role-grants/role-grant.entity';
import { SocietySetting } from '../../modules/society-settings/society-setting.entity';
import { Society } from '../../modules/societies/society.entity';
import { User } from '../../modules/users/user.entity';
import { Foundation1763800000000 } from '../../migrations/1763800000000-foundation';
import { Register1763900000000 } from '../../migrations/1763900000000-register';
import { Meetings1764000000000 } from '../../migrations/1764000000000-meetings';
import { OpenQuestions1764100000000 } from '../../migrations/1764100000000-open-questions';
import { ClinicalCases1764200000000 } from '../../migrations/1764200000000-clinical-cases';
import { MeetingReports1764300000000 } from '../../migrations/1764300000000-meeting-reports';
import { BinomeFeedback1764400000000 } from '../../migrations/1764400000000-binome-feedback';
import {
  MeetingReport,
  MeetingReportApproval,
  MeetingReportText,
} from '../../modules/reports/report.entities';
import { SelfEvaluation } from '../../modules/annual-documents/self-evaluation.entity';
import {
  BinomeFeedback,
  BinomeFeedbackResponse,
  BinomeFeedbackText,
} from '../../modules/binome-feedback/feedback.entities';
import { Reference, ReferenceLink } from '../../modules/references/reference.entities';
import {
  ImprovementAction,
  IndicatorValue,
} from '../../modules/improvement-actions/improvement-action.entities';
import { Thesaurus1764900000000 } from '../../migrations/1764900000000-thesaurus';
import { PolicyPerformance1765000000000 } from '../../migrations/1765000000000-policy-performance';
import { OpenSession1765100000000 } from '../../migrations/1765100000000-open-session';
import { SelfService1765200000000 } from '../../migrations/1765200000000-self-service';
import { SocietyCounters1765300000000 } from '../../migrations/1765300000000-society-counters';
import { ListIndexes1765400000000 } from '../../migrations/1765400000000-list-indexes';
import { FellowSets1765500000000 } from '../../migrations/1765500000000-fellow-sets';
import { AccountDeletionRequest } from '../../modules/personal-data/account-deletion-request.entity';
import {
  ClinicalCase,
  ClinicalCasePresentation,
  ClinicalCaseText,
  ClinicalCaseTheme,
} from '../../modules/clinical-cases/clinical-case.entities';
import { OpenQuestion, OpenQuestionText } from '../../modules/meetings/open-question.entities';
import {
  Attendance,
  Attestation,
  CreditRule,
  Meeting,
  MeetingRole,
  MeetingRsvp,
} from '../../modules/meetings/meeting.entities';
import { CharterAcceptance, CharterVersion } from '../../modules/charters/charter.entity';
import { Convention } from '../../modules/conventions/convention.entity';
import { Employer } from '../../modules/employers/employer.entity';
import { BinomeAssignment, GroupMembership, PeerGroup } from '../../modules/groups/group.entities';
import { Member } from '../../modules/members/member.entity';
import { Theme } from '../../modules/themes/theme.entity';
import { ThesaurusEntry } from '../../modules/thesaurus/thesaurus-entry.entity';

export const ENTITIES = [
  Society,
  User,
  RoleGrant,
  RefreshToken,
  AccountToken,
  SocietySetting,
  AuditEvent,
  Employer,
  Member,
  CharterVersion,
  CharterAcceptance,
  Convention,
  Theme,
  PeerGroup,
  GroupMembership,
  BinomeAssignment,
  Meeting,
  MeetingRole,
  MeetingRsvp,
  Attendance,
  CreditRule,
  Attestation,
  OpenQuestion,
  OpenQuestionText,
  ClinicalCase,
  ClinicalCaseText,
  ClinicalCaseTheme,
  ClinicalCasePresentation,
  MeetingReport,
  MeetingReportText,
  MeetingReportApproval,
  Reference,
  ReferenceLink,
  ImprovementAction,
  IndicatorValue,
  BinomeFeedback,
  BinomeFeedbackText,
  BinomeFeedbackResponse,
  SelfEvaluation,
  ThesaurusEntry,
  AccountDeletionRequest,
];

/** In order; every one hand-written SQL (policies need review, synchronize stays off). */
export const MIGRATIONS = [
  Foundation1763800000000,
  Register1763900000000,
  Meetings1764000000000,
  OpenQuestions1764100000000,
  ClinicalCases1764200000000,
  MeetingReports1764300000000,
  BinomeFeedback1764400000000,
  Thesaurus1764900000000,
  PolicyPerformance1765000000000,
  OpenSession1765100000000,
  SelfService1765200000000,
  SocietyCounters1765300000000,
  ListIndexes1765400000000,
  FellowSets1765500000000,
];
