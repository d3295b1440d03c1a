import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { GrantedRoleEnum } from './role-grant.entity';
import type { GrantedRole } from '@epairs/shared';

@InputType()
export class RoleGrantFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  userId?: string;

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => GrantedRoleEnum, { nullable: true })
  role?: GrantedRole;
}

@ArgsType()
export class CreateRoleGrantArgs {
  @Field(() => ID)
  userId: string;

  @Field(() => GrantedRoleEnum)
  role: GrantedRole;

  @Field(() => ID, { nullable: true })
  societyId?: string | null;
}
