import { randomUUID } from 'node:crypto';
import {
  BINOME_SIZE,
  canMoveGroup,
  registrationProblems,
  yearInParis,
  type DrawMode,
  type EntryPoint,
  type GroupStatus,
  type RegistrationMember,
  type RegistrationProblem,
  administers,
} from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { AppError, badInput, conflict, forbidden, notFound } from '../../common/errors';
import {
  listOperations,
  readableQuery,
  whereEquals,
  whereIds,
} from '../../common/graphql/resource-query';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { escapeLike } from '../societies/society.service';
import { Society } from '../societies/society.entity';
import { societySettingService } from '../society-settings/society-setting.service';
import { PeerGroup } from './group.entities';
import type {
  ChangePeerGroupStatusArgs,
  CreatePeerGroupArgs,
  PeerGroupFilter,
  UpdatePeerGroupArgs,
} from './group.types';
import { memberByKey } from '../../common/db/lookups';

async function query(ctx: RequestContext, filter: PeerGroupFilter) {
  const query = await readableQuery(ctx, PeerGroup, 'peer_group', 'PeerGroup', {
    id: 'peer_group.id',
    societyId: 'peer_group.society_id',
    status: 'peer_group.status',
  });
  // Read with the group and handed to the loader: see JoinedRow.
  query.leftJoinAndMapOne(
    'peer_group.joinedSociety',
    Society,
    'society',
    'society.id = peer_group.society_id',
  );
  if (filter.q) query.andWhere('peer_group.name ILIKE :q', { q: `%${escapeLike(filter.q)}%` });
  whereIds(query, 'peer_group.id', filter.ids);
  whereEquals(query, 'peer_group.society_id', filter.societyId, { uuid: true });
  whereEquals(query, 'peer_group.status', filter.status);
  whereEquals(query, 'peer_group.kind', filter.kind);
  whereEquals(query, 'peer_group.entry_point', filter.entryPoint);
  if (filter.themeId) {
    query.andWhere(
      'EXISTS (SELECT 1 FROM group_theme gt WHERE gt.group_id = peer_group.id AND gt.theme_id = :themeId)',
      { themeId: isUuid(filter.themeId) ? filter.themeId : null },
    );
  }
  return query;
}

/**
 * Reads a group and locks its row until the transaction ends: membership changes, submission and
 * registration of one group then happen one after the other, each seeing the others' result.
 */
export async function lockGroup(ctx: RequestContext, groupId: string): Promise<PeerGroup | null> {
  const visible = await groupService.findOne(ctx, groupId);
  if (!visible) return null;
  const manager = await ctx.manager();
  await manager.query(`SELECT 1 FROM peer_group WHERE id = $1 FOR UPDATE`, [visible.id]);
  return manager.getRepository(PeerGroup).findOneBy({ id: visible.id });
}

export const groupRecord = (group: PeerGroup) => ({
  id: group.id,
  societyId: group.societyId,
  status: group.status,
});

function checkShape(
  check: InputCheck,
  entryPoint: EntryPoint,
  drawMode: DrawMode | null | undefined,
): DrawMode | null {
  if (entryPoint === 'CASE_PRESENTATION' && !drawMode) {
    check.add(
      'drawMode',
      'Pour la présentation de cas, choisissez le tirage au sort ou le choix par thème.',
    );
  }
  if (entryPoint !== 'CASE_PRESENTATION' && drawMode) {
    check.add('drawMode', 'Le mode de tirage ne vaut que pour la présentation de cas.');
  }
  return entryPoint === 'CASE_PRESENTATION' ? (drawMode ?? null) : null;
}

