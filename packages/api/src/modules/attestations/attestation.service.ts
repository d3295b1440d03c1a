import { subject, yearInParis, type AuthUser, runsGroup } from '@epairs/shared';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import {
  listOperations,
  readableQuery,
  whereEquals,
  whereIds,
} from '../../common/graphql/resource-query';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { Attestation, type Meeting } from '../meetings/meeting.entities';
import { memberService } from '../members/member.service';
import { escapeLike } from '../societies/society.service';
import { buildSnapshot, type AttestationSnapshot } from './attestation-snapshot';
import type {
  AttestationFilter,
  AttestationsZipArgs,
  IssueAttestationArgs,
} from './attestation.types';
import { fileUrlSigner } from './signed-urls';
import { newVerificationCode, normalizeVerificationCode } from './verification-code';

const FIRST_YEAR = 2000;

async function query(ctx: RequestContext, filter: AttestationFilter) {
  const query = await readableQuery(ctx, Attestation, 'attestation', 'Attestation', {
    id: 'attestation.id',
    societyId: 'attestation.society_id',
    memberId: 'attestation.member_id',
  });
  whereIds(query, 'attestation.id', filter.ids);
  whereEquals(query, 'attestation.society_id', filter.societyId, { uuid: true });
  whereEquals(query, 'attestation.member_id', filter.memberId, { uuid: true });
  whereEquals(query, 'attestation.year', filter.year);
  if (filter.employerId) {
    // The employer named on the attestation (frozen), not the member's current one.
    query.andWhere(`attestation.snapshot #>> '{employer,id}' = :employerId`, {
      employerId: filter.employerId,
    });
  }
  if (filter.revoked === true) query.andWhere('attestation.revoked_at IS NOT NULL');
  if (filter.revoked === false) query.andWhere('attestation.revoked_at IS NULL');
  if (filter.q?.trim()) {
    const q = filter.q.trim();
    query.andWhere(
      `(attestation.snapshot #>> '{member,lastName}' ILIKE :q OR attestation.snapshot #>> '{member,firstName}' ILIKE :q
        OR attestation.snapshot #>> '{member,rpps}' = :exact OR attestation.code = :code)`,
      {
        q: `%${escapeLike(q)}%`,
        exact: q.replace(/\s/g, ''),
        code: normalizeVerificationCode(q) ?? '',
      },
    );
  }
  return query;
}

export const attestationRecord = (attestation: Attestation) => ({
  id: attestation.id,
  societyId: attestation.societyId,
  memberId: attestation.memberId,
});

export const snapshotOf = (attestation: Attestation) =>
  attestation.snapshot as unknown as AttestationSnapshot;

/** The relay person of the meeting's group, its society's administrators and E-Pairs. */
export function exportsSheetOf(user: AuthUser, meeting: Pick<Meeting, 'societyId' | 'groupId'>) {
  return runsGroup(user, { id: meeting.groupId, societyId: meeting.societyId });
}

