import type { ActionStatus } from '@epairs/shared';
import { Field, Float, ID, InputType } from 'type-graphql';
import { ActionStatusEnum } from './improvement-action.entities';

@InputType({ description: 'Une action d’amélioration (sans donnée identifiante)' })
export class ImprovementActionInput {
  @Field()
  description: string;

  @Field(() => ID, { nullable: true })
  ownerMemberId?: string | null;

  @Field({ nullable: true, description: 'Modalité de suivi' })
  followUp?: string;

  @Field(() => String, { nullable: true, description: 'AAAA-MM-JJ' })
  dueOn?: string | null;

  @Field(() => ActionStatusEnum, { nullable: true })
  status?: ActionStatus;

  @Field(() => String, { nullable: true })
  indicatorLabel?: string | null;

  @Field(() => String, { nullable: true })
  indicatorUnit?: string | null;
}

@InputType({ description: 'Une mesure de l’indicateur' })
export class IndicatorValueInput {
  @Field({ description: 'AAAA-MM-JJ' })
  measuredOn: string;

  @Field(() => Float)
  value: number;
}
