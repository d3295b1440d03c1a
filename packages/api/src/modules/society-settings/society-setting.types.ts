import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

@InputType()
export class SocietySettingFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => Int, { nullable: true })
  year?: number;
}

@ArgsType()
export class CreateSocietySettingArgs {
  @Field(() => ID)
  societyId: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true })
  minMeetings?: number;

  @Field(() => Int, { nullable: true })
  minHours?: number;

  @Field(() => Int, { nullable: true })
  minAttended?: number;

  @Field(() => Int, { nullable: true })
  minGroupMembers?: number;

  @Field(() => Int, { nullable: true })
  maxGroupMembers?: number;
}

@ArgsType()
export class UpdateSocietySettingArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => Int, { nullable: true })
  minMeetings?: number;

  @Field(() => Int, { nullable: true })
  minHours?: number;

  @Field(() => Int, { nullable: true })
  minAttended?: number;

  @Field(() => Int, { nullable: true })
  minGroupMembers?: number;

  @Field(() => Int, { nullable: true })
  maxGroupMembers?: number;
}

export enum ThresholdSource {
  SOCIETY_YEAR = 'SOCIETY_YEAR',
  EARLIER_YEAR = 'EARLIER_YEAR',
  DEFAULT = 'DEFAULT',
}
registerEnumType(ThresholdSource, {
  name: 'ThresholdSource',
  description:
    "D'où viennent les seuils : l'année même, une année antérieure, ou les valeurs E-Pairs",
});

@ObjectType({ description: 'Seuils applicables à une société pour une année' })
export class EffectiveThresholds {
  @Field(() => ID)
  societyId: string;

  @Field(() => Int)
  year: number;

  @Field(() => ThresholdSource)
  source: ThresholdSource;

  @Field(() => Int, { nullable: true, description: "L'année dont les seuils sont repris" })
  sourceYear: number | null;

  @Field(() => Int)
  minMeetings: number;

  @Field(() => Int)
  minHours: number;

  @Field(() => Int)
  minAttended: number;

  @Field(() => Int)
  minGroupMembers: number;

  @Field(() => Int)
  maxGroupMembers: number;
}
