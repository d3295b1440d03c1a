import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Can, SignedIn } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Attestation, Meeting } from '../meetings/meeting.entities';
import { Member } from '../members/member.entity';
import { Society } from '../societies/society.entity';
import { attestationService, snapshotOf } from './attestation.service';
import {
  AttestationFilter,
  AttestationsZipArgs,
  AttestationType,
  IssueAttestationArgs,
  RevokeAttestationArgs,
} from './attestation.types';
import { formatVerificationCode } from './verification-code';

@Resolver(() => AttestationType)
export class AttestationResolver {
  @Can('read', 'Attestation')
  @Query(() => AttestationType, { name: 'Attestation', nullable: true })
  attestation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return attestationService.findOne(ctx, id);
  }

  @Can('read', 'Attestation')
  @Query(() => [AttestationType])
  allAttestations(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => AttestationFilter, { nullable: true }) filter?: AttestationFilter,
  ) {
    return attestationService.list(ctx, args, filter);
  }

  @Can('read', 'Attestation')
  @Query(() => ListMetadata)
  async _allAttestationsMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => AttestationFilter, { nullable: true }) filter?: AttestationFilter,
  ) {
    return { count: await attestationService.count(ctx, filter) };
  }

  @SignedIn()
  @Query(() => [AttestationType], { description: 'Mes attestations (révoquées comprises)' })
  myAttestations(@Ctx() ctx: RequestContext) {
    return attestationService.mine(ctx);
  }

  @Can('read', 'Attestation')
  @Query(() => String, {
    description:
      'Lien (5 minutes) vers un ZIP des attestations en vigueur d’une société ou d’un employeur pour une année',
  })
  attestationsZipUrl(
    @Ctx() ctx: RequestContext,
    @Args(() => AttestationsZipArgs) args: AttestationsZipArgs,
  ) {
    return attestationService.zipUrl(ctx, args);
  }

  @Can('create', 'Attestation')
  @Mutation(() => AttestationType, {
    description:
      'Délivre l’attestation d’un membre pour une année (refusée si une attestation est déjà en vigueur)',
  })
  issueAttestation(
    @Ctx() ctx: RequestContext,
    @Args(() => IssueAttestationArgs) args: IssueAttestationArgs,
  ) {
    return attestationService.issue(ctx, args);
  }

  @Can('delete', 'Attestation')
  @Mutation(() => AttestationType, { description: 'Révocation par E-Pairs, avec un motif' })
  revokeAttestation(
    @Ctx() ctx: RequestContext,
    @Args(() => RevokeAttestationArgs) args: RevokeAttestationArgs,
  ) {
    return attestationService.revoke(ctx, args.id, args.reason);
  }

  @FieldResolver(() => String, { description: 'Code de vérification (XXXX-XXXX-XXXX-XXXX)' })
  code(@Root() attestation: Attestation) {
    return formatVerificationCode(attestation.code);
  }

  @FieldResolver(() => String, { description: 'Page publique de vérification' })
  verificationUrl(@Root() attestation: Attestation, @Ctx() ctx: RequestContext) {
    return `${ctx.services.config.publicUrl}/verify/${attestation.code}`;
  }

  @FieldResolver(() => Boolean)
  revoked(@Root() attestation: Attestation) {
    return attestation.revokedAt !== null;
  }

  @FieldResolver(() => String, { description: 'Nom du membre, tel qu’imprimé' })
  memberName(@Root() attestation: Attestation) {
    const { member } = snapshotOf(attestation);
    return `${member.firstName} ${member.lastName}`;
  }

  @FieldResolver(() => Int, { description: 'Réunions suivies' })
  meetingsAttended(@Root() attestation: Attestation) {
    return snapshotOf(attestation).totals.attended;
  }

  @FieldResolver(() => Float, { description: 'Total des heures' })
  totalHours(@Root() attestation: Attestation) {
    return snapshotOf(attestation).totals.hours;
  }

  @FieldResolver(() => Float, { description: 'Crédits obtenus' })
  credits(@Root() attestation: Attestation) {
    return snapshotOf(attestation).credits.total;
  }

  @FieldResolver(() => Member, { nullable: true })
  member(@Root() attestation: Attestation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.memberById.load(attestation.memberId);
  }

  @FieldResolver(() => Society, { nullable: true })
  society(@Root() attestation: Attestation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.societyById.load(attestation.societyId);
  }

  @FieldResolver(() => String, {
    description:
      'Lien de téléchargement du PDF, valable 5 minutes (sans en-tête d’authentification)',
  })
  downloadUrl(@Root() attestation: Attestation, @Ctx() ctx: RequestContext) {
    return attestationService.downloadUrl(ctx, attestation);
  }
}

/** The attendance sheet's exports, on the meetings module's type. */
@Resolver(() => Meeting)
export class MeetingSheetExportResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Feuille d'émargement en PDF, lien valable 5 minutes (personne-relais, administrateurs, E-Pairs)",
  })
  sheetPdfUrl(@Root() meeting: Meeting, @Ctx() ctx: RequestContext) {
    return attestationService.sheetUrl(ctx, meeting, 'pdf');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Feuille d'émargement en CSV, lien valable 5 minutes (personne-relais, administrateurs, E-Pairs)",
  })
  sheetCsvUrl(@Root() meeting: Meeting, @Ctx() ctx: RequestContext) {
    return attestationService.sheetUrl(ctx, meeting, 'csv');
  }
}
