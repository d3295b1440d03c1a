import { dateInParis, normalizeEmail, normalizeRpps, yearInParis } from '@epairs/shared';
import { badInput, conflict, notFound } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/validation';
import { societySettingService } from '../society-settings/society-setting.service';
import { GroupMembership, type PeerGroup } from './group.entities';
import { lockGroup } from './group.service';
import type { AddGroupMemberArgs } from './group.types';
import { memberByKey } from '../../common/db/lookups';

const membershipRecord = (membership: GroupMembership) => ({
  id: membership.id,
  societyId: membership.societyId,
  groupId: membership.groupId,
  memberId: membership.memberId,
});

interface Candidate {
  id: string;
  status: string;
  profession: string;
  charterAccepted: boolean;
  hasConvention: boolean;
  accompanies: boolean;
}

/**
 * Finds the member to add: by id, or by RPPS or e-mail within the group's society. A relay person
 * cannot list the society's members, hence an exact look-up in system scope; whatever the reason a
 * look-up fails (no such member, left, charter not accepted), the answer is the same, so it tells
 * nothing about who belongs to the society.
 */
async function resolveMember(
  ctx: RequestContext,
  group: PeerGroup,
  args: AddGroupMemberArgs,
): Promise<Candidate> {
  let rpps: string | null = null;
  if (args.rpps) {
    const result = normalizeRpps(args.rpps);
    if (!result.ok) throw badInput('rpps', result.problem.message);
    rpps = result.rpps;
  }
  if (!args.memberId && !rpps && !args.email) {
    throw badInput('memberId', 'Indiquez le membre : son identifiant, son RPPS ou son e-mail.');
  }
  if (args.memberId && !isUuid(args.memberId)) throw badInput('memberId', 'Membre introuvable.');
  const charterId = (await ctx.loaders.currentCharter.load('current'))?.id ?? null;
  const rows = (await ctx.asSystem((manager) =>
    manager.query(
      `SELECT m.id, m.status, m.profession,
              ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM charter_acceptance a
                                           WHERE a.member_id = m.id AND a.charter_version_id = $5)) AS "charterAccepted",
              EXISTS (SELECT 1 FROM convention c WHERE c.member_id = m.id AND c.year = $6 AND c.status <> 'CANCELLED') AS "hasConvention",
              EXISTS (SELECT 1 FROM binome_assignment b
                       WHERE b.group_id = $7 AND b.user_id = m.user_id AND b.ended_at IS NULL) AS accompanies
         FROM member m JOIN user_account u ON u.id = m.user_id
        WHERE m.society_id = $1
          AND ($2::uuid IS NULL OR m.id = $2) AND ($3::text IS NULL OR m.rpps = $3) AND ($4::text IS NULL OR u.email = $4)`,
      [
        group.societyId,
        args.memberId ?? null,
        rpps,
        args.email ? normalizeEmail(args.email) : null,
        charterId,
        yearInParis(),
        group.id,
      ],
    ),
  )) as Candidate[];
  const [member] = rows;
  if (!member || member.status !== 'ACTIVE' || !member.charterAccepted) {
    throw badInput(
      args.memberId ? 'memberId' : args.rpps ? 'rpps' : 'email',
      'Aucun membre actif de la société du groupe ne correspond, ayant accepté la charte en vigueur (condition pour rejoindre un groupe).',
    );
  }
  if (member.accompanies) {
    throw conflict('Un(e) correspondant(e) de binôme du groupe ne peut pas en devenir membre.', {
      field: 'memberId',
    });
  }
  return member;
}

/**
 * Once a group is past formation, a newcomer must keep it within its rules: its size, its
 * profession rule, and a convention for the year.
 */
async function assertKeepsRules(
  ctx: RequestContext,
  group: PeerGroup,
  candidate: Candidate,
  currentCount: number,
) {
  if (group.status === 'FORMING') return;
  const { maxGroupMembers } = await societySettingService.effective(
    ctx,
    group.societyId,
    yearInParis(),
  );
  if (currentCount >= maxGroupMembers) {
    throw conflict(`Le groupe compte déjà ${currentCount} membres, le maximum de sa société.`);
  }
  if (group.kind === 'GAPEP') {
    const professions = (await (
      await ctx.manager()
    ).query(
      `SELECT DISTINCT m.profession FROM group_membership gm JOIN ${memberByKey('m', 'gm.member_id')}
        WHERE gm.group_id = $1 AND gm.left_on IS NULL`,
      [group.id],
    )) as { profession: string }[];
    if (professions.some((row) => row.profession !== candidate.profession)) {
      throw conflict('Un GAPEP réunit une seule profession : ce membre ne peut le rejoindre.', {
        field: 'memberId',
      });
    }
  }
  if (!candidate.hasConvention) {
    throw conflict(
      `Ce membre n'a pas de convention ${yearInParis()} : un groupe inscrit n'accueille que des membres conventionnés.`,
      {
        field: 'memberId',
      },
    );
  }
}

