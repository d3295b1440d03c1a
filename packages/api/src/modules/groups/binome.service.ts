import { notFound, badInput, conflict } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/validation';
import { BinomeAssignment } from './group.entities';
import { groupService } from './group.service';

const ACCOMPANIED = ['REGISTERED', 'ACTIVE', 'SUSPENDED'];

export const binomeService = {
  /**
   * Appoints a correspondent to a registered group: a person holding the BINOME role, who is not
   * a member of the group, and at most two per group (the database checks both as well).
   */
  async assign(ctx: RequestContext, groupId: string, userId: string): Promise<BinomeAssignment> {
    const group = isUuid(groupId) ? await groupService.findOne(ctx, groupId) : null;
    if (!group) throw notFound('Groupe');
    if (!isUuid(userId)) throw badInput('userId', 'Correspondant introuvable.');
    const { user } = await ctx.assertCan('create', 'BinomeAssignment', {
      id: '',
      societyId: group.societyId,
      groupId: group.id,
      userId,
    });
    if (!ACCOMPANIED.includes(group.status)) {
      throw conflict('Un binôme accompagne un groupe inscrit : inscrivez d’abord le groupe.', {
        field: 'groupId',
      });
    }
    const grants = await ctx.loaders.roleGrantsByUserId.load(userId);
    if (!grants.some((grant) => grant.role === 'BINOME')) {
      throw badInput('userId', "Cette personne n'est pas correspondante de binôme (rôle BINOME).");
    }
    const manager = await ctx.manager();
    const { identifiers } = await manager.getRepository(BinomeAssignment).insert({
      societyId: group.societyId,
      groupId: group.id,
      userId,
      assignedBy: user.id,
    });
    const assignment = await manager
      .getRepository(BinomeAssignment)
      .findOneByOrFail({ id: identifiers[0]!.id as string });
    ctx.loaders.binomesByGroupId.clear(group.id);
    await ctx.audit({
      action: 'binome.assign',
      entityType: 'BinomeAssignment',
      entityId: assignment.id,
      societyId: group.societyId,
      changedFields: ['groupId', 'userId'],
    });
    return assignment;
  },

  async end(ctx: RequestContext, assignmentId: string): Promise<BinomeAssignment> {
    const manager = await ctx.manager();
    const assignment = isUuid(assignmentId)
      ? await manager.getRepository(BinomeAssignment).findOneBy({ id: assignmentId })
      : null;
    if (!assignment || assignment.endedAt) throw notFound('Affectation');
    await ctx.assertCan('delete', 'BinomeAssignment', {
      id: assignment.id,
      societyId: assignment.societyId,
      groupId: assignment.groupId,
      userId: assignment.userId,
    });
    const endedAt = new Date();
    await manager.getRepository(BinomeAssignment).update({ id: assignment.id }, { endedAt });
    ctx.loaders.binomesByGroupId.clear(assignment.groupId);
    await ctx.audit({
      action: 'binome.end',
      entityType: 'BinomeAssignment',
      entityId: assignment.id,
      societyId: assignment.societyId,
      changedFields: ['endedAt'],
    });
    return { ...assignment, endedAt };
  },
};
