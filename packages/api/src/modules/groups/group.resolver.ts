import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Member } from '../members/member.entity';
import { Society } from '../societies/society.entity';
import { Theme } from '../themes/theme.entity';
import { User } from '../users/user.entity';
import { binomeService } from './binome.service';
import { directoryService } from './directory.service';
import { BinomeAssignment, GroupMembership, PeerGroup } from './group.entities';
import { groupService } from './group.service';
import {
  AddGroupMemberArgs,
  ChangePeerGroupStatusArgs,
  CreatePeerGroupArgs,
  GroupDirectoryEntry,
  GroupDirectoryFilter,
  PeerGroupFilter,
  RegistrationProblemType,
  UpdatePeerGroupArgs,
} from './group.types';
import { membershipService } from './membership.service';

@Resolver(() => PeerGroup)
export class PeerGroupResolver {
  @Can('read', 'PeerGroup')
  @Query(() => PeerGroup, { name: 'PeerGroup', nullable: true })
  peerGroup(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return groupService.findOne(ctx, id);
  }

  @Can('read', 'PeerGroup')
  @Query(() => [PeerGroup])
  async allPeerGroups(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => PeerGroupFilter, { nullable: true }) filter?: PeerGroupFilter,
  ) {
    const groups = await groupService.list(ctx, args, filter);
    // The listed rows are whole groups read under the same settings: fields that load a group
    // by id (the programme) reuse them instead of reading the page's groups a second time.
    for (const group of groups) ctx.loaders.groupById.prime(group.id, group);
    return groups;
  }

  @Can('read', 'PeerGroup')
  @Query(() => ListMetadata)
  async _allPeerGroupsMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => PeerGroupFilter, { nullable: true }) filter?: PeerGroupFilter,
  ) {
    return { count: await groupService.count(ctx, filter) };
  }

  @Can('submit', 'PeerGroup')
  @Query(() => [RegistrationProblemType], {
    description: "Ce qui empêche encore l'inscription (vide : rien)",
  })
  groupRegistrationProblems(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string) {
    return groupService.problemsFor(ctx, groupId);
  }

  @Can('read', 'GroupDirectory')
  @Query(() => [GroupDirectoryEntry], {
    description: 'Trouver des groupes par thème, dans toute la fédération',
  })
  groupDirectory(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => GroupDirectoryFilter, { nullable: true }) filter?: GroupDirectoryFilter,
    @Arg('page', () => Int, { nullable: true }) page?: number,
    @Arg('perPage', () => Int, { nullable: true }) perPage?: number,
  ) {
    return directoryService.search(ctx, filter, page ?? 0, perPage ?? 25);
  }

  @Can('create', 'PeerGroup')
  @Mutation(() => PeerGroup, {
    description: 'Un membre qui fonde un groupe en devient la personne-relais',
  })
  createPeerGroup(
    @Ctx() ctx: RequestContext,
    @Args(() => CreatePeerGroupArgs) args: CreatePeerGroupArgs,
  ) {
    return groupService.create(ctx, args);
  }

  @Can('update', 'PeerGroup')
  @Mutation(() => PeerGroup)
  updatePeerGroup(
    @Ctx() ctx: RequestContext,
    @Args(() => UpdatePeerGroupArgs) args: UpdatePeerGroupArgs,
  ) {
    return groupService.update(ctx, args);
  }

  @Can('update', 'PeerGroup')
  @Mutation(() => PeerGroup, {
    description: 'Activer, suspendre, clore, ou renvoyer une demande en formation',
  })
  changePeerGroupStatus(
    @Ctx() ctx: RequestContext,
    @Args(() => ChangePeerGroupStatusArgs) args: ChangePeerGroupStatusArgs,
  ) {
    return groupService.changeStatus(ctx, args);
  }

  @Can('submit', 'PeerGroup')
  @Mutation(() => PeerGroup, {
    description: "Demande collective d'inscription (refusée avec ses raisons)",
  })
  submitGroupRegistration(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string) {
    return groupService.submit(ctx, groupId);
  }

  @Can('register', 'PeerGroup')
  @Mutation(() => PeerGroup, { description: 'Inscription du groupe par E-Pairs' })
  registerGroup(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string) {
    return groupService.register(ctx, groupId);
  }

  @Can('create', 'GroupMembership')
  @Mutation(() => GroupMembership)
  addGroupMember(
    @Ctx() ctx: RequestContext,
    @Args(() => AddGroupMemberArgs) args: AddGroupMemberArgs,
  ) {
    return membershipService.add(ctx, args);
  }

  @Can('update', 'GroupMembership')
  @Mutation(() => GroupMembership, { description: "Le membre quitte le groupe aujourd'hui" })
  removeGroupMember(
    @Ctx() ctx: RequestContext,
    @Arg('membershipId', () => ID) membershipId: string,
  ) {
    return membershipService.remove(ctx, membershipId);
  }

  @Can('update', 'GroupMembership')
  @Mutation(() => GroupMembership, { description: 'Désigne la personne-relais du groupe' })
  setGroupRelay(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('memberId', () => ID) memberId: string,
  ) {
    return membershipService.setRelay(ctx, groupId, memberId);
  }

  @Can('create', 'BinomeAssignment')
  @Mutation(() => BinomeAssignment, {
    description: 'Affecte un(e) correspondant(e) de binôme au groupe',
  })
  assignBinome(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('userId', () => ID) userId: string,
  ) {
    return binomeService.assign(ctx, groupId, userId);
  }

  @Can('delete', 'BinomeAssignment')
  @Mutation(() => BinomeAssignment, { description: "Met fin à l'affectation" })
  endBinomeAssignment(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return binomeService.end(ctx, id);
  }

  @FieldResolver(() => Society, { nullable: true })
  society(@Root() group: PeerGroup, @Ctx() ctx: RequestContext) {
    return ctx.loaders.societyById.load(group.societyId);
  }

  @FieldResolver(() => [Theme])
  themes(@Root() group: PeerGroup, @Ctx() ctx: RequestContext) {
    return ctx.loaders.themesByGroupId.load(group.id);
  }

  @FieldResolver(() => [GroupMembership], {
    description: 'Membres actuels (visibles selon vos droits)',
  })
  memberships(@Root() group: PeerGroup, @Ctx() ctx: RequestContext) {
    return ctx.loaders.membershipsByGroupId.load(group.id);
  }

  @FieldResolver(() => GroupMembership, { nullable: true, description: 'La personne-relais' })
  async relay(@Root() group: PeerGroup, @Ctx() ctx: RequestContext) {
    const memberships = await ctx.loaders.membershipsByGroupId.load(group.id);
    return memberships.find((membership) => membership.role === 'RELAY') ?? null;
  }

  @FieldResolver(() => [BinomeAssignment], { description: 'Correspondants de binôme actuels' })
  binomes(@Root() group: PeerGroup, @Ctx() ctx: RequestContext) {
    return ctx.loaders.binomesByGroupId.load(group.id);
  }
}

@Resolver(() => GroupMembership)
export class GroupMembershipResolver {
  @FieldResolver(() => Member, { nullable: true })
  member(@Root() membership: GroupMembership, @Ctx() ctx: RequestContext) {
    return ctx.loaders.memberById.load(membership.memberId);
  }

  @FieldResolver(() => PeerGroup, { nullable: true })
  group(@Root() membership: GroupMembership, @Ctx() ctx: RequestContext) {
    return ctx.loaders.groupById.load(membership.groupId);
  }
}

@Resolver(() => BinomeAssignment)
export class BinomeAssignmentResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Le ou la correspondant(e)' })
  user(@Root() assignment: BinomeAssignment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(assignment.userId);
  }

  @FieldResolver(() => PeerGroup, { nullable: true })
  group(@Root() assignment: BinomeAssignment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.groupById.load(assignment.groupId);
  }
}
