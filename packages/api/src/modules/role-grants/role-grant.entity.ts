import { GRANTED_ROLES } from '@epairs/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/graphql/enums';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const GrantedRoleEnum = graphqlEnum(
  GRANTED_ROLES,
  'GrantedRole',
  "FEDERATION_ADMIN : bureau E-Pairs ; SOCIETY_ADMIN : coordination d'une société ; BINOME : correspondant(e) d'accompagnement",
);

@ObjectType({
  description: 'Rôle attribué à une personne (les rôles de groupe viennent des adhésions)',
})
@Entity('role_grant')
export class RoleGrant {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Field(() => GrantedRoleEnum)
  @Column('text')
  role: (typeof GRANTED_ROLES)[number];

  @Field(() => ID, { nullable: true, description: 'Pour SOCIETY_ADMIN : la société administrée' })
  @Column('uuid', { name: 'society_id', nullable: true })
  societyId: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'granted_by', nullable: true })
  grantedBy: string | null;

  @Field()
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;
}
