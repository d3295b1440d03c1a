import { dateInParis, normalizeRpps, subject, administers } from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import {
  listOperations,
  readableQuery,
  whereEquals,
  whereIds,
} from '../../common/graphql/resource-query';
import type { RequestContext } from '../../common/request-context';
import { InputCheck } from '../../common/validation';
import { escapeLike } from '../societies/society.service';
import { Society } from '../societies/society.entity';
import { User } from '../users/user.entity';
import { userService } from '../users/user.service';
import { Member, MemberStatus } from './member.entity';
import type {
  CharterStatus,
  CreateMemberArgs,
  MemberFilter,
  UpdateMemberArgs,
} from './member.types';

async function query(ctx: RequestContext, filter: MemberFilter) {
  const query = await readableQuery(ctx, Member, 'member', 'Member', {
    id: 'member.id',
    societyId: 'member.society_id',
    userId: 'member.user_id',
  });
  // Read with the member (names live on the account) and handed to the loaders: see JoinedRow.
  query
    .leftJoinAndMapOne('member.joinedAccount', User, 'account', 'account.id = member.user_id')
    .leftJoinAndMapOne(
      'member.joinedSociety',
      Society,
      'society',
      'society.id = member.society_id',
    );
  if (filter.q) {
    query.andWhere(
      `(account.last_name ILIKE :q OR account.first_name ILIKE :q OR account.email ILIKE :q
        OR (account.first_name || ' ' || account.last_name) ILIKE :q OR member.rpps = :exact)`,
      { q: `%${escapeLike(filter.q.trim())}%`, exact: filter.q.replace(/\s/g, '') },
    );
  }
  whereIds(query, 'member.id', filter.ids);
  whereEquals(query, 'member.society_id', filter.societyId, { uuid: true });
  whereEquals(query, 'member.employer_id', filter.employerId, { uuid: true });
  whereEquals(query, 'member.profession', filter.profession);
  whereEquals(query, 'member.status', filter.status);
  if (filter.conventionMissingFor) {
    // The dashboard's « conventions to chase »: no signed convention for that year.
    query.andWhere(
      `NOT EXISTS (SELECT 1 FROM convention c WHERE c.member_id = member.id AND c.year = :conventionYear
                     AND c.status IN ('SIGNED', 'ACTIVE', 'CLOSED'))`,
      { conventionYear: filter.conventionMissingFor },
    );
  }
  return query;
}

function checkRpps(check: InputCheck, raw: string): string {
  const result = normalizeRpps(raw);
  if (!result.ok) {
    check.addAll([result.problem]);
    return raw;
  }
  return result.rpps;
}

/** The employer must be one of the member's society (it signs the member's convention). */
async function assertEmployerOf(ctx: RequestContext, employerId: string, societyId: string) {
  const employer = await ctx.loaders.employerById.load(employerId);
  if (!employer || employer.societyId !== societyId) {
    throw badInput('employerId', "Cet employeur n'est pas rattaché à la société du membre.");
  }
}

/**
 * A member who leaves E-Pairs leaves its groups today; a registered group keeps its relay person,
 * so the relay must be replaced first.
 */
async function leaveAllGroups(ctx: RequestContext, member: Member): Promise<void> {
  const manager = await ctx.manager();
  const [leads] = (await manager.query(
    `SELECT g.name FROM group_membership gm JOIN peer_group g ON g.id = gm.group_id
      WHERE gm.member_id = $1 AND gm.left_on IS NULL AND gm.role = 'RELAY'
        AND g.status IN ('REGISTERED', 'ACTIVE', 'SUSPENDED')`,
    [member.id],
  )) as { name: string }[];
  if (leads) {
    throw conflict(
      `Ce membre est la personne-relais du groupe « ${leads.name} » : désignez-en d'abord une autre.`,
      {
        field: 'status',
      },
    );
  }
  await manager.query(
    `UPDATE group_membership SET left_on = $2 WHERE member_id = $1 AND left_on IS NULL`,
    [member.id, dateInParis()],
  );
}

const memberRecord = (member: Member) => ({
  id: member.id,
  societyId: member.societyId,
  userId: member.userId,
});

