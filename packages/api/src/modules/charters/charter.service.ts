import { forbidden, notFound, conflict } from '../../common/errors';
import { listOperations, readableQuery, whereIds } from '../../common/graphql/resource-query';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { CharterAcceptance, CharterVersion } from './charter.entity';
import type { CharterVersionFilter, PublishCharterArgs } from './charter.types';

async function query(ctx: RequestContext, filter: CharterVersionFilter) {
  const query = await readableQuery(ctx, CharterVersion, 'charter', 'CharterVersion', {
    id: 'charter.id',
  });
  whereIds(query, 'charter.id', filter.ids);
  return query;
}

export const charterService = {
  ...listOperations(query, {
    sortable: { number: 'charter.number', publishedAt: 'charter.published_at' },
    defaultSort: { field: 'number', order: 'DESC' },
    tieBreaker: 'charter.id',
  }),

  async current(ctx: RequestContext): Promise<CharterVersion | null> {
    await ctx.assertCan('read', 'CharterVersion');
    return ctx.loaders.currentCharter.load('current');
  },

  /** A new version: everyone is asked to accept it again (their status is no longer up to date). */
  async publish(ctx: RequestContext, args: PublishCharterArgs): Promise<CharterVersion> {
    const { user } = await ctx.assertCan('create', 'CharterVersion');
    const check = new InputCheck();
    const title = check.text('title', args.title, 'Le titre', 2, 200);
    const body = check.text('body', args.body, 'Le texte', 10, 100_000);
    check.done();
    const manager = await ctx.manager();
    // Serialise publications so that version numbers never collide.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('charter_version'))`);
    const [{ next }] = (await manager.query(
      `SELECT coalesce(max(number), 0) + 1 AS next FROM charter_version`,
    )) as [{ next: number }];
    const repository = manager.getRepository(CharterVersion);
    const { identifiers } = await repository.insert({
      number: next,
      title,
      body,
      publishedBy: user.id,
    });
    const version = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    ctx.loaders.currentCharter.clearAll();
    await ctx.audit({
      action: 'charter.publish',
      entityType: 'CharterVersion',
      entityId: version.id,
      societyId: null,
      changedFields: ['number', 'title', 'body'],
    });
    return version;
  },

  /** The signed-in member accepts the version in force (and only that one). */
  async accept(ctx: RequestContext, charterVersionId: string): Promise<CharterAcceptance> {
    const { user } = await ctx.assertCan('accept', 'CharterVersion');
    if (!user.memberId) throw forbidden('Seuls les membres acceptent la charte.');
    const current = await ctx.loaders.currentCharter.load('current');
    if (!current || !isUuid(charterVersionId)) throw notFound('Charte');
    if (current.id !== charterVersionId) {
      throw conflict(`Seule la version en vigueur (n° ${current.number}) peut être acceptée.`, {
        field: 'charterVersionId',
        currentVersionId: current.id,
      });
    }
    const member = await ctx.loaders.memberById.load(user.memberId);
    if (!member) throw forbidden("Vous n'avez pas de profil de membre.");
    const manager = await ctx.manager();
    await manager.query(
      `INSERT INTO charter_acceptance (society_id, member_id, charter_version_id) VALUES ($1, $2, $3)
       ON CONFLICT (member_id, charter_version_id) DO NOTHING`,
      [member.societyId, member.id, current.id],
    );
    const acceptance = await manager
      .getRepository(CharterAcceptance)
      .findOneByOrFail({ memberId: member.id, charterVersionId: current.id });
    ctx.loaders.latestAcceptanceByMemberId.clear(member.id);
    await ctx.audit({
      action: 'charter.accept',
      entityType: 'CharterAcceptance',
      entityId: acceptance.id,
      societyId: member.societyId,
      changedFields: ['charterVersionId'],
    });
    return acceptance;
  },
};
