import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Locale, UserStatus } from './user.entity';

@InputType()
export class UserFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Recherche sur le nom, le prénom et l’e-mail',
  })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => UserStatus, { nullable: true })
  status?: UserStatus;
}

@ArgsType()
export class CreateUserArgs {
  @Field()
  email: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field(() => ID, { nullable: true })
  societyId?: string | null;

  @Field(() => Locale, { nullable: true })
  locale?: Locale;
}

@ArgsType()
export class UpdateUserArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true })
  email?: string;

  @Field(() => String, { nullable: true })
  firstName?: string;

  @Field(() => String, { nullable: true })
  lastName?: string;

  @Field(() => ID, { nullable: true })
  societyId?: string | null;

  @Field(() => Locale, { nullable: true })
  locale?: Locale;

  @Field(() => UserStatus, { nullable: true, description: 'ACTIVE ↔ DISABLED uniquement' })
  status?: UserStatus;
}
