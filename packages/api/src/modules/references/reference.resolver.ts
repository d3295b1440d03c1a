import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { Reference } from './reference.entities';
import { referenceService } from './reference.service';
import { ReferenceInput } from './reference.types';

@Resolver(() => Reference)
export class ReferenceResolver {
  @Can('read', 'Reference')
  @Query(() => Reference, { name: 'Reference', nullable: true })
  reference(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return referenceService.findOne(ctx, id);
  }

  @Can('read', 'Reference')
  @Query(() => [Reference], { description: 'La bibliothèque du groupe, de la plus récente' })
  groupReferences(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string) {
    return referenceService.listForGroup(ctx, groupId);
  }

  @Can('create', 'Reference')
  @Mutation(() => Reference, { description: 'Ajoutée à la bibliothèque du groupe' })
  createReference(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('input', () => ReferenceInput) input: ReferenceInput,
  ) {
    return referenceService.create(ctx, groupId, input);
  }

  @Can('update', 'Reference')
  @Mutation(() => Reference)
  updateReference(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ReferenceInput) input: ReferenceInput,
  ) {
    return referenceService.update(ctx, id, version, input);
  }
}
