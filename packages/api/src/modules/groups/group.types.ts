import type { ReportValidationRule } from '@epairs/shared';
import { ReportValidationRuleEnum } from '../reports/report.entities';
import type { DrawMode, EntryPoint, GroupKind, GroupRole, GroupStatus } from '@epairs/shared';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  DrawModeEnum,
  EntryPointEnum,
  GroupKindEnum,
  GroupRoleEnum,
  GroupStatusEnum,
} from './group.entities';

@InputType()
export class PeerGroupFilter {
  @Field(() => String, { nullable: true })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => GroupStatusEnum, { nullable: true })
  status?: GroupStatus;

  @Field(() => GroupKindEnum, { nullable: true })
  kind?: GroupKind;

  @Field(() => EntryPointEnum, { nullable: true })
  entryPoint?: EntryPoint;

  @Field(() => ID, { nullable: true })
  themeId?: string;
}

@ArgsType()
export class CreatePeerGroupArgs {
  @Field(() => ID)
  societyId: string;

  @Field()
  name: string;

  @Field(() => GroupKindEnum)
  kind: GroupKind;

  @Field(() => EntryPointEnum, { nullable: true })
  entryPoint?: EntryPoint;

  @Field(() => DrawModeEnum, { nullable: true })
  drawMode?: DrawMode | null;

  @Field(() => String, { nullable: true })
  meetingPlace?: string | null;

  @Field(() => [ID], { nullable: true })
  themeIds?: string[];
}

@ArgsType()
export class UpdatePeerGroupArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => GroupKindEnum, { nullable: true })
  kind?: GroupKind;

  @Field(() => EntryPointEnum, { nullable: true })
  entryPoint?: EntryPoint;

  @Field(() => DrawModeEnum, { nullable: true })
  drawMode?: DrawMode | null;

  @Field(() => String, { nullable: true })
  meetingPlace?: string | null;

  @Field(() => [ID], { nullable: true })
  themeIds?: string[];

  @Field(() => ReportValidationRuleEnum, { nullable: true })
  reportValidationRule?: ReportValidationRule;
}

@ArgsType()
export class ChangePeerGroupStatusArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => GroupStatusEnum)
  status: GroupStatus;
}

@ArgsType()
export class AddGroupMemberArgs {
  @Field(() => ID)
  groupId: string;

  @Field(() => ID, { nullable: true })
  memberId?: string;

  @Field(() => String, { nullable: true, description: 'Ou le numéro RPPS du membre' })
  rpps?: string;

  @Field(() => String, { nullable: true, description: 'Ou son adresse e-mail' })
  email?: string;

  @Field(() => GroupRoleEnum, { nullable: true })
  role?: GroupRole;
}

@ObjectType({ description: "Une raison pour laquelle l'inscription est refusée" })
export class RegistrationProblemType {
  @Field({
    description:
      'TOO_FEW_MEMBERS, TOO_MANY_MEMBERS, PROFESSION_RULE, NO_RELAY_PERSON, CHARTER_NOT_ACCEPTED, NO_CONVENTION',
  })
  code: string;

  @Field()
  message: string;
}

@InputType()
export class GroupDirectoryFilter {
  @Field(() => [String], { nullable: true, description: 'Codes de thèmes (un au moins)' })
  themeCodes?: string[];

  @Field(() => EntryPointEnum, { nullable: true })
  entryPoint?: EntryPoint;

  @Field(() => String, { nullable: true, description: 'Dans le nom du groupe' })
  q?: string;
}

@ObjectType()
export class DirectoryTheme {
  @Field()
  code: string;

  @Field()
  labelFr: string;

  @Field()
  labelEn: string;
}

@ObjectType({ description: 'Le contact de la personne-relais' })
export class DirectoryContact {
  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field()
  email: string;
}

@ObjectType({ description: "Annuaire des groupes : leur face publique, et rien d'autre" })
export class GroupDirectoryEntry {
  @Field(() => ID)
  groupId: string;

  @Field()
  name: string;

  @Field()
  societyCode: string;

  @Field()
  societyName: string;

  @Field(() => EntryPointEnum)
  entryPoint: EntryPoint;

  @Field(() => [DirectoryTheme])
  themes: DirectoryTheme[];

  @Field(() => DirectoryContact, { nullable: true })
  relay: DirectoryContact | null;
}
