import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class ThemeFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => Boolean, { nullable: true })
  active?: boolean;
}

@ArgsType()
export class CreateThemeArgs {
  @Field({ description: 'Code stable, en majuscules (ex. MSD)' })
  code: string;

  @Field()
  labelFr: string;

  @Field()
  labelEn: string;

  @Field(() => String, { nullable: true })
  period?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number;
}

@ArgsType()
export class UpdateThemeArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true })
  labelFr?: string;

  @Field(() => String, { nullable: true })
  labelEn?: string;

  @Field(() => String, { nullable: true })
  period?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean;

  @Field(() => Int, { nullable: true })
  sortOrder?: number;
}
