import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class CreditRuleFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => Int, { nullable: true })
  year?: number;
}

@ArgsType()
export class CreateCreditRuleArgs {
  @Field(() => ID)
  societyId: string;

  @Field(() => Int)
  year: number;

  @Field({ nullable: true, description: 'Crédits par heure de participation' })
  creditsPerHour?: number;

  @Field({ nullable: true, description: 'Crédits par situation présentée' })
  creditsPerCase?: number;

  @Field({ nullable: true, description: 'Crédits par compte-rendu rédigé' })
  creditsPerReport?: number;
}

@ArgsType()
export class UpdateCreditRuleArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field({ nullable: true })
  creditsPerHour?: number;

  @Field({ nullable: true })
  creditsPerCase?: number;

  @Field({ nullable: true })
  creditsPerReport?: number;
}
