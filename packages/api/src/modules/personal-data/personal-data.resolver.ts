import { GraphQLJSON } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { SignedIn } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { AccountDeletionRequest } from './account-deletion-request.entity';
import { accountDeletionService } from './account-deletion.service';
import { myDataService } from './my-data.service';

/** What a person may do about their own data (RGPD): read it all, ask for its deletion. */
@Resolver(() => AccountDeletionRequest)
export class PersonalDataResolver {
  @SignedIn()
  @Query(() => GraphQLJSON, {
    description:
      'Tout ce qu’E-Pairs conserve sur la personne connectée (compte, profil, groupes, réunions, émargements, cas, attestations…), en un document JSON',
  })
  myData(@Ctx() ctx: RequestContext) {
    return myDataService.export(ctx);
  }

  @SignedIn()
  @Query(() => AccountDeletionRequest, {
    nullable: true,
    description: 'Ma dernière demande de suppression de compte (null si aucune)',
  })
  myAccountDeletionRequest(@Ctx() ctx: RequestContext) {
    return accountDeletionService.mine(ctx);
  }

  @SignedIn()
  @Mutation(() => AccountDeletionRequest, {
    description:
      'Demande la suppression de mon compte : la fédération la traite ; feuilles d’émargement et attestations sont conservées',
  })
  requestAccountDeletion(
    @Ctx() ctx: RequestContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string,
  ) {
    return accountDeletionService.request(ctx, reason);
  }

  @SignedIn()
  @Mutation(() => AccountDeletionRequest, {
    description: 'Retire ma demande de suppression, tant qu’elle est en attente',
  })
  cancelAccountDeletionRequest(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return accountDeletionService.cancel(ctx, id);
  }
}
