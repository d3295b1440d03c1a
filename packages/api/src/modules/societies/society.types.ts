import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class SocietyFilter {
  @Field(() => String, { nullable: true, description: 'Recherche sur le sigle et le nom' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => String, { nullable: true })
  code?: string;
}

@ArgsType()
export class CreateSocietyArgs {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  region?: string | null;
}

@ArgsType()
export class UpdateSocietyArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'La version lue ; refusée (CONFLICT) si elle a changé' })
  version: number;

  @Field(() => String, { nullable: true })
  code?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  region?: string | null;
}
