import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class EmployerFilter {
  @Field(() => String, { nullable: true })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  societyId?: string;
}

@ArgsType()
export class CreateEmployerArgs {
  @Field(() => ID)
  societyId: string;

  @Field()
  name: string;

  @Field()
  city: string;

  @Field(() => String, { nullable: true })
  siret?: string | null;
}

@ArgsType()
export class UpdateEmployerArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => String, { nullable: true })
  city?: string;

  @Field(() => String, { nullable: true })
  siret?: string | null;
}