export const membershipService = {
  async add(ctx: RequestContext, args: AddGroupMemberArgs): Promise<GroupMembership> {
    const group = isUuid(args.groupId) ? await lockGroup(ctx, args.groupId) : null;
    if (!group) throw notFound('Groupe');
    const role = args.role ?? 'MEMBER';
    await ctx.assertCan('create', 'GroupMembership', {
      id: '',
      societyId: group.societyId,
      groupId: group.id,
      memberId: '',
    });
    if (group.status === 'CLOSED') throw conflict('Ce groupe est clos.');
    const member = await resolveMember(ctx, group, args);
    const current = await ctx.loaders.membershipsByGroupId.load(group.id);
    if (current.some((membership) => membership.memberId === member.id)) {
      throw conflict('Ce membre fait déjà partie du groupe.', { field: 'memberId' });
    }
    await assertKeepsRules(ctx, group, member, current.length);
    const manager = await ctx.manager();
    const { identifiers } = await manager.getRepository(GroupMembership).insert({
      societyId: group.societyId,
      groupId: group.id,
      memberId: member.id,
      role,
      joinedOn: dateInParis(),
    });
    const membership = await manager
      .getRepository(GroupMembership)
      .findOneByOrFail({ id: identifiers[0]!.id as string });
    ctx.loaders.membershipsByGroupId.clear(group.id);
    await ctx.audit({
      action: 'group.member-add',
      entityType: 'GroupMembership',
      entityId: membership.id,
      societyId: group.societyId,
      changedFields: ['groupId', 'memberId', 'role'],
    });
    return membership;
  },

  /** Records that a member left the group today (the history stays). */
  async remove(ctx: RequestContext, membershipId: string): Promise<GroupMembership> {
    const membership = isUuid(membershipId)
      ? await (await ctx.manager()).getRepository(GroupMembership).findOneBy({ id: membershipId })
      : null;
    if (!membership || membership.leftOn) throw notFound('Adhésion');
    await ctx.assertCan('update', 'GroupMembership', membershipRecord(membership));
    const group = await lockGroup(ctx, membership.groupId);
    if (
      membership.role === 'RELAY' &&
      group &&
      ['REGISTERED', 'ACTIVE', 'SUSPENDED'].includes(group.status)
    ) {
      throw conflict(
        "Un groupe inscrit garde toujours une personne-relais : désignez-en d'abord une autre.",
      );
    }
    const leftOn = dateInParis();
    await (
      await ctx.manager()
    )
      .getRepository(GroupMembership)
      .update({ id: membership.id }, { leftOn });
    ctx.loaders.membershipsByGroupId.clear(membership.groupId);
    await ctx.audit({
      action: 'group.member-leave',
      entityType: 'GroupMembership',
      entityId: membership.id,
      societyId: membership.societyId,
      changedFields: ['leftOn'],
    });
    return { ...membership, leftOn };
  },

  /** Makes a current member the relay person; the former one stays a member. */
  async setRelay(ctx: RequestContext, groupId: string, memberId: string): Promise<GroupMembership> {
    const group = isUuid(groupId) ? await lockGroup(ctx, groupId) : null;
    if (!group) throw notFound('Groupe');
    const memberships = await ctx.loaders.membershipsByGroupId.load(group.id);
    const target = memberships.find((membership) => membership.memberId === memberId);
    if (!target) throw badInput('memberId', 'Ce membre ne fait pas partie du groupe.');
    await ctx.assertCan('update', 'GroupMembership', membershipRecord(target));
    const repository = (await ctx.manager()).getRepository(GroupMembership);
    await (
      await ctx.manager()
    ).query(
      `UPDATE group_membership SET role = 'MEMBER' WHERE group_id = $1 AND role = 'RELAY' AND left_on IS NULL`,
      [group.id],
    );
    await repository.update({ id: target.id }, { role: 'RELAY' });
    ctx.loaders.membershipsByGroupId.clear(group.id);
    await ctx.audit({
      action: 'group.relay',
      entityType: 'GroupMembership',
      entityId: target.id,
      societyId: group.societyId,
      changedFields: ['role'],
    });
    return { ...target, role: 'RELAY' };
  },
};