export const attestationService = {
  ...listOperations(query, {
    sortable: {
      issuedAt: 'attestation.issued_at',
      year: 'attestation.year',
      revokedAt: 'attestation.revoked_at',
      lastName: `attestation.snapshot #>> '{member,lastName}'`,
    },
    defaultSort: { field: 'issuedAt', order: 'DESC' },
    tieBreaker: 'attestation.id',
  }),

  /** The signed-in member's own attestations, newest year first (revoked ones included). */
  async mine(ctx: RequestContext): Promise<Attestation[]> {
    const { user } = await ctx.requireAuth();
    if (!user.memberId) return [];
    return attestationService.list(
      ctx,
      { sortField: 'year', sortOrder: 'DESC' },
      { memberId: user.memberId },
    );
  },

  /**
   * Freezes a member's year into an attestation with a fresh verification code. A member has at
   * most one current attestation per year: issuing again is refused (CONFLICT) until E-Pairs
   * revokes the current one with a reason, so nothing is ever replaced silently.
   */
  async issue(ctx: RequestContext, args: IssueAttestationArgs): Promise<Attestation> {
    const check = new InputCheck();
    check.id('memberId', args.memberId, 'Le membre');
    const currentYear = yearInParis();
    if (!Number.isInteger(args.year) || args.year < FIRST_YEAR || args.year > currentYear) {
      check.add('year', `L'année doit être comprise entre ${FIRST_YEAR} et ${currentYear}.`);
    }
    check.done();
    const member = await memberService.findOne(ctx, args.memberId);
    if (!member) throw notFound('Membre');
    await ctx.assertCan('create', 'Attestation', {
      id: '',
      societyId: member.societyId,
      memberId: member.id,
    });
    const manager = await ctx.manager();
    const [current] = (await manager.query(
      `SELECT id FROM attestation WHERE member_id = $1 AND year = $2 AND revoked_at IS NULL`,
      [member.id, args.year],
    )) as { id: string }[];
    if (current) {
      throw conflict(
        `Ce membre a déjà une attestation en vigueur pour ${args.year} : seule la Fédération E-Pairs peut la révoquer, avec un motif, avant qu'une autre soit délivrée.`,
        { field: 'year', currentId: current.id },
      );
    }
    const issuedAt = new Date();
    const snapshot = await buildSnapshot(manager, member.id, args.year, issuedAt);
    if (!snapshot) throw notFound('Membre');
    if (snapshot.totals.attended === 0) {
      throw badInput(
        'year',
        `Aucune présence signée à une réunion tenue en ${args.year} : il n'y a rien à attester.`,
      );
    }
    const { user } = await ctx.requireAuth();
    // The partial unique index settles a race between two issuers: the second inserts nothing.
    const inserted = (await manager.query(
      `INSERT INTO attestation (society_id, member_id, year, code, snapshot, issued_at, issued_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (member_id, year) WHERE revoked_at IS NULL DO NOTHING
       RETURNING id`,
      [
        member.societyId,
        member.id,
        args.year,
        newVerificationCode(),
        JSON.stringify(snapshot),
        issuedAt,
        user.id,
      ],
    )) as { id: string }[];
    if (!inserted[0]) {
      throw conflict(`Ce membre a déjà une attestation en vigueur pour ${args.year}.`, {
        field: 'year',
      });
    }
    await ctx.audit({
      action: 'attestation.issue',
      entityType: 'Attestation',
      entityId: inserted[0].id,
      societyId: member.societyId,
      changedFields: ['memberId', 'year', 'code', 'snapshot'],
    });
    return manager.getRepository(Attestation).findOneByOrFail({ id: inserted[0].id });
  },

  /** E-Pairs withdraws an attestation; the verification page then says so, with the reason. */
  async revoke(ctx: RequestContext, id: string, reason: string): Promise<Attestation> {
    const check = new InputCheck();
    const text = check.text('reason', reason, 'Le motif', 3, 500);
    check.done();
    const current = await attestationService.findOne(ctx, id);
    if (!current) throw notFound('Attestation');
    await ctx.assertCan('delete', 'Attestation', attestationRecord(current));
    if (current.revokedAt) throw conflict('Cette attestation est déjà révoquée.', { field: 'id' });
    const manager = await ctx.manager();
    const updated = (await manager.query(
      `UPDATE attestation SET revoked_at = now(), revoked_reason = $2
        WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
      [current.id, text],
    )) as [{ id: string }[], number];
    if (updated[1] !== 1) throw conflict('Cette attestation est déjà révoquée.', { field: 'id' });
    await ctx.audit({
      action: 'attestation.revoke',
      entityType: 'Attestation',
      entityId: current.id,
      societyId: current.societyId,
      changedFields: ['revokedAt', 'revokedReason'],
    });
    return manager.getRepository(Attestation).findOneByOrFail({ id: current.id });
  },

  /** A five-minute link to the PDF, for someone who may read the attestation. */
  async downloadUrl(ctx: RequestContext, attestation: Attestation): Promise<string> {
    const { user, ability } = await ctx.requireAuth();
    if (!ability.can('read', subject('Attestation', attestationRecord(attestation)))) {
      throw forbidden();
    }
    return fileUrlSigner(ctx.services).sign(
      `/files/attestations/${attestation.id}.pdf`,
      {},
      user.id,
    );
  },

  /**
   * A five-minute link to a ZIP of the current attestations of a society (or of one employer)
   * for a year: administrators of that society, and E-Pairs.
   */
  async zipUrl(ctx: RequestContext, args: AttestationsZipArgs): Promise<string> {
    const check = new InputCheck();
    if (!args.societyId && !args.employerId) {
      check.add('societyId', 'Indiquez une société ou un employeur.');
    }
    if (args.societyId) check.id('societyId', args.societyId, 'La société');
    if (args.employerId) check.id('employerId', args.employerId, "L'employeur");
    if (!Number.isInteger(args.year) || args.year < FIRST_YEAR || args.year > 2100) {
      check.add('year', 'Année invalide.');
    }
    check.done();
    let societyId = args.societyId ?? null;
    if (args.employerId) {
      const employer = await ctx.loaders.employerById.load(args.employerId);
      if (!employer) throw notFound('Employeur');
      if (societyId && employer.societyId !== societyId) {
        throw badInput('employerId', "Cet employeur n'est pas rattaché à cette société.");
      }
      societyId = employer.societyId;
    }
    // Every attestation of the society: a member's own rule never covers that.
    const { user } = await ctx.assertCan('read', 'Attestation', {
      id: '',
      societyId: societyId!,
      memberId: '',
    });
    return fileUrlSigner(ctx.services).sign(
      `/files/attestations/${args.year}.zip`,
      { society: societyId!, ...(args.employerId ? { employer: args.employerId } : {}) },
      user.id,
    );
  },

  /** Links to a meeting's sheet, for its group's relay person, its admins and E-Pairs; else null. */
  async sheetUrl(
    ctx: RequestContext,
    meeting: Meeting,
    format: 'pdf' | 'csv',
  ): Promise<string | null> {
    const { user } = await ctx.requireAuth();
    if (!isUuid(meeting.id) || !exportsSheetOf(user, meeting)) return null;
    return fileUrlSigner(ctx.services).sign(
      `/files/meetings/${meeting.id}/sheet.${format}`,
      {},
      user.id,
    );
  },
};
