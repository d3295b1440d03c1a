import type { ConventionStatus } from '@epairs/shared';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ConventionStatusEnum } from './convention.entity';

@InputType()
export class ConventionFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => ID, { nullable: true })
  memberId?: string;

  @Field(() => Int, { nullable: true })
  year?: number;

  @Field(() => ConventionStatusEnum, { nullable: true })
  status?: ConventionStatus;
}

@ArgsType()
export class CreateConventionArgs {
  @Field(() => ID)
  memberId: string;

  @Field(() => Int)
  year: number;

  @Field(() => ID, { nullable: true, description: "Par défaut l'employeur du membre" })
  employerId?: string | null;
}

@ArgsType()
export class ChangeConventionStatusArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => ConventionStatusEnum)
  status: ConventionStatus;

  @Field(() => String, { nullable: true, description: 'Motif, obligatoire pour CANCELLED' })
  reason?: string | null;
}
