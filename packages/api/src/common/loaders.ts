import type { RequestContext } from './request-context';
import { createClinicalCaseLoaders } from '../modules/clinical-cases/clinical-case.loaders';
import { createCharterLoaders } from '../modules/charters/charter.loaders';
import { createEmployerLoaders } from '../modules/employers/employer.loaders';
import { createGroupLoaders } from '../modules/groups/group.loaders';
import { createAgendaLoaders } from '../modules/meetings/agenda';
import { createMeetingLoaders } from '../modules/meetings/meeting.loaders';
import { createRsvpLoaders } from '../modules/meetings/rsvp.resolver';
import { createMemberLoaders } from '../modules/members/member.loaders';
import { createRoleGrantLoaders } from '../modules/role-grants/role-grant.loaders';
import { createSocietyLoaders } from '../modules/societies/society.loaders';
import { createSocietySettingLoaders } from '../modules/society-settings/society-setting.loaders';
import { createThesaurusLoaders } from '../modules/thesaurus/thesaurus.loaders';
import { createUserLoaders } from '../modules/users/user.loaders';
import { createFeedbackLoaders } from '../modules/binome-feedback/feedback.loaders';
import { createReferenceLoaders } from '../modules/references/reference.loaders';
import { createReportLoaders } from '../modules/reports/report.loaders';
import { createImprovementActionLoaders } from '../modules/improvement-actions/improvement-action.loaders';

/** Per-request DataLoaders: field resolvers read relations through these only. */
export function createLoaders(ctx: RequestContext) {
  return {
    ...createSocietyLoaders(ctx),
    ...createUserLoaders(ctx),
    ...createRoleGrantLoaders(ctx),
    ...createEmployerLoaders(ctx),
    ...createMemberLoaders(ctx),
    ...createCharterLoaders(ctx),
    ...createGroupLoaders(ctx),
    ...createMeetingLoaders(ctx),
    ...createAgendaLoaders(ctx),
    ...createSocietySettingLoaders(ctx),
    ...createRsvpLoaders(ctx),
    ...createClinicalCaseLoaders(ctx),
    ...createReferenceLoaders(ctx),
    ...createReportLoaders(ctx),
    ...createImprovementActionLoaders(ctx),
    ...createFeedbackLoaders(ctx),
    ...createThesaurusLoaders(ctx),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
