import type { ReferenceKind } from '@epairs/shared';
import { Field, InputType, Int } from 'type-graphql';
import { ReferenceKindEnum } from './reference.entities';

@InputType({ description: 'Une référence : type, citation, année, lien ou DOI' })
export class ReferenceInput {
  @Field(() => ReferenceKindEnum)
  kind: ReferenceKind;

  @Field()
  citation: string;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'ex. 10.1136/oemed-2019-106123' })
  doi?: string | null;
}