async function replaceThemes(
  ctx: RequestContext,
  group: PeerGroup,
  themeIds: string[],
): Promise<void> {
  const ids = [...new Set(themeIds)];
  if (ids.some((id) => !isUuid(id))) throw badInput('themeIds', 'Thème inconnu.');
  const manager = await ctx.manager();
  const known = (await manager.query(`SELECT id FROM theme WHERE id = ANY($1) AND active`, [
    ids,
  ])) as { id: string }[];
  if (known.length !== ids.length) throw badInput('themeIds', 'Thème inconnu ou retiré.');
  await manager.query(`DELETE FROM group_theme WHERE group_id = $1 AND NOT (theme_id = ANY($2))`, [
    group.id,
    ids,
  ]);
  if (ids.length > 0) {
    await manager.query(
      `INSERT INTO group_theme (group_id, theme_id, society_id)
       SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
      [group.id, ids, group.societyId],
    );
  }
  ctx.loaders.themesByGroupId.clear(group.id);
}

export const groupService = {
  ...listOperations(
    query,
    {
      sortable: {
        name: 'peer_group.name',
        status: 'peer_group.status',
        createdAt: 'peer_group.created_at',
        registeredAt: 'peer_group.registered_at',
      },
      defaultSort: { field: 'name', order: 'ASC' },
      tieBreaker: 'peer_group.id',
    },
    [{ property: 'joinedSociety', loader: (loaders) => loaders.societyById }],
  ),

  /** A member founds a group of its society and becomes its relay person; admins create empty ones. */
  async create(ctx: RequestContext, args: CreatePeerGroupArgs): Promise<PeerGroup> {
    const check = new InputCheck();
    check.id('societyId', args.societyId, 'La société');
    const name = check.text('name', args.name, 'Le nom', 2, 120);
    const entryPoint = args.entryPoint ?? 'CASE_PRESENTATION';
    const drawMode = checkShape(check, entryPoint, args.drawMode);
    const meetingPlace = args.meetingPlace?.trim() || null;
    check.done();
    const { user } = await ctx.assertCan('create', 'PeerGroup', {
      id: '',
      societyId: args.societyId,
      status: 'FORMING',
    });
    const administersSociety = administers(user, args.societyId);
    const founder = !administersSociety ? user.memberId : null;
    const id = randomUUID();
    const manager = await ctx.manager();
    // No RETURNING: a founder may not read the group until the session knows it leads it.
    await manager.query(
      `INSERT INTO peer_group (id, society_id, name, kind, entry_point, draw_mode, meeting_place)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, args.societyId, name, args.kind, entryPoint, drawMode, meetingPlace],
    );
    if (founder) {
      // System work: no policy lets anyone make themselves relay person of a group.
      await ctx.asSystem((system) =>
        system.query(
          `INSERT INTO group_membership (society_id, group_id, member_id, role) VALUES ($1, $2, $3, 'RELAY')`,
          [args.societyId, id, founder],
        ),
      );
      await ctx.refreshSession();
    }
    const group = await manager.getRepository(PeerGroup).findOneByOrFail({ id });
    if (args.themeIds?.length) await replaceThemes(ctx, group, args.themeIds);
    await ctx.audit({
      action: 'group.create',
      entityType: 'PeerGroup',
      entityId: group.id,
      societyId: group.societyId,
      changedFields: ['name', 'kind', 'entryPoint', 'drawMode', 'meetingPlace', 'themeIds'],
    });
    return group;
  },

  async update(ctx: RequestContext, args: UpdatePeerGroupArgs): Promise<PeerGroup> {
    const current = await groupService.findOne(ctx, args.id);
    if (!current) throw notFound('Groupe');
    await ctx.assertCan('update', 'PeerGroup', groupRecord(current));
    if (current.status === 'CLOSED') throw conflict('Ce groupe est clos.');
    const check = new InputCheck();
    const changes: Partial<PeerGroup> = {};
    if (args.name != null && args.name.trim() !== current.name) {
      changes.name = check.text('name', args.name, 'Le nom', 2, 120);
    }
    if (args.kind && args.kind !== current.kind) {
      if (current.status !== 'FORMING')
        check.add('kind', 'La nature du groupe se fixe avant son inscription.');
      changes.kind = args.kind;
    }
    const entryPoint = args.entryPoint ?? current.entryPoint;
    const drawMode = args.drawMode !== undefined ? args.drawMode : current.drawMode;
    const shape = checkShape(
      check,
      entryPoint,
      entryPoint === 'CASE_PRESENTATION' ? drawMode : null,
    );
    if (entryPoint !== current.entryPoint) changes.entryPoint = entryPoint;
    if (shape !== current.drawMode) changes.drawMode = shape;
    if (
      args.meetingPlace !== undefined &&
      (args.meetingPlace?.trim() || null) !== current.meetingPlace
    ) {
      changes.meetingPlace = args.meetingPlace?.trim() || null;
    }
    if (args.reportValidationRule && args.reportValidationRule !== current.reportValidationRule) {
      changes.reportValidationRule = args.reportValidationRule;
    }
    check.done();
    const record = groupRecord(current);
    for (const field of Object.keys(changes))
      await ctx.assertCan('update', 'PeerGroup', record, field);
    if (args.themeIds) await ctx.assertCan('update', 'PeerGroup', record, 'themeIds');
    const updated = await updateVersioned<PeerGroup>(
      ctx,
      PeerGroup,
      'Le groupe',
      current,
      args.version,
      changes,
    );
    if (args.themeIds) await replaceThemes(ctx, current, args.themeIds);
    await ctx.audit({
      action: 'group.update',
      entityType: 'PeerGroup',
      entityId: current.id,
      societyId: current.societyId,
      changedFields: [...Object.keys(changes), ...(args.themeIds ? ['themeIds'] : [])],
    });
    return updated;
  },

  /** Why the group may not be registered for the year (empty when it may). */
  async registrationProblems(
    ctx: RequestContext,
    group: PeerGroup,
  ): Promise<RegistrationProblem[]> {
    const year = yearInParis();
    const [thresholds, charter] = await Promise.all([
      societySettingService.effective(ctx, group.societyId, year),
      ctx.loaders.currentCharter.load('current'),
    ]);
    const rows = (await (
      await ctx.manager()
    ).query(
      `SELECT u.first_name || ' ' || u.last_name AS name, m.profession, gm.role,
              ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM charter_acceptance a
                                           WHERE a.member_id = m.id AND a.charter_version_id = $2)) AS "charterAccepted",
              EXISTS (SELECT 1 FROM convention c
                       WHERE c.member_id = m.id AND c.year = $3 AND c.status <> 'CANCELLED') AS "hasConvention"
         FROM group_membership gm
         JOIN ${memberByKey('m', 'gm.member_id')}
         JOIN user_account u ON u.id = m.user_id
        WHERE gm.group_id = $1 AND gm.left_on IS NULL
        ORDER BY u.last_name, u.first_name`,
      [group.id, charter?.id ?? null, year],
    )) as RegistrationMember[];
    return registrationProblems(group.kind, rows, thresholds, year);
  },

  async problemsFor(ctx: RequestContext, groupId: string): Promise<RegistrationProblem[]> {
    const group = await groupService.findOne(ctx, groupId);
    if (!group) throw notFound('Groupe');
    await ctx.assertCan('submit', 'PeerGroup', groupRecord(group));
    return groupService.registrationProblems(ctx, group);
  },

  /** FORMING → SUBMITTED, by its relay person or its society, when every rule holds. */
  async submit(ctx: RequestContext, groupId: string): Promise<PeerGroup> {
    const group = await lockGroup(ctx, groupId);
    if (!group) throw notFound('Groupe');
    await ctx.assertCan('submit', 'PeerGroup', groupRecord(group));
    if (group.status !== 'FORMING')
      throw conflict('Seul un groupe en formation peut demander son inscription.');
    await refuseIfProblems(ctx, group);
    return groupService.move(ctx, group, group.version, 'SUBMITTED', 'group.submit', {
      submittedAt: new Date(),
    });
  },

  /** SUBMITTED → REGISTERED, by E-Pairs, the rules checked again. */
  async register(ctx: RequestContext, groupId: string): Promise<PeerGroup> {
    const group = await lockGroup(ctx, groupId);
    if (!group) throw notFound('Groupe');
    const { user } = await ctx.assertCan('register', 'PeerGroup', groupRecord(group));
    if (group.status !== 'SUBMITTED')
      throw conflict("Seul un groupe dont l'inscription est demandée peut être inscrit.");
    await refuseIfProblems(ctx, group);
    return groupService.move(ctx, group, group.version, 'REGISTERED', 'group.register', {
      registeredAt: new Date(),
      registeredBy: user.id,
    });
  },

  /** The rest of the life of a group: activate, suspend, close, or send a request back. */
  async changeStatus(ctx: RequestContext, args: ChangePeerGroupStatusArgs): Promise<PeerGroup> {
    const group = await groupService.findOne(ctx, args.id);
    if (!group) throw notFound('Groupe');
    await ctx.assertCan('update', 'PeerGroup', groupRecord(group));
    const { user } = await ctx.requireAuth();
    if (!administers(user, group.societyId))
      throw forbidden('Seules la société et la fédération changent le statut d’un groupe.');
    if (args.status === 'SUBMITTED' || args.status === 'REGISTERED') {
      throw badInput(
        'status',
        'Utilisez la demande d’inscription (submitGroupRegistration) puis l’inscription (registerGroup).',
      );
    }
    if (!canMoveGroup(group.status, args.status)) {
      throw conflict(`Un groupe ${group.status} ne peut pas passer à ${args.status}.`, {
        field: 'status',
      });
    }
    if (args.status === 'ACTIVE') {
      const [memberships, binomes] = await Promise.all([
        ctx.loaders.membershipsByGroupId.load(group.id),
        ctx.loaders.binomesByGroupId.load(group.id),
      ]);
      const problems: string[] = [];
      if (!memberships.some((membership) => membership.role === 'RELAY'))
        problems.push('aucune personne-relais');
      if (binomes.length !== BINOME_SIZE)
        problems.push(`${binomes.length} correspondant(s) de binôme au lieu de ${BINOME_SIZE}`);
      if (problems.length > 0)
        throw conflict(`Le groupe ne peut pas devenir actif : ${problems.join(', ')}.`);
    }
    return groupService.move(ctx, group, args.version, args.status, 'group.status', {});
  },

  async move(
    ctx: RequestContext,
    group: PeerGroup,
    version: number,
    status: GroupStatus,
    action: string,
    extra: Partial<PeerGroup>,
  ): Promise<PeerGroup> {
    const changes = { ...extra, status };
    const updated = await updateVersioned<PeerGroup>(
      ctx,
      PeerGroup,
      'Le groupe',
      group,
      version,
      changes,
    );
    await ctx.audit({
      action,
      entityType: 'PeerGroup',
      entityId: group.id,
      societyId: group.societyId,
      changedFields: Object.keys(changes),
    });
    return updated;
  },
};

async function refuseIfProblems(ctx: RequestContext, group: PeerGroup): Promise<void> {
  const problems = await groupService.registrationProblems(ctx, group);
  if (problems.length > 0) {
    throw new AppError(
      'BAD_USER_INPUT',
      `Inscription impossible : ${problems.map((p) => p.message).join(' ')}`,
      {
        field: 'groupId',
        reasons: problems,
      },
    );
  }
}
