import type { RequestContext } from '../../common/request-context';

/** The export's format; bumped when a section changes shape. */
export const MY_DATA_FORMAT = 1;

/**
 * One statement, read as the person (row-level security, never system scope): each section is
 * filtered on the person's own account or member row, and the policies (the self-service
 * migration) let them read their own history in groups they have left. A person without a member
 * profile gets their account, grants, sessions, audit trail and requests only.
 *
 * Audit events give the action and its time only: the entity ids and field names they carry
 * describe other people's records too.
 */
const EXPORT = `
SELECT json_build_object(
  'account', (
    SELECT json_build_object(
             'id', u.id, 'email', u.email, 'firstName', u.first_name, 'lastName', u.last_name,
             'locale', u.locale, 'status', u.status, 'createdAt', u.created_at,
             'lastLoginAt', u.last_login_at, 'passwordChangedAt', u.password_changed_at,
             'society', (SELECT json_build_object('code', s.code, 'name', s.name)
                           FROM society s WHERE s.id = u.society_id))
      FROM user_account u WHERE u.id = $1),
  'roles', coalesce((
    SELECT json_agg(json_build_object('role', g.role, 'society', s.code, 'grantedAt', g.created_at)
                    ORDER BY g.created_at)
      FROM role_grant g LEFT JOIN society s ON s.id = g.society_id WHERE g.user_id = $1), '[]'),
  'member', (
    SELECT json_build_object(
             'id', m.id, 'rpps', m.rpps, 'profession', m.profession, 'region', m.region,
             'status', m.status, 'createdAt', m.created_at,
             'employer', (SELECT json_build_object('name', e.name, 'city', e.city, 'siret', e.siret)
                            FROM employer e WHERE e.id = m.employer_id),
             'society', (SELECT json_build_object('code', s.code, 'name', s.name)
                           FROM society s WHERE s.id = m.society_id))
      FROM member m WHERE m.id = $2 AND m.user_id = $1),
  'memberships', coalesce((
    SELECT json_agg(json_build_object('group', g.name, 'role', gm.role, 'relay', gm.role = 'RELAY',
                                      'joinedOn', gm.joined_on::text, 'leftOn', gm.left_on::text)
                    ORDER BY gm.joined_on, gm.created_at)
      FROM group_membership gm LEFT JOIN peer_group g ON g.id = gm.group_id
     WHERE gm.member_id = $2), '[]'),
  'meetingRoles', coalesce((
    SELECT json_agg(json_build_object('role', r.role, 'meetingStartsAt', mt.starts_at, 'group', g.name)
                    ORDER BY mt.starts_at, r.role)
      FROM meeting_role r LEFT JOIN meeting mt ON mt.id = r.meeting_id
      LEFT JOIN peer_group g ON g.id = mt.group_id
     WHERE r.member_id = $2), '[]'),
  'attendance', coalesce((
    SELECT json_agg(json_build_object('meetingStartsAt', mt.starts_at, 'group', g.name,
                                      'status', a.status, 'method', a.method, 'signedAt', a.signed_at,
                                      'excused', a.status = 'EXCUSED',
                                      'correctionReason', a.correction_reason)
                    ORDER BY mt.starts_at, a.signed_at)
      FROM attendance a LEFT JOIN meeting mt ON mt.id = a.meeting_id
      LEFT JOIN peer_group g ON g.id = mt.group_id
     WHERE a.member_id = $2), '[]'),
  'rsvps', coalesce((
    SELECT json_agg(json_build_object('meetingStartsAt', mt.starts_at, 'group', g.name,
                                      'answer', v.answer, 'answeredAt', v.answered_at)
                    ORDER BY v.answered_at)
      FROM meeting_rsvp v LEFT JOIN meeting mt ON mt.id = v.meeting_id
      LEFT JOIN peer_group g ON g.id = mt.group_id
     WHERE v.member_id = $2), '[]'),
  'charterAcceptances', coalesce((
    SELECT json_agg(json_build_object('charterVersion', c.number, 'title', c.title,
                                      'acceptedAt', ca.accepted_at)
                    ORDER BY ca.accepted_at)
      FROM charter_acceptance ca LEFT JOIN charter_version c ON c.id = ca.charter_version_id
     WHERE ca.member_id = $2), '[]'),
  'conventions', coalesce((
    SELECT json_agg(json_build_object('year', cv.year, 'status', cv.status, 'employer', e.name,
                                      'minSessions', cv.min_sessions, 'minHours', cv.min_hours,
                                      'sentAt', cv.sent_at, 'signedAt', cv.signed_at,
                                      'activatedAt', cv.activated_at, 'closedAt', cv.closed_at,
                                      'cancelledAt', cv.cancelled_at, 'cancelReason', cv.cancel_reason)
                    ORDER BY cv.year)
      FROM convention cv LEFT JOIN employer e ON e.id = cv.employer_id
     WHERE cv.member_id = $2), '[]'),
  'attestations', coalesce((
    SELECT json_agg(json_build_object('code', at.code, 'year', at.year,
                                      'hours', (at.snapshot -> 'totals' ->> 'hours')::numeric,
                                      'meetingsAttended', (at.snapshot -> 'totals' ->> 'attended')::int,
                                      'status', CASE WHEN at.revoked_at IS NULL THEN 'VALID' ELSE 'REVOKED' END,
                                      'issuedAt', at.issued_at, 'revokedAt', at.revoked_at,
                                      'revokedReason', at.revoked_reason)
                    ORDER BY at.year, at.issued_at)
      FROM attestation at WHERE at.member_id = $2), '[]'),
  'clinicalCases', coalesce((
    SELECT json_agg(json_build_object('id', c.id, 'group', g.name, 'status', c.status,
                                      'origin', c.origin, 'situationKind', c.situation_kind,
                                      'createdAt', c.created_at, 'updatedAt', c.updated_at,
                                      'submittedAt', c.submitted_at,
                                      'title', x.title, 'workSituation', x.work_situation,
                                      'clinicalDiagnosis', x.clinical_diagnosis, 'exposures', x.exposures,
                                      'healthWorkLink', x.health_work_link, 'linkStrength', x.link_strength,
                                      'informationAndAlert', x.information_and_alert,
                                      'questionsRaised', x.questions_raised)
                    ORDER BY c.created_at)
      FROM clinical_case c LEFT JOIN clinical_case_text x ON x.case_id = c.id
      LEFT JOIN peer_group g ON g.id = c.group_id
     WHERE c.author_member_id = $2), '[]'),
  'reportsDrafted', coalesce((
    SELECT json_agg(json_build_object('meetingStartsAt', mt.starts_at, 'group', g.name,
                                      'status', r.status, 'edition', r.edition,
                                      'createdAt', r.created_at, 'submittedAt', r.submitted_at,
                                      'validatedAt', r.validated_at)
                    ORDER BY r.created_at)
      FROM meeting_report r LEFT JOIN meeting mt ON mt.id = r.meeting_id
      LEFT JOIN peer_group g ON g.id = r.group_id
     WHERE r.drafted_by_member_id = $2), '[]'),
  'reportApprovals', coalesce((
    SELECT json_agg(json_build_object('meetingStartsAt', mt.starts_at, 'group', g.name,
                                      'revision', a.text_version, 'approvedAt', a.approved_at)
                    ORDER BY a.approved_at)
      FROM meeting_report_approval a LEFT JOIN meeting_report r ON r.id = a.report_id
      LEFT JOIN meeting mt ON mt.id = r.meeting_id LEFT JOIN peer_group g ON g.id = a.group_id
     WHERE a.member_id = $2), '[]'),
  'sessions', coalesce((
    SELECT json_agg(json_build_object('startedAt', s.started_at, 'lastUsedAt', s.last_used_at,
                                      'expiresAt', s.expires_at, 'revokedAt', s.revoked_at,
                                      'userAgent', s.user_agent)
                    ORDER BY s.started_at)
      FROM (SELECT min(t.created_at) AS started_at, max(coalesce(t.used_at, t.created_at)) AS last_used_at,
                   max(t.session_expires_at) AS expires_at, max(t.revoked_at) AS revoked_at,
                   (array_agg(t.user_agent ORDER BY t.created_at))[1] AS user_agent
              FROM refresh_token t WHERE t.user_id = $1 GROUP BY t.family_id) s), '[]'),
  'auditEvents', coalesce((
    SELECT json_agg(json_build_object('action', ev.action, 'at', ev.occurred_at)
                    ORDER BY ev.occurred_at, ev.id)
      FROM audit_event ev WHERE ev.actor_user_id = $1), '[]'),
  'accountDeletionRequests', coalesce((
    SELECT json_agg(json_build_object('status', d.status, 'reason', d.reason,
                                      'requestedAt', d.requested_at, 'handledAt', d.handled_at)
                    ORDER BY d.requested_at)
      FROM account_deletion_request d WHERE d.user_id = $1), '[]')
) AS export`;

export const myDataService = {
  /** Everything E-Pairs holds about the signed-in person, as one JSON document. */
  async export(ctx: RequestContext): Promise<Record<string, unknown>> {
    const { user } = await ctx.requireAuth();
    const manager = await ctx.manager();
    const [row] = (await manager.query(EXPORT, [user.id, user.memberId])) as [
      { export: Record<string, unknown> },
    ];
    return { format: MY_DATA_FORMAT, exportedAt: new Date().toISOString(), ...row.export };
  },
};
