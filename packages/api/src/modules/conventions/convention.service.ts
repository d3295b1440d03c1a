import { CONVENTION_STATUS_LABELS, canMoveConvention, type ConventionStatus } from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, conflict, notFound } from '../../common/errors';
import {
  listOperations,
  readableQuery,
  whereEquals,
  whereIds,
} from '../../common/graphql/resource-query';
import type { RequestContext } from '../../common/request-context';
import { InputCheck } from '../../common/validation';
import { memberService } from '../members/member.service';
import { societySettingService } from '../society-settings/society-setting.service';
import { Convention } from './convention.entity';
import type {
  ChangeConventionStatusArgs,
  ConventionFilter,
  CreateConventionArgs,
} from './convention.types';

async function query(ctx: RequestContext, filter: ConventionFilter) {
  const query = await readableQuery(ctx, Convention, 'convention', 'Convention', {
    id: 'convention.id',
    societyId: 'convention.society_id',
    memberId: 'convention.member_id',
  });
  whereIds(query, 'convention.id', filter.ids);
  whereEquals(query, 'convention.society_id', filter.societyId, { uuid: true });
  whereEquals(query, 'convention.member_id', filter.memberId, { uuid: true });
  whereEquals(query, 'convention.year', filter.year);
  whereEquals(query, 'convention.status', filter.status);
  return query;
}

/** The date column each status records. */
const STEP_DATES: Partial<Record<ConventionStatus, keyof Convention>> = {
  SENT: 'sentAt',
  SIGNED: 'signedAt',
  ACTIVE: 'activatedAt',
  CLOSED: 'closedAt',
  CANCELLED: 'cancelledAt',
};

const label = (status: ConventionStatus) => CONVENTION_STATUS_LABELS[status].fr.toLowerCase();

export const conventionService = {
  ...listOperations(query, {
    sortable: {
      year: 'convention.year',
      status: 'convention.status',
      updatedAt: 'convention.updated_at',
    },
    defaultSort: { field: 'year', order: 'DESC' },
    tieBreaker: 'convention.id',
  }),

  /** A draft for the year, with the minimums of the member's society for that year. */
  async create(ctx: RequestContext, args: CreateConventionArgs): Promise<Convention> {
    const check = new InputCheck();
    check.id('memberId', args.memberId, 'Le membre');
    if (!Number.isInteger(args.year) || args.year < 2000 || args.year > 2100) {
      check.add('year', "L'année doit être comprise entre 2000 et 2100.");
    }
    if (args.employerId) check.id('employerId', args.employerId, "L'employeur");
    check.done();
    const member = await memberService.findOne(ctx, args.memberId);
    if (!member) throw badInput('memberId', 'Membre introuvable.');
    await ctx.assertCan('create', 'Convention', {
      id: '',
      societyId: member.societyId,
      memberId: member.id,
    });
    const employerId = args.employerId ?? member.employerId;
    if (employerId) {
      const employer = await ctx.loaders.employerById.load(employerId);
      if (!employer || employer.societyId !== member.societyId) {
        throw badInput('employerId', "Cet employeur n'est pas rattaché à la société du membre.");
      }
    }
    const thresholds = await societySettingService.effective(ctx, member.societyId, args.year);
    const repository = (await ctx.manager()).getRepository(Convention);
    const { identifiers } = await repository.insert({
      societyId: member.societyId,
      memberId: member.id,
      employerId,
      year: args.year,
      minSessions: thresholds.minAttended,
      minHours: thresholds.minHours,
      status: 'DRAFT',
    });
    const convention = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await ctx.audit({
      action: 'convention.create',
      entityType: 'Convention',
      entityId: convention.id,
      societyId: convention.societyId,
      changedFields: ['memberId', 'year', 'employerId', 'minSessions', 'minHours', 'status'],
    });
    return convention;
  },

  async changeStatus(ctx: RequestContext, args: ChangeConventionStatusArgs): Promise<Convention> {
    const current = await conventionService.findOne(ctx, args.id);
    if (!current) throw notFound('Convention');
    await ctx.assertCan('update', 'Convention', {
      id: current.id,
      societyId: current.societyId,
      memberId: current.memberId,
    });
    if (!canMoveConvention(current.status, args.status)) {
      throw conflict(
        `Une convention ${label(current.status)} ne peut pas passer à « ${label(args.status)} ».`,
        { field: 'status' },
      );
    }
    if (args.status === 'SENT' && !current.employerId) {
      throw badInput(
        'employerId',
        "L'employeur signe la convention : indiquez-le avant de l'envoyer.",
      );
    }
    const reason = args.reason?.trim() || null;
    if (args.status === 'CANCELLED' && !reason) {
      throw badInput('reason', "Indiquez le motif de l'annulation.");
    }
    const changes: Partial<Convention> = { status: args.status };
    const dateField = STEP_DATES[args.status];
    if (dateField) (changes as Record<string, unknown>)[dateField] = new Date();
    if (args.status === 'CANCELLED') changes.cancelReason = reason;
    const updated = await updateVersioned<Convention>(
      ctx,
      Convention,
      'La convention',
      current,
      args.version,
      changes,
    );
    await ctx.audit({
      action: 'convention.status',
      entityType: 'Convention',
      entityId: current.id,
      societyId: current.societyId,
      changedFields: Object.keys(changes),
    });
    return updated;
  },
};
