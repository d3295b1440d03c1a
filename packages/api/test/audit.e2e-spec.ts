import { buildAppSchema } from '../src/schema';
import { yearInParis } from '@epairs/shared';
import { insertActiveGroup, insertMembers } from './support/register-fixtures';
import { DEMO, DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let federation: string;
let societyA: string;

beforeAll(async () => {
  t = await startTestApp();
  federation = (await t.login(DEMO.federation)).accessToken;
  societyA = (await t.sql(`SELECT id FROM society WHERE code = 'SSTPC'`))[0]!.id;
});
afterAll(() => t.close());

/** Runs one mutation under a known request id; returns the data and the audit rows it left. */
async function audited(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await t.gql(query, variables, { token });
  expect(response.errors).toBeUndefined();
  const requestId = response.headers.get('x-request-id');
  const events = await t.sql(
    `SELECT action, entity_type, entity_id, changed_fields FROM audit_event WHERE request_id = $1`,
    [requestId],
  );
  return { data: response.data as Record<string, any>, events };
}

const lastLink = async (email: string) =>
  new URL(
    (await t.outbox()).filter((message) => message.to === email).at(-1)!.link!,
  ).searchParams.get('token')!;

/** What the register's calls create and reuse, in order. */
const made: Record<string, string> = {};
const version = async (table: string, id: string) =>
  (await t.sql(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0]!.version as number;

/** One successful call of every mutation, in an order where each can succeed. */
const CALLS: Record<
  string,
  () => Promise<{ data?: Record<string, any>; events: Record<string, unknown>[] }>
> = {
  login: () =>
    audited(
      `mutation { login(email: "${DEMO.adminSmtvl}", password: "${DEMO_PASSWORD}") { accessToken } }`,
    ),
  refreshSession: async () => {
    const { refreshToken } = await t.login(DEMO.adminSmtvl);
    return audited(`mutation ($r: String!) { refreshSession(refreshToken: $r) { accessToken } }`, {
      r: refreshToken,
    });
  },
  logout: async () => {
    const { refreshToken } = await t.login(DEMO.adminSmtvl);
    return audited(`mutation ($r: String!) { logout(refreshToken: $r) }`, { r: refreshToken });
  },
  createSociety: () =>
    audited(
      `mutation { createSociety(code: "NOUV", name: "Nouvelle société", region: "Bretagne") { id } }`,
      {},
      federation,
    ),
  updateSociety: () =>
    audited(
      `mutation ($id: ID!) { updateSociety(id: $id, version: 1, region: "Poitou") { id } }`,
      { id: societyA },
      federation,
    ),
  createUser: () =>
    audited(
      `mutation ($s: ID!) { createUser(email: "audit.user@example.fr", firstName: "Audit", lastName: "User", societyId: $s) { id } }`,
      { s: societyA },
      federation,
    ),
  resendInvitation: async () => {
    const [user] = await t.sql(`SELECT id FROM user_account WHERE email = 'audit.user@example.fr'`);
    return audited(
      `mutation ($id: ID!) { resendInvitation(id: $id) { id } }`,
      { id: user!.id },
      federation,
    );
  },
  acceptInvitation: async () =>
    audited(
      `mutation ($t: String!) { acceptInvitation(token: $t, password: "phrase de passe audit") { accessToken } }`,
      { t: await lastLink('audit.user@example.fr') },
    ),
  updateUser: async () => {
    const [user] = await t.sql(
      `SELECT id, version FROM user_account WHERE email = 'audit.user@example.fr'`,
    );
    return audited(
      `mutation ($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, lastName: "Utilisateur") { id } }`,
      { id: user!.id, v: user!.version },
      federation,
    );
  },
  requestPasswordReset: () =>
    audited(`mutation { requestPasswordReset(email: "audit.user@example.fr") }`),
  resetPassword: async () =>
    audited(
      `mutation ($t: String!) { resetPassword(token: $t, password: "autre phrase de passe") { accessToken } }`,
      { t: await lastLink('audit.user@example.fr') },
    ),
  changePassword: async () => {
    const { accessToken } = await t.login('audit.user@example.fr', 'autre phrase de passe');
    return audited(
      `mutation { changePassword(currentPassword: "autre phrase de passe", newPassword: "troisième phrase de passe") { accessToken } }`,
      {},
      accessToken,
    );
  },
  createRoleGrant: async () => {
    const [user] = await t.sql(`SELECT id FROM user_account WHERE email = 'audit.user@example.fr'`);
    return audited(
      `mutation ($u: ID!) { createRoleGrant(userId: $u, role: BINOME) { id } }`,
      { u: user!.id },
      federation,
    );
  },
  deleteRoleGrant: async () => {
    const [grant] = await t.sql(
      `SELECT g.id FROM role_grant g JOIN user_account u ON u.id = g.user_id WHERE u.email = 'audit.user@example.fr'`,
    );
    return audited(
      `mutation ($id: ID!) { deleteRoleGrant(id: $id) { id } }`,
      { id: grant!.id },
      federation,
    );
  },
  createSocietySetting: () =>
    audited(
      `mutation ($s: ID!) { createSocietySetting(societyId: $s, year: 2026, minHours: 20) { id } }`,
      { s: societyA },
      federation,
    ),
  createEmployer: async () => {
    const result = await audited(
      `mutation ($s: ID!) { createEmployer(societyId: $s, name: "SPST Audit", city: "Niort") { id } }`,
      { s: societyA },
      federation,
    );
    made.employer = result.data.createEmployer.id;
    return result;
  },
  updateEmployer: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updateEmployer(id: $id, version: $v, city: "La Rochelle") { id } }`,
      { id: made.employer, v: await version('employer', made.employer!) },
      federation,
    ),
  createMember: async () => {
    const result = await audited(
      `mutation ($s: ID!, $e: ID!) { createMember(email: "audit.member@example.fr", firstName: "Alice", lastName: "Audit", profession: PHYSICIAN, rpps: "10003456802", societyId: $s, employerId: $e) { id } }`,
      { s: societyA, e: made.employer },
      federation,
    );
    made.member = result.data.createMember.id;
    return result;
  },
  updateMember: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updateMember(id: $id, version: $v, region: "Nouvelle-Aquitaine") { id } }`,
      { id: made.member, v: await version('member', made.member!) },
      federation,
    ),
  createConvention: async () => {
    const result = await audited(
      `mutation ($m: ID!) { createConvention(memberId: $m, year: 2031) { id } }`,
      { m: made.member },
      federation,
    );
    made.convention = result.data.createConvention.id;
    return result;
  },
  changeConventionStatus: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { changeConventionStatus(id: $id, version: $v, status: SENT) { id } }`,
      { id: made.convention, v: await version('convention', made.convention!) },
      federation,
    ),
  createTheme: async () => {
    const result = await audited(
      `mutation { createTheme(code: "AUDIT_THEME", labelFr: "Thème d'audit", labelEn: "Audit theme") { id } }`,
      {},
      federation,
    );
    made.theme = result.data.createTheme.id;
    return result;
  },
  updateTheme: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updateTheme(id: $id, version: $v, active: false) { id } }`,
      { id: made.theme, v: await version('theme', made.theme!) },
      federation,
    ),
  createPeerGroup: async () => {
    const result = await audited(
      `mutation ($s: ID!) { createPeerGroup(societyId: $s, name: "Groupe d'audit", kind: GAPEP, entryPoint: CASE_PRESENTATION, drawMode: THEMATIC) { id } }`,
      { s: societyA },
      federation,
    );
    made.group = result.data.createPeerGroup.id;
    return result;
  },
  updatePeerGroup: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updatePeerGroup(id: $id, version: $v, meetingPlace: "Salle 2, Niort") { id } }`,
      { id: made.group, v: await version('peer_group', made.group!) },
      federation,
    ),
  addGroupMember: async () => {
    const members = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'audit' });
    made.firstMember = members[0]!.memberId;
    made.lastMember = members[4]!.memberId;
    await t.sql(
      `INSERT INTO group_membership (society_id, group_id, member_id) SELECT $1, $2, unnest($3::uuid[])`,
      [societyA, made.group, members.slice(0, 4).map((member) => member.memberId)],
    );
    return audited(
      `mutation ($g: ID!, $m: ID!) { addGroupMember(groupId: $g, memberId: $m) { id } }`,
      { g: made.group, m: made.lastMember },
      federation,
    );
  },
  setGroupRelay: () =>
    audited(
      `mutation ($g: ID!, $m: ID!) { setGroupRelay(groupId: $g, memberId: $m) { id } }`,
      { g: made.group, m: made.firstMember },
      federation,
    ),
  submitGroupRegistration: () =>
    audited(
      `mutation ($g: ID!) { submitGroupRegistration(groupId: $g) { id } }`,
      { g: made.group },
      federation,
    ),
  registerGroup: () =>
    audited(
      `mutation ($g: ID!) { registerGroup(groupId: $g) { id } }`,
      { g: made.group },
      federation,
    ),
  assignBinome: async () => {
    const [binome] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.binomeAsmt]);
    const result = await audited(
      `mutation ($g: ID!, $u: ID!) { assignBinome(groupId: $g, userId: $u) { id } }`,
      { g: made.group, u: binome!.id },
      federation,
    );
    made.assignment = result.data.assignBinome.id;
    return result;
  },
  endBinomeAssignment: () =>
    audited(
      `mutation ($id: ID!) { endBinomeAssignment(id: $id) { id } }`,
      { id: made.assignment },
      federation,
    ),
  changePeerGroupStatus: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { changePeerGroupStatus(id: $id, version: $v, status: SUSPENDED) { id } }`,
      { id: made.group, v: await version('peer_group', made.group!) },
      federation,
    ),
  removeGroupMember: async () => {
    const [membership] = await t.sql(
      `SELECT id FROM group_membership WHERE group_id = $1 AND member_id = $2`,
      [made.group, made.lastMember],
    );
    return audited(
      `mutation ($id: ID!) { removeGroupMember(membershipId: $id) { id } }`,
      { id: membership!.id },
      federation,
    );
  },
  publishCharterVersion: async () => {
    const result = await audited(
      `mutation { publishCharterVersion(title: "Charte d'audit", body: "Un texte de charte assez long.") { id } }`,
      {},
      federation,
    );
    made.charter = result.data.publishCharterVersion.id;
    return result;
  },
  acceptCharter: async () => {
    const { accessToken } = await t.login(DEMO.relaySstpc);
    return audited(
      `mutation ($v: ID!) { acceptCharter(charterVersionId: $v) { id } }`,
      { v: made.charter },
      accessToken,
    );
  },
  planMeeting: async () => {
    // The audit group, registered above, is suspended: make it active to plan its meetings.
    await t.sql(`UPDATE peer_group SET status = 'ACTIVE' WHERE id = $1`, [made.group]);
    const result = await audited(
      `mutation ($g: ID!, $at: DateTimeISO!) { planMeeting(groupId: $g, startsAt: $at, durationMinutes: 120, mode: IN_PERSON, place: "Niort") { id } }`,
      { g: made.group, at: new Date(Date.now() - 10 * 60_000).toISOString() },
      federation,
    );
    made.meeting = result.data.planMeeting.id;
    const other = await audited(
      `mutation ($g: ID!, $at: DateTimeISO!) { planMeeting(groupId: $g, startsAt: $at, durationMinutes: 120, mode: IN_PERSON, place: "Niort") { id } }`,
      { g: made.group, at: new Date(Date.now() + 30 * 86400_000).toISOString() },
      federation,
    );
    made.laterMeeting = other.data.planMeeting.id;
    return result;
  },
  updateMeeting: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updateMeeting(id: $id, version: $v, title: "Séance d'audit") { id } }`,
      { id: made.laterMeeting, v: await version('meeting', made.laterMeeting!) },
      federation,
    ),
  assignMeetingRole: async () => {
    const result = await audited(
      `mutation ($m: ID!, $p: ID!) { assignMeetingRole(meetingId: $m, memberId: $p, role: ANIMATOR) { id } }`,
      { m: made.meeting, p: made.firstMember },
      federation,
    );
    made.meetingRole = result.data.assignMeetingRole.id;
    return result;
  },
  removeMeetingRole: () =>
    audited(
      `mutation ($id: ID!) { removeMeetingRole(id: $id) { id } }`,
      { id: made.meetingRole },
      federation,
    ),
  drawPresenter: async () => {
    await t.sql(`UPDATE peer_group SET draw_mode = 'RANDOM' WHERE id = $1`, [made.group]);
    return audited(
      `mutation ($m: ID!) { drawPresenter(meetingId: $m) { id } }`,
      { m: made.meeting },
      federation,
    );
  },
  applyRotation: () =>
    audited(
      `mutation ($g: ID!) { applyRotation(groupId: $g) { proposals { meetingId } } }`,
      { g: made.group },
      federation,
    ),
  signAttendance: async () => {
    // The relay person (the first member, since setGroupRelay) shows the code; another member signs.
    const [relay] = await t.sql(
      `SELECT u.email FROM member m JOIN user_account u ON u.id = m.user_id WHERE m.id = $1`,
      [made.firstMember],
    );
    made.relayToken = (await t.login(relay!.email)).accessToken;
    const [other] = await t.sql(
      `SELECT gm.member_id, u.email FROM group_membership gm JOIN member m ON m.id = gm.member_id JOIN user_account u ON u.id = m.user_id
        WHERE gm.group_id = $1 AND gm.member_id <> $2 AND gm.left_on IS NULL ORDER BY gm.member_id LIMIT 1`,
      [made.group, made.firstMember],
    );
    const credentials = await t.gql(
      `query ($m: ID!) { signingCredentials(meetingId: $m) { code } }`,
      { m: made.meeting },
      { token: made.relayToken },
    );
    const { accessToken } = await t.login(other!.email);
    return audited(
      `mutation ($m: ID!, $c: String!) { signAttendance(meetingId: $m, code: $c) { id } }`,
      { m: made.meeting, c: credentials.data!.signingCredentials.code },
      accessToken,
    );
  },
  recordExcusedAbsence: async () => {
    const [other] = await t.sql(
      `SELECT member_id FROM group_membership gm WHERE group_id = $1 AND left_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = $2 AND a.member_id = gm.member_id)
        ORDER BY member_id DESC LIMIT 1`,
      [made.group, made.meeting],
    );
    made.excused = other!.member_id;
    return audited(
      `mutation ($m: ID!, $p: ID!) { recordExcusedAbsence(meetingId: $m, memberId: $p) { id } }`,
      { m: made.meeting, p: made.excused },
      made.relayToken,
    );
  },
  closeAttendanceSheet: () =>
    audited(
      `mutation ($m: ID!) { closeAttendanceSheet(meetingId: $m) { id } }`,
      { m: made.meeting },
      federation,
    ),
  correctAttendance: () =>
    audited(
      `mutation ($m: ID!, $p: ID!) { correctAttendance(meetingId: $m, memberId: $p, present: true, reason: "Arrivé en retard, signature oubliée") { id } }`,
      { m: made.meeting, p: made.excused },
      made.relayToken,
    ),
  remindMeetingMembers: () =>
    audited(
      `mutation ($m: ID!) { remindMeetingMembers(meetingId: $m) }`,
      { m: made.laterMeeting },
      federation,
    ),
  rsvpMeeting: async () => {
    const [member] = await t.sql(
      `SELECT u.email FROM group_membership gm JOIN member mb ON mb.id = gm.member_id JOIN user_account u ON u.id = mb.user_id
        WHERE gm.group_id = $1 AND gm.left_on IS NULL ORDER BY u.email LIMIT 1`,
      [made.group],
    );
    return audited(
      `mutation ($m: ID!) { rsvpMeeting(meetingId: $m, answer: YES) { answer } }`,
      { m: made.laterMeeting },
      (await t.login(member!.email)).accessToken,
    );
  },
  raiseOpenQuestion: async () => {
    const result = await audited(
      `mutation ($m: ID!) { raiseOpenQuestion(meetingId: $m, question: "Une question pour l'audit ?") { id } }`,
      { m: made.meeting },
      made.relayToken,
    );
    made.question = result.data.raiseOpenQuestion.id;
    return result;
  },
  answerOpenQuestion: async () =>
    audited(
      `mutation ($q: ID!, $v: Int!, $m: ID!) { answerOpenQuestion(id: $q, version: $v, meetingId: $m, answer: "Une réponse d'audit.") { id } }`,
      { q: made.question, v: await version('open_question', made.question!), m: made.laterMeeting },
      made.relayToken,
    ),
  createClinicalCase: async () => {
    const result = await audited(
      `mutation ($g: ID!) { createClinicalCase(groupId: $g, input: { title: "Un cas pour l'audit", origin: GROUP, situationKind: WORKPLACE_STUDY }) { id } }`,
      { g: made.group },
      made.relayToken,
    );
    made.clinicalCase = result.data.createClinicalCase.id;
    return result;
  },
  updateClinicalCase: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updateClinicalCase(id: $id, version: $v, input: { title: "Un cas pour l'audit, relu", origin: GROUP, situationKind: WORKPLACE_STUDY }) { id } }`,
      { id: made.clinicalCase, v: await version('clinical_case', made.clinicalCase!) },
      made.relayToken,
    ),
  presentClinicalCase: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!, $m: ID!) { presentClinicalCase(id: $id, version: $v, meetingId: $m) { id } }`,
      {
        id: made.clinicalCase,
        v: await version('clinical_case', made.clinicalCase!),
        m: made.meeting,
      },
      made.relayToken,
    ),
  submitClinicalCase: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { submitClinicalCase(id: $id, version: $v) { id } }`,
      { id: made.clinicalCase, v: await version('clinical_case', made.clinicalCase!) },
      made.relayToken,
    ),
  createMeetingReport: async () => {
    // A group of its own: its relay person attended a meeting whose sheet is closed.
    const people = await insertMembers(t, { society: 'SSTPC', count: 2, label: 'auditcr' });
    const group = await insertActiveGroup(t, societyA, 'Groupe audit CR', people);
    const [meeting] = await t.sql(
      `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, status, signing_secret)
       VALUES ($1, $2, now() - interval '3 hours', 120, 'Salle', 'HELD', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
       RETURNING id`,
      [societyA, group],
    );
    await t.sql(
      `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at)
       SELECT $1, $2, $3, 'SIGNED', 'QR', starts_at + interval '5 minutes' FROM meeting WHERE id = $2`,
      [societyA, meeting!.id, people[0]!.memberId],
    );
    await t.sql(`UPDATE meeting SET sheet_closed_at = now() WHERE id = $1`, [meeting!.id]);
    made.reportGroup = group;
    made.reportToken = (await t.login(people[0]!.email)).accessToken;
    await t.sql(
      `INSERT INTO binome_assignment (society_id, group_id, user_id)
       SELECT $1, $2, id FROM user_account WHERE email = ANY ($3)`,
      [societyA, group, [DEMO.binomeAsmt, DEMO.binomeArapt]],
    );
    const result = await audited(
      `mutation ($m: ID!) { createMeetingReport(meetingId: $m, input: { groupAnswers: "Réponse d'audit." }) { id } }`,
      { m: meeting!.id },
      made.reportToken,
    );
    made.report = result.data.createMeetingReport.id;
    return result;
  },
  createReference: async () => {
    const result = await audited(
      `mutation ($g: ID!) { createReference(groupId: $g, input: { kind: REGULATORY, citation: "Code du travail, art. R4624-29" }) { id } }`,
      { g: made.reportGroup },
      made.reportToken,
    );
    made.reference = result.data.createReference.id;
    return result;
  },
  updateReference: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updateReference(id: $id, version: $v, input: { kind: REGULATORY, citation: "Code du travail, art. R4624-31", year: 2017 }) { id } }`,
      { id: made.reference, v: await version('reference', made.reference!) },
      made.reportToken,
    ),
  updateMeetingReport: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!, $r: [ID!]) { updateMeetingReport(id: $id, version: $v, input: { groupAnswers: "Réponse d'audit, relue.", referenceIds: $r }) { id } }`,
      { id: made.report, v: await version('meeting_report', made.report!), r: [made.reference] },
      made.reportToken,
    ),
  submitMeetingReportForReview: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { submitMeetingReportForReview(id: $id, version: $v) { id } }`,
      { id: made.report, v: await version('meeting_report', made.report!) },
      made.reportToken,
    ),
  approveMeetingReport: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { approveMeetingReport(id: $id, version: $v) { id } }`,
      { id: made.report, v: await version('meeting_report', made.report!) },
      made.reportToken,
    ),
  reopenMeetingReport: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { reopenMeetingReport(id: $id, version: $v) { id } }`,
      { id: made.report, v: await version('meeting_report', made.report!) },
      made.reportToken,
    ),
  createImprovementAction: async () => {
    const result = await audited(
      `mutation ($r: ID!) { createImprovementAction(reportId: $r, input: { description: "Action d'audit", indicatorLabel: "Taux" }) { id } }`,
      { r: made.report },
      made.reportToken,
    );
    made.action = result.data.createImprovementAction.id;
    return result;
  },
  updateImprovementAction: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updateImprovementAction(id: $id, version: $v, input: { description: "Action d'audit", indicatorLabel: "Taux", status: DONE }) { id } }`,
      { id: made.action, v: await version('improvement_action', made.action!) },
      made.reportToken,
    ),
  recordIndicatorValue: async () =>
    audited(
      `mutation ($a: ID!) { recordIndicatorValue(actionId: $a, input: { measuredOn: "2026-10-01", value: 12 }) { id } }`,
      { a: made.action },
      made.reportToken,
    ),
  createBinomeFeedback: async () => {
    made.binomeToken = (await t.login(DEMO.binomeAsmt)).accessToken;
    const result = await audited(
      `mutation ($r: ID!) { createBinomeFeedback(reportId: $r, input: { questions: ["Une question d'audit ?"] }) { id } }`,
      { r: made.report },
      made.binomeToken,
    );
    made.feedback = result.data.createBinomeFeedback.id;
    return result;
  },
  updateBinomeFeedback: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updateBinomeFeedback(id: $id, version: $v, input: { questions: ["Une question d'audit, relue ?"] }) { id } }`,
      { id: made.feedback, v: await version('binome_feedback', made.feedback!) },
      made.binomeToken,
    ),
  cosignBinomeFeedback: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { cosignBinomeFeedback(id: $id, version: $v) { id } }`,
      { id: made.feedback, v: await version('binome_feedback', made.feedback!) },
      (await t.login(DEMO.binomeArapt)).accessToken,
    ),
  sendBinomeFeedback: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { sendBinomeFeedback(id: $id, version: $v) { id } }`,
      { id: made.feedback, v: await version('binome_feedback', made.feedback!) },
      made.binomeToken,
    ),
  respondToBinomeFeedback: async () => {
    const [meeting] = await t.sql(
      `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, status, signing_secret)
       VALUES ($1, $2, now(), 120, 'Salle', 'PLANNED', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
       RETURNING id`,
      [societyA, made.reportGroup],
    );
    return audited(
      `mutation ($id: ID!, $v: Int!, $m: ID!) { respondToBinomeFeedback(id: $id, version: $v, meetingId: $m, response: "Réponse d'audit.") { id } }`,
      { id: made.feedback, v: await version('binome_feedback', made.feedback!), m: meeting!.id },
      made.reportToken,
    );
  },
  saveSelfEvaluation: async () => {
    const result = await audited(
      `mutation ($g: ID!) { saveSelfEvaluation(groupId: $g, year: 2025, answers: [
         { code: "PROGRAMME", score: 4 }, { code: "ROTATION", score: 3 }, { code: "CASES", score: 4 },
         { code: "REFERENCES", score: 2 }, { code: "DIVERGENCES", score: 3 }, { code: "REPORTS", score: 2 },
         { code: "BINOME", score: 4 }, { code: "ACTIONS", score: 3 }]) { id } }`,
      { g: made.reportGroup },
      made.reportToken,
    );
    made.selfEvaluation = result.data.saveSelfEvaluation.id;
    return result;
  },
  submitSelfEvaluation: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { submitSelfEvaluation(id: $id, version: $v) { id } }`,
      { id: made.selfEvaluation, v: await version('annual_self_evaluation', made.selfEvaluation!) },
      made.reportToken,
    ),
  proposeThesaurusEntry: async () => {
    // A correspondent of another society: its act is recorded in the group's society.
    const [binome] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [
      DEMO.binomeArapt,
    ]);
    await t.sql(
      `INSERT INTO binome_assignment (society_id, group_id, user_id) VALUES ($1, $2, $3)`,
      [societyA, made.group, binome!.id],
    );
    made.thesaurusBinomeToken = (await t.login(DEMO.binomeArapt)).accessToken;
    const [theme] = await t.sql(`SELECT id FROM theme WHERE code = 'MSD'`);
    made.theme = theme!.id;
    const result = await audited(
      `mutation ($g: ID!, $th: ID!) { proposeThesaurusEntry(groupId: $g, input: { title: "Un repère pour l'audit", lesson: "Un enseignement tiré d'un accompagnement, pour l'audit.", themeIds: [$th] }) { id } }`,
      { g: made.group, th: made.theme },
      made.thesaurusBinomeToken,
    );
    made.thesaurusEntry = result.data.proposeThesaurusEntry.id;
    return result;
  },
  updateThesaurusEntry: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!, $th: ID!) { updateThesaurusEntry(id: $id, version: $v, input: { title: "Un repère pour l'audit, relu", lesson: "Un enseignement tiré d'un accompagnement, relu.", themeIds: [$th] }) { id } }`,
      {
        id: made.thesaurusEntry,
        v: await version('thesaurus_entry', made.thesaurusEntry!),
        th: made.theme,
      },
      made.thesaurusBinomeToken,
    ),
  publishThesaurusEntry: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { publishThesaurusEntry(id: $id, version: $v) { id } }`,
      { id: made.thesaurusEntry, v: await version('thesaurus_entry', made.thesaurusEntry!) },
      made.relayToken,
    ),
  withdrawThesaurusEntry: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { withdrawThesaurusEntry(id: $id, version: $v) { id } }`,
      { id: made.thesaurusEntry, v: await version('thesaurus_entry', made.thesaurusEntry!) },
      made.thesaurusBinomeToken,
    ),
  cancelMeeting: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { cancelMeeting(id: $id, version: $v, reason: "Salle indisponible") { id } }`,
      { id: made.laterMeeting, v: await version('meeting', made.laterMeeting!) },
      federation,
    ),
  issueAttestation: async () => {
    const [member] = await insertMembers(t, { society: 'SSTPC', count: 1, label: 'auditatt' });
    const year = yearInParis();
    const [group] = await t.sql(`SELECT id FROM peer_group WHERE society_id = $1 LIMIT 1`, [
      societyA,
    ]);
    const [meeting] = await t.sql(
      `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, status, signing_secret)
       VALUES ($1, $2, $3, 120, 'Salle', 'HELD', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
       RETURNING id`,
      [societyA, group!.id, `${year}-01-10T17:00:00Z`],
    );
    await t.sql(
      `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, correction_reason)
       VALUES ($1, $2, $3, 'SIGNED', 'CORRECTION', 'audit')`,
      [societyA, meeting!.id, member!.memberId],
    );
    const result = await audited(
      `mutation ($m: ID!, $y: Int!) { issueAttestation(memberId: $m, year: $y) { id } }`,
      { m: member!.memberId, y: year },
      federation,
    );
    made.attestation = result.data.issueAttestation.id;
    return result;
  },
  revokeAttestation: () =>
    audited(
      `mutation ($id: ID!) { revokeAttestation(id: $id, reason: "Erreur d'audit") { id } }`,
      { id: made.attestation },
      federation,
    ),
  createCreditRule: async () => {
    const result = await audited(
      `mutation ($s: ID!) { createCreditRule(societyId: $s, year: 2040, creditsPerHour: 1.25) { id } }`,
      { s: societyA },
      federation,
    );
    made.creditRule = result.data.createCreditRule.id;
    return result;
  },
  updateCreditRule: async () =>
    audited(
      `mutation ($id: ID!, $v: Int!) { updateCreditRule(id: $id, version: $v, creditsPerCase: 3) { id } }`,
      { id: made.creditRule, v: await version('credit_rule', made.creditRule!) },
      federation,
    ),
  updateSocietySetting: async () => {
    const [setting] = await t.sql(
      `SELECT id, version FROM society_setting WHERE society_id = $1 AND year = 2026`,
      [societyA],
    );
    return audited(
      `mutation ($id: ID!, $v: Int!) { updateSocietySetting(id: $id, version: $v, minMeetings: 7) { id } }`,
      { id: setting!.id, v: setting!.version },
      federation,
    );
  },
  requestAccountDeletion: async () => {
    made.deletionToken = (await t.login(DEMO.physicianSstpc)).accessToken;
    const result = await audited(
      `mutation { requestAccountDeletion(reason: "Utilisateur qui part") { id } }`,
      {},
      made.deletionToken,
    );
    made.deletionRequest = result.data.requestAccountDeletion.id;
    return result;
  },
  cancelAccountDeletionRequest: () =>
    audited(
      `mutation ($id: ID!) { cancelAccountDeletionRequest(id: $id) { id } }`,
      { id: made.deletionRequest },
      made.deletionToken,
    ),
};

