import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Public, SignedIn } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { User } from '../users/user.entity';
import { authService } from './auth.service';
import { AuthPayload, Permissions } from './auth.types';

@Resolver()
export class AuthResolver {
  @SignedIn()
  @Query(() => User, { description: 'La personne connectée' })
  me(@Ctx() ctx: RequestContext) {
    return authService.me(ctx);
  }

  @SignedIn()
  @Query(() => Permissions, { description: 'Ses rôles et ses règles, pour les interfaces' })
  myPermissions(@Ctx() ctx: RequestContext) {
    return authService.permissions(ctx);
  }

  @Public()
  @Mutation(() => AuthPayload)
  login(
    @Ctx() ctx: RequestContext,
    @Arg('email') email: string,
    @Arg('password') password: string,
  ) {
    return authService.login(ctx, email, password);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Échange un jeton de renouvellement contre une nouvelle paire',
  })
  refreshSession(@Ctx() ctx: RequestContext, @Arg('refreshToken') refreshToken: string) {
    return authService.refresh(ctx, refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ferme la session (toute la famille de jetons)' })
  logout(@Ctx() ctx: RequestContext, @Arg('refreshToken') refreshToken: string) {
    return authService.logout(ctx, refreshToken);
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Active un compte invité avec le lien reçu par e-mail',
  })
  acceptInvitation(
    @Ctx() ctx: RequestContext,
    @Arg('token') token: string,
    @Arg('password') password: string,
  ) {
    return authService.acceptInvitation(ctx, token, password);
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Envoie un lien de réinitialisation si le compte existe',
  })
  requestPasswordReset(@Ctx() ctx: RequestContext, @Arg('email') email: string) {
    return authService.requestPasswordReset(ctx, email);
  }

  @Public()
  @Mutation(() => AuthPayload)
  resetPassword(
    @Ctx() ctx: RequestContext,
    @Arg('token') token: string,
    @Arg('password') password: string,
  ) {
    return authService.resetPassword(ctx, token, password);
  }

  @SignedIn()
  @Mutation(() => AuthPayload, {
    description: 'Change le mot de passe et ferme les autres sessions',
  })
  changePassword(
    @Ctx() ctx: RequestContext,
    @Arg('currentPassword') currentPassword: string,
    @Arg('newPassword') newPassword: string,
  ) {
    return authService.changePassword(ctx, currentPassword, newPassword);
  }
}
