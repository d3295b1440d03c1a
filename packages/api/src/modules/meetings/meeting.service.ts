import { randomBytes, randomInt } from 'node:crypto';
import {
  SIGNING_GRACE_MINUTES,
  planRotation,
  subject,
  yearInParis,
  type MeetingMode,
  type SessionRole,
} from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import {
  listOperations,
  readableQuery,
  whereEquals,
  whereIds,
} from '../../common/graphql/resource-query';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { groupService } from '../groups/group.service';
import type { PeerGroup } from '../groups/group.entities';
import { notifyMeetingChange, remindUnanswered } from './invitations';
import { scheduleSheetClosing } from './sheet-closing';
import { Attendance, Meeting, MeetingRole } from './meeting.entities';
import type {
  MeetingFilter,
  PlanMeetingArgs,
  RotationPlanType,
  UpdateMeetingArgs,
} from './meeting.types';
import { codeIsValid, currentSigningCredentials, meetingOfToken, tokenIsValid } from './signing';
import { entityColumns, hydrate } from '../../common/db/hydrate';
import { memberByKey } from '../../common/db/lookups';

async function query(ctx: RequestContext, filter: MeetingFilter) {
  const query = await readableQuery(ctx, Meeting, 'meeting', 'Meeting', {
    id: 'meeting.id',
    societyId: 'meeting.society_id',
    groupId: 'meeting.group_id',
  });
  whereIds(query, 'meeting.id', filter.ids);
  whereEquals(query, 'meeting.group_id', filter.groupId, { uuid: true });
  whereEquals(query, 'meeting.society_id', filter.societyId, { uuid: true });
  whereEquals(query, 'meeting.status', filter.status);
  if (filter.excludeCancelled) query.andWhere(`meeting.status <> 'CANCELLED'`);
  if (filter.year) {
    query.andWhere(`extract(year FROM meeting.starts_at AT TIME ZONE 'Europe/Paris') = :year`, {
      year: filter.year,
    });
  }
  return query;
}

export const meetingRecord = (meeting: Meeting) => ({
  id: meeting.id,
  societyId: meeting.societyId,
  groupId: meeting.groupId,
});

const MEETING_GROUP_STATUSES = ['REGISTERED', 'ACTIVE'];

function checkShape(
  check: InputCheck,
  mode: MeetingMode,
  place: string | null,
  link: string | null,
) {
  if (mode !== 'REMOTE' && !place) check.add('place', 'Indiquez le lieu de la réunion.');
  if (mode !== 'IN_PERSON' && !link) check.add('link', 'Indiquez le lien de la visioconférence.');
  if (link && !/^https:\/\/\S+$/.test(link))
    check.add('link', 'Le lien doit commencer par https://.');
}

function checkSchedule(
  check: InputCheck,
  startsAt: Date | undefined,
  durationMinutes: number | undefined,
) {
  if (startsAt !== undefined && Number.isNaN(startsAt.getTime()))
    check.add('startsAt', 'Date de début invalide.');
  if (
    durationMinutes !== undefined &&
    (!Number.isInteger(durationMinutes) || durationMinutes < 30 || durationMinutes > 480)
  ) {
    check.add('durationMinutes', 'La durée doit être comprise entre 30 minutes et 8 heures.');
  }
}

/** A meeting the person may read, with its row locked for the rest of the transaction. */
async function lockMeeting(ctx: RequestContext, id: string): Promise<Meeting> {
  const visible = isUuid(id) ? await meetingService.findOne(ctx, id) : null;
  if (!visible) throw notFound('Réunion');
  const manager = await ctx.manager();
  await manager.query(`SELECT 1 FROM meeting WHERE id = $1 FOR UPDATE`, [visible.id]);
  return manager.getRepository(Meeting).findOneByOrFail({ id: visible.id });
}

async function currentMemberIds(ctx: RequestContext, groupId: string): Promise<Set<string>> {
  const memberships = await ctx.loaders.membershipsByGroupId.load(groupId);
  return new Set(memberships.map((membership) => membership.memberId));
}

async function audit(
  ctx: RequestContext,
  meeting: Meeting,
  action: string,
  changedFields: string[],
  entity?: { type: string; id: string },
) {
  await ctx.audit({
    action,
    entityType: entity?.type ?? 'Meeting',
    entityId: entity?.id ?? meeting.id,
    societyId: meeting.societyId,
    changedFields,
  });
}

