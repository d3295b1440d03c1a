import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';

export enum UserStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(UserStatus, {
  name: 'UserStatus',
  description:
    'INVITED : invitation envoyée ; ACTIVE : mot de passe choisi ; DISABLED : accès coupé',
});

export enum Locale {
  fr = 'fr',
  en = 'en',
}
registerEnumType(Locale, { name: 'Locale' });

@ObjectType({ description: 'Compte de connexion (une personne, quelle que soit sa société)' })
@Entity('user_account')
export class User extends VersionedRecord {
  @Field(() => ID, { nullable: true, description: 'Société de rattachement' })
  @Column('uuid', { name: 'society_id', nullable: true })
  societyId: string | null;

  @Field()
  @Column('text')
  email: string;

  @Field()
  @Column('text', { name: 'first_name' })
  firstName: string;

  @Field()
  @Column('text', { name: 'last_name' })
  lastName: string;

  @Field(() => Locale)
  @Column('text')
  locale: Locale;

  @Field(() => UserStatus)
  @Column('text')
  status: UserStatus;

  // Never exposed; selected explicitly by the login flow only.
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column('timestamptz', { name: 'password_changed_at', nullable: true })
  passwordChangedAt: Date | null;

  // Exposed through UserResolver.lastLoginAt: to the person and its administrators only.
  @Column('timestamptz', { name: 'last_login_at', nullable: true })
  lastLoginAt: Date | null;
}
