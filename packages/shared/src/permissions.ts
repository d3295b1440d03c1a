import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
  type RawRuleOf,
} from '@casl/ability';
import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import type { AuthUser } from './roles';

/**
 * CRUD, plus the workflow verbs: `accept` (a charter), `submit` and `register` (a group's
 * registration), `publish` (a thesaurus entry, with the group's agreement).
 */
export const ACTIONS = [
  'manage',
  'create',
  'read',
  'update',
  'delete',
  'accept',
  'submit',
  'register',
  'publish',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Subjects the rules speak of. Records are checked as plain objects tagged with
 * `subject(type, record)`; conditions use the record's own columns only (equality and `$in`),
 * so the same rules can be turned into SQL.
 */
export const SUBJECTS = [
  'Society',
  'User',
  'RoleGrant',
  'SocietySetting',
  'AuditEvent',
  'Employer',
  'Member',
  'CharterVersion',
  'Convention',
  'Theme',
  'PeerGroup',
  'GroupMembership',
  'BinomeAssignment',
  'GroupDirectory',
  'Meeting',
  'Attendance',
  'Compliance',
  'CreditRule',
  'Attestation',
  'OpenQuestion',
  'ClinicalCase',
  'MeetingReport',
  'Reference',
  'ImprovementAction',
  'BinomeFeedback',
  'SelfEvaluation',
  'AnnualSummary',
  'AnnualArchive',
  'ThesaurusEntry',
  'Dashboard',
] as const;
export type SubjectType = (typeof SUBJECTS)[number];

/** The columns rules may test, per subject (a record's own columns only). */
export interface SubjectFields {
  Society: { id: string };
  User: { id: string; societyId: string | null; status: string };
  RoleGrant: { id: string; userId: string; societyId: string | null; role: string };
  SocietySetting: { id: string; societyId: string };
  AuditEvent: { id: string; societyId: string | null };
  Employer: { id: string; societyId: string };
  Member: { id: string; societyId: string; userId: string };
  CharterVersion: { id: string };
  Convention: { id: string; societyId: string; memberId: string };
  Theme: { id: string };
  PeerGroup: { id: string; societyId: string; status: string };
  GroupMembership: { id: string; societyId: string; groupId: string; memberId: string };
  BinomeAssignment: { id: string; societyId: string; groupId: string; userId: string };
  GroupDirectory: { id: string };
  Meeting: { id: string; societyId: string; groupId: string };
  /** A sheet line, checked with the group of its meeting. */
  Attendance: { id: string; societyId: string; groupId: string; memberId: string };
  /** A member's yearly compliance. */
  Compliance: { id: string; societyId: string; memberId: string };
  CreditRule: { id: string; societyId: string };
  /** A member's yearly attestation; `delete` is its revocation (the row stays). */
  Attestation: { id: string; societyId: string; memberId: string };
  /** Metadata of an open question; its text is the group's and its binôme's only. */
  OpenQuestion: { id: string; societyId: string; groupId: string };
  /** Metadata of a clinical case; its text is the group's, and its binôme's once submitted. */
  ClinicalCase: {
    id: string;
    societyId: string;
    groupId: string;
    authorMemberId: string;
    status: string;
  };
  /**
   * Metadata of a meeting report; its text is the group's, and its binôme's once an edition is
   * validated. Who writes the text now (drafter, attendees) is decided with the sheet, in the API.
   */
  MeetingReport: { id: string; societyId: string; groupId: string; validated: boolean };
  /** A group's bibliographic reference (not content: no patient, shown in the annual summary). */
  Reference: { id: string; societyId: string; groupId: string };
  ImprovementAction: { id: string; societyId: string; groupId: string };
  /** Metadata of the binôme's feedback; the group reads it once sent. */
  BinomeFeedback: { id: string; societyId: string; groupId: string; status: string };
  /** A group's yearly self-evaluation. */
  SelfEvaluation: { id: string; societyId: string; groupId: string };
  /** A group's yearly summary: figures, names with roles, references, actions (no content). */
  AnnualSummary: { id: string; societyId: string; groupId: string };
  /** The year's archive: reports with their text, so the group's alone. */
  AnnualArchive: { id: string; societyId: string; groupId: string };
  /**
   * A « repère professionnel »: its group's and its binôme's while proposed, the federation's once
   * published; `publish` records the group's agreement, `delete` is its withdrawal (the row stays).
   */
  ThesaurusEntry: { id: string; societyId: string; groupId: string; status: string };
  /** A year's dashboard: of one society, or of the federation (`societyId` empty). */
  Dashboard: { id: string; societyId: string };
}

type TaggedRecord = {
  [K in SubjectType]: SubjectFields[K] & ForcedSubject<K>;
}[SubjectType];

export type AppAbility = MongoAbility<[Action, SubjectType | TaggedRecord]>;
export type AppRule = RawRuleOf<AppAbility>;

/** Fields a person may change on their own account. */
export const SELF_EDITABLE_USER_FIELDS = ['firstName', 'lastName', 'locale'] as const;

/**
 * Fields an administrator may change on an account it manages. The e-mail is not among them once
 * the account is active: whoever controls the address controls the account (password reset), and
 * administrators must never be able to become a member and read a group's content.
 */
export const ADMIN_EDITABLE_USER_FIELDS = [
  ...SELF_EDITABLE_USER_FIELDS,
  'status',
  'societyId',
] as const;

/**
 * The single definition of who may do what, used by the API (which decides) and by the
 * console and the portal (which only hide). Deny by default: nothing is allowed unless a rule
 * here allows it. No rule lets an administrator read group content (cases, reports, questions,
 * binôme feedback): those arrive with their own subjects and group-only conditions.
 */
export function defineRulesFor(user: AuthUser): AppRule[] {
  const { can, cannot, rules } = new AbilityBuilder<AppAbility>(createMongoAbility);

  // Everyone signed in: the list of societies, their own account, and their own society's rules.
  can('read', 'Society');
  can('read', 'User', { id: user.id });
  can('update', 'User', [...SELF_EDITABLE_USER_FIELDS], { id: user.id });
  can('read', 'RoleGrant', { userId: user.id });
  const memberSocietyIds = [
    ...new Set([...(user.societyId ? [user.societyId] : []), ...user.adminSocietyIds]),
  ];
  if (memberSocietyIds.length > 0) {
    can('read', ['SocietySetting', 'CreditRule'], { societyId: { $in: memberSocietyIds } });
  }

  can('read', ['Theme', 'CharterVersion']);

  // The published thesaurus is the whole federation's: members, binômes, administrators.
  const federationRole =
    user.memberId !== null ||
    user.binome ||
    user.binomeGroupIds.length > 0 ||
    user.adminSocietyIds.length > 0 ||
    user.federationAdmin;
  if (federationRole) can('read', 'ThesaurusEntry', { status: 'PUBLISHED' });

  if (user.memberId) {
    const groups = { $in: user.memberGroupIds };
    const relayOf = { $in: user.relayGroupIds };
    can('read', 'Member', { id: user.memberId });
    can('accept', 'CharterVersion');
    can('read', 'Convention', { memberId: user.memberId });
    can('read', 'PeerGroup', { id: groups });
    can('read', 'GroupMembership', { groupId: groups });
    can('read', 'BinomeAssignment', { groupId: groups });
    can('read', 'GroupDirectory');
    can('read', 'Meeting', { groupId: groups });
    can(['read', 'create', 'update'], 'OpenQuestion', { groupId: groups });
    // A case is its author's: only the author writes it, edits it while a draft, moves it on.
    can('read', 'ClinicalCase', { groupId: groups });
    can('create', 'ClinicalCase', { groupId: groups, authorMemberId: user.memberId });
    can('update', 'ClinicalCase', {
      groupId: groups,
      authorMemberId: user.memberId,
      status: 'DRAFT',
    });
    can('submit', 'ClinicalCase', { groupId: groups, authorMemberId: user.memberId });
    // Reports: the secretary drafts, attendees amend and approve (`submit`); checked with the
    // sheet in the API and the database.
    can(['read', 'create', 'update', 'submit'], 'MeetingReport', { groupId: groups });
    can(['read', 'create', 'update'], ['Reference', 'ImprovementAction'], { groupId: groups });
    can(['read', 'create', 'update'], 'SelfEvaluation', { groupId: groups });
    can('read', ['AnnualSummary', 'AnnualArchive'], { groupId: groups });
    // The group reads the binôme's feedback once sent and records its response.
    can('read', 'BinomeFeedback', { groupId: groups, status: { $in: ['SENT', 'DISCUSSED'] } });
    can('update', 'BinomeFeedback', { groupId: groups, status: 'SENT' });
    can('read', 'Compliance', { memberId: user.memberId });
    can('read', 'Attestation', { memberId: user.memberId });
    // The group reads its binôme's proposals; its relay person gives the group's agreement.
    can('read', 'ThesaurusEntry', { groupId: groups });
    can('publish', 'ThesaurusEntry', { groupId: relayOf, status: 'PROPOSED' });
    can('create', 'Attendance', { memberId: user.memberId, groupId: groups });
    // The relay person plans and runs its group's meetings and keeps its sheet.
    can(['create', 'update'], 'Meeting', { groupId: relayOf });
    can('update', 'Attendance', { groupId: relayOf });
    // Founding a group in one's society makes one its relay person.
    if (user.societyId) can('create', 'PeerGroup', { societyId: user.societyId });
    // The relay person runs the group's register while it forms, and its registration.
    can(
      'update',
      'PeerGroup',
      ['name', 'entryPoint', 'drawMode', 'meetingPlace', 'themeIds', 'reportValidationRule'],
      { id: relayOf },
    );
    can('submit', 'PeerGroup', { id: relayOf });
    can(['create', 'update'], 'GroupMembership', { groupId: relayOf });
  }

  if (user.binomeGroupIds.length > 0) {
    const accompanied = { $in: user.binomeGroupIds };
    can('read', 'Meeting', { groupId: accompanied });
    can('read', 'OpenQuestion', { groupId: accompanied });
    can('read', 'ClinicalCase', { groupId: accompanied, status: 'SUBMITTED_TO_BINOME' });
    can('read', 'MeetingReport', { groupId: accompanied, validated: true });
    // The references and actions of what it reads; not the group's year (members, attendance).
    can('read', ['Reference', 'ImprovementAction'], { groupId: accompanied });
    // Feedback: questions and remarks, co-signed by the other correspondent, then sent.
    can('read', 'BinomeFeedback', { groupId: accompanied });
    can(['create', 'update', 'submit'], 'BinomeFeedback', {
      groupId: accompanied,
      status: 'DRAFT',
    });
    can('read', 'PeerGroup', { id: accompanied });
    can('read', 'BinomeAssignment', { groupId: accompanied });
    // The binôme proposes « repères » drawn from its accompaniments, edits them until published,
    // and may withdraw them.
    can(['read', 'create'], 'ThesaurusEntry', { groupId: accompanied });
    can('update', 'ThesaurusEntry', { groupId: accompanied, status: 'PROPOSED' });
    can('delete', 'ThesaurusEntry', {
      groupId: accompanied,
      status: { $in: ['PROPOSED', 'PUBLISHED'] },
    });
  }

  if (user.adminSocietyIds.length > 0) {
    const own = { $in: user.adminSocietyIds };
    can(['read', 'create', 'update'], ['Employer', 'Member', 'Convention', 'PeerGroup'], {
      societyId: own,
    });
    can(['read', 'create', 'update'], 'GroupMembership', { societyId: own });
    can('submit', 'PeerGroup', { societyId: own });
    can('read', 'BinomeAssignment', { societyId: own });
    can('read', 'GroupDirectory');
    can(['read', 'create', 'update'], ['Meeting', 'CreditRule'], { societyId: own });
    can('read', 'Compliance', { societyId: own });
    can('read', ['OpenQuestion', 'ClinicalCase', 'MeetingReport', 'BinomeFeedback'], {
      societyId: own,
    });
    can('read', ['Reference', 'ImprovementAction', 'SelfEvaluation', 'AnnualSummary'], {
      societyId: own,
    });
    can(['read', 'create'], 'Attestation', { societyId: own });
    can('update', 'Society', ['name', 'region'], { id: own });
    can(['read', 'create'], 'User', { societyId: own });
    can('update', 'User', [...ADMIN_EDITABLE_USER_FIELDS], { societyId: own });
    can('update', 'User', ['email'], { societyId: own, status: 'INVITED' });
    can('read', 'RoleGrant', { societyId: own });
    can(['read', 'create', 'update'], 'SocietySetting', { societyId: own });
    can('read', 'AuditEvent', { societyId: own });
    can('read', 'Dashboard', { societyId: own });
  }

  if (user.federationAdmin) {
    can(
      ['read', 'create', 'update'],
      ['Employer', 'Member', 'Convention', 'PeerGroup', 'GroupMembership'],
    );
    can(['submit', 'register'], 'PeerGroup');
    can(['create', 'update'], ['Theme']);
    can('create', 'CharterVersion');
    can(['read', 'create', 'delete'], 'BinomeAssignment');
    can('read', 'GroupDirectory');
    can(['read', 'create', 'update'], ['Meeting', 'CreditRule']);
    can('read', 'Compliance');
    can('read', ['OpenQuestion', 'ClinicalCase', 'MeetingReport', 'BinomeFeedback']);
    can('read', ['Reference', 'ImprovementAction', 'SelfEvaluation', 'AnnualSummary']);
    can('read', ['OpenQuestion', 'ClinicalCase']);
    // E-Pairs moderates the published thesaurus: it withdraws an entry, and still sees it after.
    can('read', 'ThesaurusEntry', { status: 'WITHDRAWN' });
    can('delete', 'ThesaurusEntry', { status: 'PUBLISHED' });
    // Only E-Pairs, the accredited body, revokes an attestation.
    can(['read', 'create', 'delete'], 'Attestation');
    can(['read', 'create', 'update'], 'Society');
    can(['read', 'create'], 'User');
    can('update', 'User', [...ADMIN_EDITABLE_USER_FIELDS]);
    can('update', 'User', ['email'], { status: 'INVITED' });
    can(['read', 'create', 'delete'], 'RoleGrant');
    can(['read', 'create', 'update'], 'SocietySetting');
    can('read', 'AuditEvent');
    can('read', 'Dashboard');
  }

  // Nobody removes their own federation-admin grant: the federation must keep an administrator.
  cannot('delete', 'RoleGrant', { userId: user.id, role: 'FEDERATION_ADMIN' });
  return rules;
}

/** Builds the ability from rules (from `defineRulesFor` or unpacked from `myPermissions`). */
export function createAppAbility(rules: AppRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}

export function abilityFor(user: AuthUser): AppAbility {
  return createAppAbility(defineRulesFor(user));
}

/** Compact form of the rules sent to the clients by `myPermissions`. */
export function packAppRules(rules: AppRule[]): PackRule<AppRule>[] {
  return packRules(rules);
}

export function unpackAppRules(packed: PackRule<AppRule>[]): AppRule[] {
  return unpackRules(packed) as AppRule[];
}