export const memberService = {
  ...listOperations(
    query,
    {
      sortable: {
        lastName: 'account.last_name',
        firstName: 'account.first_name',
        email: 'account.email',
        profession: 'member.profession',
        status: 'member.status',
        createdAt: 'member.created_at',
      },
      defaultSort: { field: 'lastName', order: 'ASC' },
      tieBreaker: 'member.id',
    },
    [
      { property: 'joinedAccount', loader: (loaders) => loaders.userById },
      { property: 'joinedSociety', loader: (loaders) => loaders.societyById },
    ],
  ),

  async create(ctx: RequestContext, args: CreateMemberArgs): Promise<Member> {
    const check = new InputCheck();
    check.id('societyId', args.societyId, 'La société');
    const rpps = checkRpps(check, args.rpps);
    if (args.employerId) check.id('employerId', args.employerId, "L'employeur");
    const region = args.region?.trim() || null;
    if (region && region.length > 100)
      check.add('region', 'La région fait 100 caractères au plus.');
    check.done();
    await ctx.assertCan('create', 'Member', { id: '', societyId: args.societyId, userId: '' });
    if (args.employerId) await assertEmployerOf(ctx, args.employerId, args.societyId);
    const user = await userService.invite(ctx, {
      email: args.email,
      firstName: args.firstName,
      lastName: args.lastName,
      societyId: args.societyId,
    });
    const repository = (await ctx.manager()).getRepository(Member);
    const { identifiers } = await repository.insert({
      societyId: args.societyId,
      userId: user.id,
      profession: args.profession,
      rpps,
      employerId: args.employerId ?? null,
      region,
      status: MemberStatus.ACTIVE,
    });
    const member = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await ctx.audit({
      action: 'member.create',
      entityType: 'Member',
      entityId: member.id,
      societyId: member.societyId,
      changedFields: [
        'email',
        'firstName',
        'lastName',
        'profession',
        'rpps',
        'employerId',
        'region',
      ],
    });
    return member;
  },

  async update(ctx: RequestContext, args: UpdateMemberArgs): Promise<Member> {
    const current = await memberService.findOne(ctx, args.id);
    if (!current) throw notFound('Membre');
    await ctx.assertCan('update', 'Member', memberRecord(current));
    const check = new InputCheck();
    const changes: Partial<Member> = {};
    if (args.profession && args.profession !== current.profession)
      changes.profession = args.profession;
    if (args.rpps != null) {
      const rpps = checkRpps(check, args.rpps);
      if (rpps !== current.rpps) changes.rpps = rpps;
    }
    if (args.employerId !== undefined && (args.employerId ?? null) !== current.employerId) {
      changes.employerId = args.employerId
        ? check.id('employerId', args.employerId, "L'employeur")
        : null;
    }
    if (args.region !== undefined && (args.region?.trim() || null) !== current.region) {
      changes.region = args.region?.trim() || null;
    }
    if (args.status && args.status !== current.status) changes.status = args.status;
    check.done();
    if (changes.employerId) await assertEmployerOf(ctx, changes.employerId, current.societyId);
    const updated = await updateVersioned<Member>(
      ctx,
      Member,
      'Le membre',
      current,
      args.version,
      changes,
    );
    if (changes.status === MemberStatus.LEFT) await leaveAllGroups(ctx, current);
    await ctx.audit({
      action: 'member.update',
      entityType: 'Member',
      entityId: current.id,
      societyId: current.societyId,
      changedFields: Object.keys(changes),
    });
    return updated;
  },

  /** The person itself, or an administrator of its society. */
  async seesProfile(ctx: RequestContext, member: Member): Promise<boolean> {
    const { user } = await ctx.requireAuth();
    return user.id === member.userId || administers(user, member.societyId);
  },

  async charterStatus(ctx: RequestContext, member: Member): Promise<CharterStatus> {
    const [latest, current] = await Promise.all([
      ctx.loaders.latestAcceptanceByMemberId.load(member.id),
      ctx.loaders.currentCharter.load('current'),
    ]);
    return {
      acceptedVersion: latest?.number ?? null,
      acceptedAt: latest?.acceptedAt ?? null,
      currentVersion: current?.number ?? null,
      upToDate: !current || latest?.number === current.number,
    };
  },

  /** The signed-in person's own member profile. */
  async mine(ctx: RequestContext): Promise<Member> {
    const { user, ability } = await ctx.requireAuth();
    const member = user.memberId ? await ctx.loaders.memberById.load(user.memberId) : null;
    if (!member || !ability.can('read', subject('Member', memberRecord(member)))) {
      throw forbidden("Vous n'avez pas de profil de membre.");
    }
    return member;
  },
};
