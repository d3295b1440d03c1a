import { ArgsType, Field, ID, InputType } from 'type-graphql';

@InputType()
export class CharterVersionFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];
}

@ArgsType()
export class PublishCharterArgs {
  @Field()
  title: string;

  @Field({ description: 'Le texte intégral' })
  body: string;
}