export const meetingService = {
  ...listOperations(query, {
    sortable: {
      startsAt: 'meeting.starts_at',
      status: 'meeting.status',
      createdAt: 'meeting.created_at',
    },
    defaultSort: { field: 'startsAt', order: 'ASC' },
    tieBreaker: 'meeting.id',
  }),

  async plan(ctx: RequestContext, args: PlanMeetingArgs): Promise<Meeting> {
    const group = isUuid(args.groupId) ? await groupService.findOne(ctx, args.groupId) : null;
    if (!group) throw notFound('Groupe');
    await ctx.assertCan('create', 'Meeting', {
      id: '',
      societyId: group.societyId,
      groupId: group.id,
    });
    if (!MEETING_GROUP_STATUSES.includes(group.status)) {
      throw conflict('Seul un groupe inscrit ou actif planifie ses réunions.', {
        field: 'groupId',
      });
    }
    const check = new InputCheck();
    checkSchedule(check, args.startsAt, args.durationMinutes);
    if (args.startsAt.getTime() < Date.now() - SIGNING_GRACE_MINUTES * 60_000) {
      // Planned before it happens: a past meeting would be a sheet nobody could sign.
      check.add('startsAt', 'Une réunion se planifie avant son début.');
    }
    const mode = args.mode ?? 'IN_PERSON';
    const place = args.place?.trim() || null;
    const link = args.link?.trim() || null;
    checkShape(check, mode, place, link);
    const title = args.title?.trim() || null;
    if (title && title.length > 200) check.add('title', 'Le titre fait 200 caractères au plus.');
    check.done();
    const manager = await ctx.manager();
    // The row comes back with the write (defaults, timestamps, version), as the entity.
    const { raw } = (await manager
      .createQueryBuilder()
      .insert()
      .into(Meeting)
      .values({
        societyId: group.societyId,
        groupId: group.id,
        startsAt: args.startsAt,
        durationMinutes: args.durationMinutes,
        mode,
        place: mode === 'REMOTE' ? null : place,
        link: mode === 'IN_PERSON' ? null : link,
        title,
        status: 'PLANNED',
        signingSecret: randomBytes(32),
        sequence: 0,
      })
      .returning(entityColumns(manager, Meeting, 'meeting', ''))
      .updateEntity(false)
      .execute()) as { raw: Record<string, unknown>[] };
    const meeting = hydrate(manager, Meeting, raw[0]!, '')!;
    await notifyMeetingChange(ctx, meeting, 'planned');
    await scheduleSheetClosing(ctx, meeting);
    await audit(ctx, meeting, 'meeting.plan', [
      'startsAt',
      'durationMinutes',
      'mode',
      'place',
      'link',
      'title',
    ]);
    return meeting;
  },

  async update(ctx: RequestContext, args: UpdateMeetingArgs): Promise<Meeting> {
    const current = await lockMeeting(ctx, args.id);
    await ctx.assertCan('update', 'Meeting', meetingRecord(current));
    if (current.status !== 'PLANNED')
      throw conflict('Seule une réunion prévue peut être modifiée.');
    const reschedules =
      (args.startsAt && args.startsAt.getTime() !== current.startsAt.getTime()) ||
      (args.durationMinutes != null && args.durationMinutes !== current.durationMinutes);
    if (reschedules && (await scheduleIsFrozen(ctx, current))) {
      throw conflict(
        "La feuille d'émargement est ouverte ou déjà signée : l'horaire ne change plus.",
        { field: 'startsAt' },
      );
    }
    const check = new InputCheck();
    checkSchedule(check, args.startsAt, args.durationMinutes);
    if (args.startsAt && args.startsAt.getTime() < Date.now())
      check.add('startsAt', 'Une réunion se déplace vers l’avenir.');
    const changes: Partial<Meeting> = {};
    if (args.startsAt && args.startsAt.getTime() !== current.startsAt.getTime())
      changes.startsAt = args.startsAt;
    if (args.durationMinutes != null && args.durationMinutes !== current.durationMinutes) {
      changes.durationMinutes = args.durationMinutes;
    }
    const mode = args.mode ?? current.mode;
    const place = args.place !== undefined ? args.place?.trim() || null : current.place;
    const link = args.link !== undefined ? args.link?.trim() || null : current.link;
    checkShape(check, mode, place, link);
    check.done();
    if (mode !== current.mode) changes.mode = mode;
    if ((mode === 'REMOTE' ? null : place) !== current.place)
      changes.place = mode === 'REMOTE' ? null : place;
    if ((mode === 'IN_PERSON' ? null : link) !== current.link)
      changes.link = mode === 'IN_PERSON' ? null : link;
    if (args.title !== undefined && (args.title?.trim() || null) !== current.title)
      changes.title = args.title?.trim() || null;
    if (Object.keys(changes).length > 0) changes.sequence = current.sequence + 1;
    const updated = await updateVersioned<Meeting>(
      ctx,
      Meeting,
      'La réunion',
      current,
      args.version,
      changes,
    );
    if (Object.keys(changes).length > 0) await notifyMeetingChange(ctx, updated, 'updated');
    if (changes.startsAt || changes.durationMinutes) await scheduleSheetClosing(ctx, updated);
    await audit(ctx, current, 'meeting.update', Object.keys(changes));
    return updated;
  },

  async cancel(ctx: RequestContext, id: string, version: number, reason: string): Promise<Meeting> {
    const current = await lockMeeting(ctx, id);
    await ctx.assertCan('update', 'Meeting', meetingRecord(current));
    if (current.status !== 'PLANNED') throw conflict('Seule une réunion prévue peut être annulée.');
    if (await anyoneSigned(ctx, current)) {
      throw conflict("Des membres ont signé : la réunion a eu lieu et ne s'annule plus.");
    }
    if (!reason?.trim()) throw badInput('reason', "Indiquez le motif de l'annulation.");
    const updated = await updateVersioned<Meeting>(ctx, Meeting, 'La réunion', current, version, {
      status: 'CANCELLED',
      cancelReason: reason.trim(),
      sequence: current.sequence + 1,
    });
    await notifyMeetingChange(ctx, updated, 'cancelled');
    await audit(ctx, current, 'meeting.cancel', ['status', 'cancelReason']);
    return updated;
  },

  /** Gives a session role; the animator and the secretary are one each (the previous is replaced). */
  async assignRole(
    ctx: RequestContext,
    meetingId: string,
    memberId: string,
    role: SessionRole,
  ): Promise<MeetingRole> {
    const meeting = await lockMeeting(ctx, meetingId);
    await ctx.assertCan('update', 'Meeting', meetingRecord(meeting));
    if (meeting.status === 'CANCELLED') throw conflict('Cette réunion est annulée.');
    if (meeting.sheetClosedAt) throw conflict('La réunion est tenue : ses rôles ne changent plus.');
    if (!(await currentMemberIds(ctx, meeting.groupId)).has(memberId)) {
      throw badInput('memberId', 'Ce membre ne fait pas partie du groupe.');
    }
    const manager = await ctx.manager();
    if (role !== 'PRESENTER')
      await manager.query(`DELETE FROM meeting_role WHERE meeting_id = $1 AND role = $2`, [
        meeting.id,
        role,
      ]);
    await manager.query(
      `INSERT INTO meeting_role (society_id, meeting_id, member_id, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (meeting_id, member_id, role) DO NOTHING`,
      [meeting.societyId, meeting.id, memberId, role],
    );
    const assigned = await manager
      .getRepository(MeetingRole)
      .findOneByOrFail({ meetingId: meeting.id, memberId, role });
    ctx.loaders.rolesByMeetingId.clear(meeting.id);
    await audit(ctx, meeting, 'meeting.role-assign', ['role', 'memberId'], {
      type: 'MeetingRole',
      id: assigned.id,
    });
    return assigned;
  },

  async removeRole(ctx: RequestContext, roleId: string): Promise<MeetingRole> {
    const manager = await ctx.manager();
    const assigned = isUuid(roleId)
      ? await manager.getRepository(MeetingRole).findOneBy({ id: roleId })
      : null;
    if (!assigned) throw notFound('Rôle de séance');
    const meeting = await lockMeeting(ctx, assigned.meetingId);
    await ctx.assertCan('update', 'Meeting', meetingRecord(meeting));
    if (meeting.sheetClosedAt) throw conflict('La réunion est tenue : ses rôles ne changent plus.');
    await manager.getRepository(MeetingRole).delete({ id: assigned.id });
    ctx.loaders.rolesByMeetingId.clear(meeting.id);
    await audit(ctx, meeting, 'meeting.role-remove', ['role', 'memberId'], {
      type: 'MeetingRole',
      id: assigned.id,
    });
    return assigned;
  },

  /** Random draw of a presenter among the members who have not presented this year. */
  async drawPresenter(ctx: RequestContext, meetingId: string): Promise<MeetingRole> {
    const meeting = await lockMeeting(ctx, meetingId);
    await ctx.assertCan('update', 'Meeting', meetingRecord(meeting));
    const group = await ctx.loaders.groupById.load(meeting.groupId);
    if (group?.drawMode !== 'RANDOM') {
      throw conflict('Ce groupe choisit ses cas par thème : pas de tirage au sort.', {
        field: 'meetingId',
      });
    }
    const year = yearInParis(meeting.startsAt);
    const rows = (await (
      await ctx.manager()
    ).query(
      `SELECT gm.member_id AS "memberId" FROM group_membership gm
        WHERE gm.group_id = $1 AND gm.left_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM meeting_role mr JOIN meeting m ON m.id = mr.meeting_id
                           WHERE mr.member_id = gm.member_id AND mr.role = 'PRESENTER' AND m.status <> 'CANCELLED'
                             AND extract(year FROM m.starts_at AT TIME ZONE 'Europe/Paris') = $2)
        ORDER BY gm.member_id`,
      [meeting.groupId, year],
    )) as { memberId: string }[];
    if (rows.length === 0) throw conflict('Tous les membres ont déjà présenté cette année.');
    return meetingService.assignRole(
      ctx,
      meeting.id,
      rows[randomInt(rows.length)]!.memberId,
      'PRESENTER',
    );
  },

  /** Proposals for the group's planned meetings of the year that still lack roles. */
  async rotation(ctx: RequestContext, group: PeerGroup, year: number): Promise<RotationPlanType> {
    const manager = await ctx.manager();
    const members = (await manager.query(
      `SELECT gm.member_id AS "memberId", u.last_name || ' ' || u.first_name AS name,
              count(*) FILTER (WHERE mr.role = 'ANIMATOR')::int AS animator,
              count(*) FILTER (WHERE mr.role = 'SECRETARY')::int AS secretary,
              count(*) FILTER (WHERE mr.role = 'PRESENTER')::int AS presenter
         FROM group_membership gm
         JOIN ${memberByKey('m', 'gm.member_id')} JOIN user_account u ON u.id = m.user_id
         LEFT JOIN meeting_role mr ON mr.member_id = gm.member_id
              AND mr.meeting_id IN (SELECT id FROM meeting WHERE group_id = $1 AND status <> 'CANCELLED'
                                      AND extract(year FROM starts_at AT TIME ZONE 'Europe/Paris') = $2)
        WHERE gm.group_id = $1 AND gm.left_on IS NULL
        GROUP BY gm.member_id, u.last_name, u.first_name`,
      [group.id, year],
    )) as {
      memberId: string;
      name: string;
      animator: number;
      secretary: number;
      presenter: number;
    }[];
    const upcoming = (await manager.query(
      `SELECT m.id, m.starts_at AS "startsAt",
              (SELECT mr.member_id FROM meeting_role mr WHERE mr.meeting_id = m.id AND mr.role = 'ANIMATOR') AS animator,
              (SELECT mr.member_id FROM meeting_role mr WHERE mr.meeting_id = m.id AND mr.role = 'SECRETARY') AS secretary,
              coalesce((SELECT array_agg(mr.member_id ORDER BY mr.member_id) FROM meeting_role mr
                         WHERE mr.meeting_id = m.id AND mr.role = 'PRESENTER'), '{}') AS presenters
         FROM meeting m
        WHERE m.group_id = $1 AND m.status = 'PLANNED'
          AND extract(year FROM m.starts_at AT TIME ZONE 'Europe/Paris') = $2
          AND (SELECT count(DISTINCT mr.role) FROM meeting_role mr WHERE mr.meeting_id = m.id) < 3
        ORDER BY m.starts_at`,
      [group.id, year],
    )) as {
      id: string;
      startsAt: Date;
      animator: string | null;
      secretary: string | null;
      presenters: string[];
    }[];
    const plan = planRotation(
      members.map((member) => ({
        memberId: member.memberId,
        name: member.name,
        counts: {
          ANIMATOR: member.animator,
          SECRETARY: member.secretary,
          PRESENTER: member.presenter,
        },
      })),
      upcoming.map(({ animator, secretary, presenters }) => ({ animator, secretary, presenters })),
    );
    return {
      proposals: plan.proposals.map((proposal, index) => ({
        meetingId: upcoming[index]!.id,
        startsAt: upcoming[index]!.startsAt,
        animatorId: proposal.animator,
        secretaryId: proposal.secretary,
        presenterIds: proposal.presenters,
      })),
      uncovered: plan.uncovered.map(({ memberId, role, message }) => ({ memberId, role, message })),
    };
  },

  async proposeRotation(
    ctx: RequestContext,
    groupId: string,
    year?: number,
  ): Promise<RotationPlanType> {
    const group = isUuid(groupId) ? await groupService.findOne(ctx, groupId) : null;
    if (!group) throw notFound('Groupe');
    await ctx.assertCan('create', 'Meeting', {
      id: '',
      societyId: group.societyId,
      groupId: group.id,
    });
    return meetingService.rotation(ctx, group, year ?? yearInParis());
  },

  /** Accepts the planner's proposals as they are (the relay person edits afterwards if needed). */
  async applyRotation(
    ctx: RequestContext,
    groupId: string,
    year?: number,
  ): Promise<RotationPlanType> {
    const group = isUuid(groupId) ? await groupService.findOne(ctx, groupId) : null;
    if (!group) throw notFound('Groupe');
    await ctx.assertCan('create', 'Meeting', {
      id: '',
      societyId: group.societyId,
      groupId: group.id,
    });
    const manager = await ctx.manager();
    await manager.query(`SELECT 1 FROM peer_group WHERE id = $1 FOR UPDATE`, [group.id]);
    const plan = await meetingService.rotation(ctx, group, year ?? yearInParis());
    const rows = plan.proposals.flatMap((proposal) => [
      ...(proposal.animatorId ? [[proposal.meetingId, proposal.animatorId, 'ANIMATOR']] : []),
      ...(proposal.secretaryId ? [[proposal.meetingId, proposal.secretaryId, 'SECRETARY']] : []),
      ...proposal.presenterIds.map((id) => [proposal.meetingId, id, 'PRESENTER']),
    ]);
    if (rows.length > 0) {
      await manager.query(
        `INSERT INTO meeting_role (society_id, meeting_id, member_id, role)
         SELECT $1, (r->>0)::uuid, (r->>1)::uuid, r->>2 FROM jsonb_array_elements($2::jsonb) AS r
         WHERE NOT EXISTS (SELECT 1 FROM meeting_role mr WHERE mr.meeting_id = (r->>0)::uuid AND mr.role = r->>2)
         ON CONFLICT DO NOTHING`,
        [group.societyId, JSON.stringify(rows)],
      );
    }
    await ctx.audit({
      action: 'meeting.rotation-apply',
      entityType: 'PeerGroup',
      entityId: group.id,
      societyId: group.societyId,
      changedFields: ['meetingRoles'],
    });
    return plan;
  },

  /** For the relay person's screen: the rotating QR token and the fallback code. */
  async signingCredentials(ctx: RequestContext, meetingId: string) {
    const visible = await withSecret(ctx, meetingId);
    if (!visible) throw notFound('Réunion');
    await ctx.assertCan('update', 'Attendance', {
      id: '',
      societyId: visible.societyId,
      groupId: visible.groupId,
      memberId: '',
    });
    if (visible.status === 'CANCELLED' || visible.sheetClosedAt)
      throw conflict("La feuille d'émargement est close.");
    const credentials = currentSigningCredentials(visible.id, visible.signingSecret);
    return {
      ...credentials,
      link: `${ctx.services.config.publicUrl}/sign?t=${encodeURIComponent(credentials.token)}`,
    };
  },

  /**
   * The person signs for itself, with the QR token or the fallback code; twice is once, and a
   * second call returns the first signature (the portal retries on a slow connection).
   */
  async sign(
    ctx: RequestContext,
    input: { token?: string | null; meetingId?: string | null; code?: string | null },
  ): Promise<Attendance> {
    const { user } = await ctx.requireAuth();
    if (!user.memberId) throw forbidden("Seuls les membres d'un groupe émargent.");
    const meetingId = input.token ? meetingOfToken(input.token) : (input.meetingId ?? null);
    const meeting = meetingId ? await withSecret(ctx, meetingId) : null;
    if (!meeting)
      throw badInput(
        input.token ? 'token' : 'meetingId',
        "Ce code d'émargement n'est pas valable.",
      );
    await ctx.assertCan('create', 'Attendance', {
      id: '',
      societyId: meeting.societyId,
      groupId: meeting.groupId,
      memberId: user.memberId,
    });
    const manager = await ctx.manager();
    const signed = await manager
      .getRepository(Attendance)
      .findOneBy({ meetingId: meeting.id, memberId: user.memberId, status: 'SIGNED' });
    if (signed) {
      // A double tap, or a retry after a lost response once the code has turned or the sheet
      // closed: the signature stands, unchanged, and is returned as it is.
      await audit(ctx, meeting, 'attendance.sign', [], { type: 'Attendance', id: signed.id });
      return signed;
    }
    const secret = meeting.signingSecret;
    const method = input.token ? 'QR' : 'CODE';
    // Codes are short: attempts are counted (a QR token is long enough not to need it).
    if (method === 'CODE') await ctx.services.signingLimiter.consume(user.memberId, meeting.id);
    const valid = input.token
      ? tokenIsValid(input.token, meeting.id, secret)
      : !!input.code && codeIsValid(input.code, secret);
    if (!valid) {
      throw badInput(
        method === 'QR' ? 'token' : 'code',
        "Ce code d'émargement a expiré ou n'est pas valable : scannez le code affiché maintenant.",
      );
    }
    // The line comes back with the write; none when a parallel request signed it first (the
    // conflict's update applies to an excused absence only), and then it is read.
    const [written] = (await manager.query(
      `INSERT INTO attendance AS a (society_id, meeting_id, member_id, status, method) VALUES ($1, $2, $3, 'SIGNED', $4)
       ON CONFLICT (meeting_id, member_id) DO UPDATE
         SET status = 'SIGNED', method = EXCLUDED.method, signed_at = clock_timestamp(), recorded_by = NULL
         WHERE a.status = 'EXCUSED'
       RETURNING ${entityColumns(manager, Attendance, 'a', '')}`,
      [meeting.societyId, meeting.id, user.memberId, method],
    )) as Record<string, unknown>[];
    const line = written
      ? hydrate(manager, Attendance, written, '')!
      : await manager
          .getRepository(Attendance)
          .findOneByOrFail({ meetingId: meeting.id, memberId: user.memberId });
    if (method === 'CODE') await ctx.services.signingLimiter.succeeded(user.memberId, meeting.id);
    await audit(ctx, meeting, 'attendance.sign', ['status', 'signedAt'], {
      type: 'Attendance',
      id: line.id,
    });
    return line;
  },

  /** The relay person records an excused absence (never a signature). */
  async excuse(ctx: RequestContext, meetingId: string, memberId: string): Promise<Attendance> {
    const meeting = await lockMeeting(ctx, meetingId);
    await ctx.assertCan('update', 'Attendance', {
      id: '',
      societyId: meeting.societyId,
      groupId: meeting.groupId,
      memberId,
    });
    if (!(await currentMemberIds(ctx, meeting.groupId)).has(memberId))
      throw badInput('memberId', 'Ce membre ne fait pas partie du groupe.');
    if (meeting.sheetClosedAt)
      throw conflict('La feuille est close : passez par une correction motivée.');
    const manager = await ctx.manager();
    const existing = await manager
      .getRepository(Attendance)
      .findOneBy({ meetingId: meeting.id, memberId });
    if (existing?.status === 'SIGNED')
      throw conflict('Ce membre a signé : il était présent.', { field: 'memberId' });
    const { user } = await ctx.requireAuth();
    if (!existing) {
      await manager.getRepository(Attendance).insert({
        societyId: meeting.societyId,
        meetingId: meeting.id,
        memberId,
        status: 'EXCUSED',
        method: 'EXCUSE',
        recordedBy: user.id,
      });
    }
    const line = await manager
      .getRepository(Attendance)
      .findOneByOrFail({ meetingId: meeting.id, memberId });
    ctx.loaders.attendanceByMeetingId.clear(meeting.id);
    await audit(ctx, meeting, 'attendance.excuse', ['status'], { type: 'Attendance', id: line.id });
    return line;
  },

  /** After the sheet is closed, the relay person corrects a line, with a reason (audited). */
  async correct(
    ctx: RequestContext,
    meetingId: string,
    memberId: string,
    status: 'SIGNED' | 'EXCUSED',
    reason: string,
  ): Promise<Attendance> {
    const meeting = await lockMeeting(ctx, meetingId);
    await ctx.assertCan('update', 'Attendance', {
      id: '',
      societyId: meeting.societyId,
      groupId: meeting.groupId,
      memberId,
    });
    if (!meeting.sheetClosedAt)
      throw conflict('La feuille est encore ouverte : chacun signe lui-même.');
    if (!reason?.trim()) throw badInput('reason', 'Indiquez le motif de la correction.');
    if (!(await currentMemberIds(ctx, meeting.groupId)).has(memberId))
      throw badInput('memberId', 'Ce membre ne fait pas partie du groupe.');
    const { user } = await ctx.requireAuth();
    const manager = await ctx.manager();
    await manager.query(
      `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, recorded_by, correction_reason)
       VALUES ($1, $2, $3, $4, 'CORRECTION', $5, $6)
       ON CONFLICT (meeting_id, member_id) DO UPDATE
         SET status = EXCLUDED.status, method = 'CORRECTION', recorded_by = EXCLUDED.recorded_by,
             correction_reason = EXCLUDED.correction_reason`,
      [meeting.societyId, meeting.id, memberId, status, user.id, reason.trim()],
    );
    const line = await manager
      .getRepository(Attendance)
      .findOneByOrFail({ meetingId: meeting.id, memberId });
    ctx.loaders.attendanceByMeetingId.clear(meeting.id);
    await audit(ctx, meeting, 'attendance.correct', ['status', 'correctionReason'], {
      type: 'Attendance',
      id: line.id,
    });
    return line;
  },

  /** Closes the sheet: the meeting is held; signatures stop, corrections need a reason. */
  async closeSheet(ctx: RequestContext, meetingId: string): Promise<Meeting> {
    const meeting = await lockMeeting(ctx, meetingId);
    await ctx.assertCan('update', 'Meeting', meetingRecord(meeting));
    if (meeting.status === 'CANCELLED') throw conflict('Cette réunion est annulée.');
    if (meeting.sheetClosedAt) throw conflict('La feuille est déjà close.');
    if (meeting.startsAt.getTime() > Date.now())
      throw conflict("La réunion n'a pas encore commencé.");
    const updated = await updateVersioned<Meeting>(
      ctx,
      Meeting,
      'La réunion',
      meeting,
      meeting.version,
      {
        status: 'HELD',
        sheetClosedAt: new Date(),
      },
    );
    await audit(ctx, meeting, 'meeting.close-sheet', ['status', 'sheetClosedAt']);
    return updated;
  },

  /** Writes again to the members who have not answered a coming meeting; how many. */
  async remindUnanswered(ctx: RequestContext, meetingId: string): Promise<number> {
    const meeting = await lockMeeting(ctx, meetingId);
    await ctx.assertCan('update', 'Meeting', meetingRecord(meeting));
    if (meeting.status !== 'PLANNED' || meeting.startsAt.getTime() <= Date.now()) {
      throw conflict('Seule une réunion à venir peut faire l’objet d’une relance.');
    }
    const written = await remindUnanswered(ctx, meeting);
    await audit(ctx, meeting, 'meeting.remind', []);
    return written;
  },

  canRead(ctx: RequestContext, meeting: Meeting) {
    return ctx
      .requireAuth()
      .then(({ ability }) => ability.can('read', subject('Meeting', meetingRecord(meeting))));
  },
};

/** Once the signing window has opened, or anyone signed, the schedule is fixed. */
async function scheduleIsFrozen(ctx: RequestContext, meeting: Meeting): Promise<boolean> {
  if (Date.now() >= meeting.startsAt.getTime() - SIGNING_GRACE_MINUTES * 60_000) return true;
  return anyoneSigned(ctx, meeting);
}

async function anyoneSigned(ctx: RequestContext, meeting: Meeting): Promise<boolean> {
  const manager = await ctx.manager();
  const lines = (await manager.query(
    `SELECT 1 FROM attendance WHERE meeting_id = $1 AND status = 'SIGNED' LIMIT 1`,
    [meeting.id],
  )) as unknown[];
  return lines.length > 0;
}

/** A meeting the person may read, with its signing secret, in one statement. */
async function withSecret(ctx: RequestContext, meetingId: string): Promise<Meeting | null> {
  if (!isUuid(meetingId)) return null;
  return (await query(ctx, { ids: [meetingId] })).addSelect('meeting.signingSecret').getOne();
}
