import { hoursBucketOf, subject, yearInParis } from '@epairs/shared';
import { forbidden, notFound } from '../../common/errors';
import { inSeparateSystemTransaction } from '../../common/db/system-transaction';
import type { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/validation';
import type { MemberComplianceType } from '../meetings/meeting.types';
import { Member } from '../members/member.entity';
import { complianceOf, memberYears, type MemberYear } from './compliance.service';
import type { ComplianceFilter } from './compliance.types';

function toType(year: number, row: MemberYear, member?: Member): MemberComplianceType {
  const compliance = complianceOf(row);
  return {
    memberId: row.memberId,
    member,
    year,
    minAttended: row.thresholds.minAttended,
    minHours: row.thresholds.minHours,
    ...compliance,
  };
}

export const complianceQueries = {
  /** One member's year: the person, the relay person of one of its groups, or its administrators. */
  async member(
    ctx: RequestContext,
    memberId: string,
    year = yearInParis(),
  ): Promise<MemberComplianceType> {
    const { user, ability } = await ctx.requireAuth();
    const member = isUuid(memberId) ? await ctx.loaders.memberById.load(memberId) : null;
    if (!member) throw notFound('Membre');
    const leads = (await ctx.loaders.membershipsByMemberId.load(member.id)).some((membership) =>
      user.relayGroupIds.includes(membership.groupId),
    );
    const allowed =
      leads ||
      ability.can(
        'read',
        subject('Compliance', { id: member.id, societyId: member.societyId, memberId: member.id }),
      );
    if (!allowed) throw forbidden();
    const row = await ctx.loaders.memberYear.load(`${member.id}:${year}`);
    if (!row) throw notFound('Membre');
    return toType(year, row, member);
  },

  /**
   * Who is short, and why, for the administrators: every active member of the scope (a society, a
   * group, or the federation) in a fixed number of statements, whatever their number.
   */
  async report(
    ctx: RequestContext,
    filter: ComplianceFilter = {},
  ): Promise<MemberComplianceType[]> {
    const { ability } = await ctx.requireAuth();
    const year = filter.year ?? yearInParis();
    const manager = await ctx.manager();
    const query = manager
      .getRepository(Member)
      .createQueryBuilder('member')
      .where(`member.status = 'ACTIVE'`)
      .orderBy('member.id');
    if (filter.societyId)
      query.andWhere('member.society_id = :society', {
        society: isUuid(filter.societyId) ? filter.societyId : null,
      });
    if (filter.groupId) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM group_membership gm WHERE gm.member_id = member.id AND gm.left_on IS NULL AND gm.group_id = :group)',
        { group: isUuid(filter.groupId) ? filter.groupId : null },
      );
    }
    const members = (await query.getMany()).filter((member) =>
      ability.can(
        'read',
        subject('Compliance', { id: member.id, societyId: member.societyId, memberId: member.id }),
      ),
    );
    const ids = members.map((member) => member.id);
    const rows = await inSeparateSystemTransaction(ctx.services.dataSource, (system) =>
      memberYears(system, ids, year),
    );
    const byId = new Map(members.map((member) => [member.id, member]));
    const all = rows
      .map((row) => toType(year, row, byId.get(row.memberId)))
      .filter(
        (row) =>
          !filter.hoursBucket || hoursBucketOf(row.hours, row.minHours) === filter.hoursBucket,
      );
    return filter.onlyShort ? all.filter((row) => !row.compliant) : all;
  },
};
