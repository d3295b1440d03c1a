import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MemberStatus, ProfessionEnum } from './member.entity';
import type { Profession } from '@epairs/shared';

@InputType()
export class MemberFilter {
  @Field(() => String, { nullable: true, description: 'Nom, prénom, e-mail ou RPPS' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => ID, { nullable: true })
  employerId?: string;

  @Field(() => ProfessionEnum, { nullable: true })
  profession?: Profession;

  @Field(() => MemberStatus, { nullable: true })
  status?: MemberStatus;

  @Field(() => Int, {
    nullable: true,
    description: 'Sans convention signée pour cette année (les conventions à relancer)',
  })
  conventionMissingFor?: number;
}

@ArgsType()
export class CreateMemberArgs {
  @Field()
  email: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field(() => ProfessionEnum)
  profession: Profession;

  @Field({ description: '11 chiffres, ou 12 en commençant par 8 (carte CPS)' })
  rpps: string;

  @Field(() => ID)
  societyId: string;

  @Field(() => ID, { nullable: true })
  employerId?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;
}

@ArgsType()
export class UpdateMemberArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => ProfessionEnum, { nullable: true })
  profession?: Profession;

  @Field(() => String, { nullable: true })
  rpps?: string;

  @Field(() => ID, { nullable: true })
  employerId?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => MemberStatus, { nullable: true })
  status?: MemberStatus;
}

@ObjectType({ description: 'Où en est un membre avec la charte' })
export class CharterStatus {
  @Field(() => Int, { nullable: true, description: 'Dernière version acceptée' })
  acceptedVersion: number | null;

  @Field(() => Date, { nullable: true })
  acceptedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Version en vigueur' })
  currentVersion: number | null;

  @Field({ description: 'La version en vigueur est acceptée' })
  upToDate: boolean;
}
