import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { Meeting } from '../meetings/meeting.entities';
import { Member } from '../members/member.entity';
import { Reference } from '../references/reference.entities';
import { Theme } from '../themes/theme.entity';
import { ClinicalCase, LinkStrengthEnum } from './clinical-case.entities';
import { clinicalCaseService } from './clinical-case.service';
import { ClinicalCaseInput } from './clinical-case.types';

/** The text's fields: null where it is confidential for the caller (administrators, others). */
const textOf = (ctx: RequestContext, found: ClinicalCase) =>
  ctx.loaders.clinicalCaseTextById.load(found.id);

@Resolver(() => ClinicalCase)
export class ClinicalCaseResolver {
  @Can('read', 'ClinicalCase')
  @Query(() => ClinicalCase, { name: 'ClinicalCase', nullable: true })
  clinicalCase(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return clinicalCaseService.findOne(ctx, id);
  }

  @Can('read', 'ClinicalCase')
  @Query(() => [ClinicalCase], {
    description: 'Les cas d’un groupe, du plus récent au plus ancien',
  })
  groupClinicalCases(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string) {
    return clinicalCaseService.listForGroup(ctx, groupId);
  }

  @Can('create', 'ClinicalCase')
  @Mutation(() => ClinicalCase, { description: 'Un cas, en brouillon de son auteur' })
  createClinicalCase(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('input', () => ClinicalCaseInput) input: ClinicalCaseInput,
  ) {
    return clinicalCaseService.create(ctx, groupId, input);
  }

  @Can('update', 'ClinicalCase')
  @Mutation(() => ClinicalCase, { description: 'Le brouillon réécrit (version lue requise)' })
  updateClinicalCase(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ClinicalCaseInput) input: ClinicalCaseInput,
  ) {
    return clinicalCaseService.update(ctx, id, version, input);
  }

  @Can('submit', 'ClinicalCase')
  @Mutation(() => ClinicalCase, { description: 'Présenté à une réunion du groupe' })
  presentClinicalCase(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('meetingId', () => ID) meetingId: string,
  ) {
    return clinicalCaseService.present(ctx, id, version, meetingId);
  }

  @Can('submit', 'ClinicalCase')
  @Mutation(() => ClinicalCase, { description: 'Transmis au binôme du groupe' })
  submitClinicalCase(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ) {
    return clinicalCaseService.submit(ctx, id, version);
  }

  @FieldResolver(() => Boolean, { description: 'Vrai quand le texte est confidentiel pour vous' })
  async confidential(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, found)) === null;
  }

  @FieldResolver(() => String, { nullable: true })
  async title(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, found))?.title ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Situation de travail' })
  async workSituation(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, found))?.workSituation ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Diagnostic clinique' })
  async clinicalDiagnosis(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, found))?.clinicalDiagnosis ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Expositions et traçabilité' })
  async exposures(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, found))?.exposures ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Lien santé–travail' })
  async healthWorkLink(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, found))?.healthWorkLink ?? null;
  }

  @FieldResolver(() => LinkStrengthEnum, { nullable: true })
  async linkStrength(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, found))?.linkStrength ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Information délivrée et alerte' })
  async informationAndAlert(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, found))?.informationAndAlert ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Questions soulevées' })
  async questionsRaised(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, found))?.questionsRaised ?? null;
  }

  @FieldResolver(() => [Theme], { description: 'Un à trois thèmes' })
  themes(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return ctx.loaders.themesByCaseId.load(found.id);
  }

  @FieldResolver(() => [Meeting], { description: 'Les réunions où il a été présenté' })
  async presentations(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.presentationsByCaseId.load(found.id);
    const meetings = await ctx.loaders.meetingById.loadMany(rows.map((row) => row.meetingId));
    return meetings.filter((meeting): meeting is Meeting => meeting instanceof Meeting);
  }

  @FieldResolver(() => [Reference], { description: 'Sa bibliographie' })
  references(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return ctx.loaders.referencesByTarget.load(found.id);
  }

  @FieldResolver(() => Member, { nullable: true, description: 'L’auteur, s’il vous est visible' })
  author(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return ctx.loaders.memberById.load(found.authorMemberId);
  }
}
