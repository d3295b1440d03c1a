import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { PeerGroup } from '../groups/group.entities';
import { Society } from '../societies/society.entity';
import { Theme } from '../themes/theme.entity';
import { ThesaurusEntry } from './thesaurus-entry.entity';
import { thesaurusService } from './thesaurus.service';
import { ThesaurusEntryInput, ThesaurusSearchResult } from './thesaurus.types';

@Resolver(() => ThesaurusEntry)
export class ThesaurusEntryResolver {
  @Can('read', 'ThesaurusEntry')
  @Query(() => ThesaurusEntry, { name: 'ThesaurusEntry', nullable: true })
  thesaurusEntry(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return thesaurusService.findOne(ctx, id);
  }

  @Can('read', 'ThesaurusEntry')
  @Query(() => ThesaurusSearchResult, {
    description:
      'Recherche en texte intégral (français, sans accents ni traits d’union requis) dans les repères publiés, les plus pertinents d’abord ; une recherche vide les liste du plus récent au plus ancien',
  })
  searchThesaurus(
    @Ctx() ctx: RequestContext,
    @Arg('query') query: string,
    @Arg('themeId', () => ID, { nullable: true }) themeId?: string,
    @Arg('page', () => Int, { nullable: true, description: 'À partir de 0' }) page?: number,
    @Arg('perPage', () => Int, { nullable: true }) perPage?: number,
  ) {
    return thesaurusService.search(ctx, { query, themeId, page, perPage });
  }

  @Can('read', 'ThesaurusEntry')
  @Query(() => [ThesaurusEntry], {
    description: 'Les repères tirés des accompagnements d’un groupe, du plus récent au plus ancien',
  })
  groupThesaurusEntries(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string) {
    return thesaurusService.listForGroup(ctx, groupId);
  }

  @Can('create', 'ThesaurusEntry')
  @Mutation(() => ThesaurusEntry, {
    description: 'Le binôme propose un repère tiré de l’accompagnement d’un de ses groupes',
  })
  proposeThesaurusEntry(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('input', () => ThesaurusEntryInput) input: ThesaurusEntryInput,
  ) {
    return thesaurusService.propose(ctx, groupId, input);
  }

  @Can('update', 'ThesaurusEntry')
  @Mutation(() => ThesaurusEntry, {
    description: 'La proposition réécrite par le binôme (version lue requise)',
  })
  updateThesaurusEntry(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ThesaurusEntryInput) input: ThesaurusEntryInput,
  ) {
    return thesaurusService.update(ctx, id, version, input);
  }

  @Can('publish', 'ThesaurusEntry')
  @Mutation(() => ThesaurusEntry, {
    description: 'La personne-relais donne l’accord du groupe : le repère est publié',
  })
  publishThesaurusEntry(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ) {
    return thesaurusService.publish(ctx, id, version);
  }

  @Can('delete', 'ThesaurusEntry')
  @Mutation(() => ThesaurusEntry, {
    description: 'Retiré par le binôme, ou par E-Pairs une fois publié',
  })
  withdrawThesaurusEntry(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ) {
    return thesaurusService.withdraw(ctx, id, version);
  }

  @FieldResolver(() => [Theme])
  themes(@Root() entry: ThesaurusEntry, @Ctx() ctx: RequestContext) {
    return ctx.loaders.themesByThesaurusEntryId.load(entry.id);
  }

  @FieldResolver(() => Society, { nullable: true })
  society(@Root() entry: ThesaurusEntry, @Ctx() ctx: RequestContext) {
    return ctx.loaders.societyById.load(entry.societyId);
  }

  @FieldResolver(() => PeerGroup, {
    nullable: true,
    description: 'Le groupe d’origine, s’il vous est visible',
  })
  group(@Root() entry: ThesaurusEntry, @Ctx() ctx: RequestContext) {
    return ctx.loaders.groupById.load(entry.groupId);
  }
}
