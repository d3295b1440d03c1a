import { siretProblem } from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, notFound } from '../../common/errors';
import {
  listOperations,
  readableQuery,
  whereEquals,
  whereIds,
} from '../../common/graphql/resource-query';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { escapeLike } from '../societies/society.service';
import { Employer } from './employer.entity';
import type { CreateEmployerArgs, EmployerFilter, UpdateEmployerArgs } from './employer.types';

async function query(ctx: RequestContext, filter: EmployerFilter) {
  const query = await readableQuery(ctx, Employer, 'employer', 'Employer', {
    id: 'employer.id',
    societyId: 'employer.society_id',
  });
  if (filter.q) {
    query.andWhere('(employer.name ILIKE :q OR employer.city ILIKE :q)', {
      q: `%${escapeLike(filter.q)}%`,
    });
  }
  whereIds(query, 'employer.id', filter.ids);
  whereEquals(query, 'employer.society_id', filter.societyId, { uuid: true });
  return query;
}

function checkSiret(check: InputCheck, siret: string | null | undefined): string | null {
  if (!siret?.trim()) return null;
  const problem = siretProblem(siret);
  if (problem) check.addAll([problem]);
  return siret.replace(/\s/g, '');
}

export const employerService = {
  ...listOperations(query, {
    sortable: { name: 'employer.name', city: 'employer.city', createdAt: 'employer.created_at' },
    defaultSort: { field: 'name', order: 'ASC' },
    tieBreaker: 'employer.id',
  }),

  async create(ctx: RequestContext, args: CreateEmployerArgs): Promise<Employer> {
    const check = new InputCheck();
    check.id('societyId', args.societyId, 'La société');
    const name = check.text('name', args.name, 'Le nom', 2, 200);
    const city = check.text('city', args.city, 'La ville', 1, 100);
    const siret = checkSiret(check, args.siret);
    check.done();
    await ctx.assertCan('create', 'Employer', { id: '', societyId: args.societyId });
    if (!(await ctx.loaders.societyById.load(args.societyId)))
      throw badInput('societyId', 'Société inconnue.');
    const repository = (await ctx.manager()).getRepository(Employer);
    const { identifiers } = await repository.insert({
      societyId: args.societyId,
      name,
      city,
      siret,
    });
    const employer = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await ctx.audit({
      action: 'employer.create',
      entityType: 'Employer',
      entityId: employer.id,
      societyId: employer.societyId,
      changedFields: ['name', 'city', 'siret'],
    });
    return employer;
  },

  async update(ctx: RequestContext, args: UpdateEmployerArgs): Promise<Employer> {
    const current = isUuid(args.id) ? await employerService.findOne(ctx, args.id) : null;
    if (!current) throw notFound('Employeur');
    await ctx.assertCan('update', 'Employer', { id: current.id, societyId: current.societyId });
    const check = new InputCheck();
    const changes: Partial<Employer> = {};
    if (args.name != null && args.name.trim() !== current.name) {
      changes.name = check.text('name', args.name, 'Le nom', 2, 200);
    }
    if (args.city != null && args.city.trim() !== current.city) {
      changes.city = check.text('city', args.city, 'La ville', 1, 100);
    }
    if (args.siret !== undefined) {
      const siret = checkSiret(check, args.siret);
      if (siret !== current.siret) changes.siret = siret;
    }
    check.done();
    const updated = await updateVersioned<Employer>(
      ctx,
      Employer,
      "L'employeur",
      current,
      args.version,
      changes,
    );
    await ctx.audit({
      action: 'employer.update',
      entityType: 'Employer',
      entityId: current.id,
      societyId: current.societyId,
      changedFields: Object.keys(changes),
    });
    return updated;
  },
};