describe('audit', () => {
  it('has a call for every mutation of the schema', async () => {
    const mutations = Object.keys((await buildAppSchema()).getMutationType()!.getFields()).sort();
    expect(Object.keys(CALLS).sort()).toEqual(mutations);
  });

  it('records exactly one event per mutation, naming fields but never their content', async () => {
    for (const [mutation, call] of Object.entries(CALLS)) {
      const { events } = await call();
      expect({ mutation, events: events.length }).toEqual({ mutation, events: 1 });
      const text = JSON.stringify(events);
      expect(text).not.toMatch(/phrase de passe|Utilisateur|Poitou/);
    }
  });

  it('lists events to a federation admin, newest first, with the actor', async () => {
    const response = await t.gql(
      `{ allAuditEvents(perPage: 3) { action occurredAt actor { email } } _allAuditEventsMeta { count } }`,
      {},
      { token: federation },
    );
    const events = response.data!.allAuditEvents;
    expect(events).toHaveLength(3);
    expect(new Date(events[0].occurredAt) >= new Date(events[1].occurredAt)).toBe(true);
    expect(response.data!._allAuditEventsMeta.count).toBeGreaterThanOrEqual(
      Object.keys(CALLS).length,
    );
  });

  it('rolls a failed mutation back whole, audit included', async () => {
    const before = (await t.sql(`SELECT count(*)::int AS n FROM user_account`))[0]!.n;
    const response = await t.gql(
      `mutation ($s: ID!) { a: createUser(email: "rollback@example.fr", firstName: "R", lastName: "B", societyId: $s) { id } b: createUser(email: "pas-une-adresse", firstName: "R", lastName: "B", societyId: $s) { id } }`,
      { s: societyA },
      { token: federation },
    );
    const requestId = response.headers.get('x-request-id');
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
    expect(response.data).toBeNull();
    expect((await t.sql(`SELECT count(*)::int AS n FROM user_account`))[0]!.n).toBe(before);
    expect(
      (
        await t.sql(`SELECT count(*)::int AS n FROM audit_event WHERE request_id = $1`, [requestId])
      )[0]!.n,
    ).toBe(0);
  });
});
