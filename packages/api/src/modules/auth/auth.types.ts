import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { User } from '../users/user.entity';

@ObjectType({
  description: "Jetons d'une session : accès (≈ 15 min) et renouvellement (usage unique)",
})
export class AuthPayload {
  @Field()
  accessToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field({
    description: 'À conserver hors de portée des scripts ; chaque usage en donne un nouveau',
  })
  refreshToken: string;

  @Field()
  refreshTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}

@ObjectType({ description: 'Règles CASL compactées (packRules) de la personne connectée' })
export class Permissions {
  @Field(() => [String], { description: 'Rôles détenus, pour les menus' })
  roles: string[];

  @Field(() => GraphQLJSON, { description: 'packRules(defineRulesFor(utilisateur))' })
  rules: unknown;
}
