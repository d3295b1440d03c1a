import { PROFESSIONS, type Profession } from '@epairs/shared';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { graphqlEnum } from '../../common/graphql/enums';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';

export const ProfessionEnum = graphqlEnum(
  PROFESSIONS,
  'Profession',
  'PHYSICIAN : médecin du travail ; NURSE : infirmier(e) en santé au travail',
);

export enum MemberStatus {
  ACTIVE = 'ACTIVE',
  LEFT = 'LEFT',
}
registerEnumType(MemberStatus, { name: 'MemberStatus' });

@ObjectType({
  description: 'Professionnel(le) membre (profil) ; nom et e-mail sont ceux du compte',
})
@Entity('member')
export class Member extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Field(() => ProfessionEnum)
  @Column('text')
  profession: Profession;

  // Exposed through MemberResolver.rpps: to the person and its administrators only.
  @Column('char', { length: 11 })
  rpps: string;

  @Column('uuid', { name: 'employer_id', nullable: true })
  employerId: string | null;

  @Column('text', { nullable: true })
  region: string | null;

  @Field(() => MemberStatus)
  @Column('text')
  status: MemberStatus;
}
