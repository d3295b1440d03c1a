import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class ComplianceFilter {
  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => ID, { nullable: true })
  groupId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Seulement les membres en deçà des seuils' })
  onlyShort?: boolean;

  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Tranche d’heures face au seuil (NONE, UNDER_HALF, UNDER_THRESHOLD, THRESHOLD_MET)',
  })
  hoursBucket?: string;
}
