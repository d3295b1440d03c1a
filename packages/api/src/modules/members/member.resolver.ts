import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can, SignedIn } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Employer } from '../employers/employer.entity';
import { GroupMembership } from '../groups/group.entities';
import { Society } from '../societies/society.entity';
import { User } from '../users/user.entity';
import { Member } from './member.entity';
import { memberService } from './member.service';
import { CharterStatus, CreateMemberArgs, MemberFilter, UpdateMemberArgs } from './member.types';

@Resolver(() => Member)
export class MemberResolver {
  @Can('read', 'Member')
  @Query(() => Member, { name: 'Member', nullable: true })
  member(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return memberService.findOne(ctx, id);
  }

  @Can('read', 'Member')
  @Query(() => [Member])
  allMembers(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => MemberFilter, { nullable: true }) filter?: MemberFilter,
  ) {
    return memberService.list(ctx, args, filter);
  }

  @Can('read', 'Member')
  @Query(() => ListMetadata)
  async _allMembersMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => MemberFilter, { nullable: true }) filter?: MemberFilter,
  ) {
    return { count: await memberService.count(ctx, filter) };
  }

  @SignedIn()
  @Query(() => Member, { description: 'Mon profil de membre' })
  myMember(@Ctx() ctx: RequestContext) {
    return memberService.mine(ctx);
  }

  @Can('create', 'Member')
  @Mutation(() => Member, { description: "Crée le profil et le compte, et envoie l'invitation" })
  createMember(@Ctx() ctx: RequestContext, @Args(() => CreateMemberArgs) args: CreateMemberArgs) {
    return memberService.create(ctx, args);
  }

  @Can('update', 'Member')
  @Mutation(() => Member)
  updateMember(@Ctx() ctx: RequestContext, @Args(() => UpdateMemberArgs) args: UpdateMemberArgs) {
    return memberService.update(ctx, args);
  }

  @FieldResolver(() => User, { nullable: true })
  user(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(member.userId);
  }

  @FieldResolver(() => String, { nullable: true })
  async firstName(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.userById.load(member.userId))?.firstName ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async lastName(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.userById.load(member.userId))?.lastName ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async email(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.userById.load(member.userId))?.email ?? null;
  }

  @FieldResolver(() => Society, { nullable: true })
  society(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return ctx.loaders.societyById.load(member.societyId);
  }

  // A fellow member sees a name, an e-mail and a profession; the professional identifiers, the
  // employer and the charter status are the person's and its administrators' only.
  @FieldResolver(() => String, { nullable: true, description: 'Numéro RPPS (11 chiffres)' })
  async rpps(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return (await memberService.seesProfile(ctx, member)) ? member.rpps : null;
  }

  @FieldResolver(() => String, { nullable: true })
  async region(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return (await memberService.seesProfile(ctx, member)) ? member.region : null;
  }

  @FieldResolver(() => ID, { nullable: true })
  async employerId(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return (await memberService.seesProfile(ctx, member)) ? member.employerId : null;
  }

  @FieldResolver(() => Employer, { nullable: true })
  async employer(@Root() member: Member, @Ctx() ctx: RequestContext) {
    if (!member.employerId || !(await memberService.seesProfile(ctx, member))) return null;
    return ctx.loaders.employerById.load(member.employerId);
  }

  @FieldResolver(() => CharterStatus, { nullable: true })
  async charter(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return (await memberService.seesProfile(ctx, member))
      ? memberService.charterStatus(ctx, member)
      : null;
  }

  @FieldResolver(() => [GroupMembership], {
    description: 'Adhésions en cours (visibles selon vos droits)',
  })
  memberships(@Root() member: Member, @Ctx() ctx: RequestContext) {
    return ctx.loaders.membershipsByMemberId.load(member.id);
  }
}
