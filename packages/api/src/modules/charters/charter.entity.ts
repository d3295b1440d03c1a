import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'Version de la charte E-Pairs' })
@Entity('charter_version')
export class CharterVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Int)
  @Column('integer')
  number: number;

  @Field()
  @Column('text')
  title: string;

  @Field()
  @Column('text')
  body: string;

  @Field()
  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;

  @Column('uuid', { name: 'published_by', nullable: true })
  publishedBy: string | null;
}

@ObjectType({ description: "Acceptation d'une version de la charte par un membre" })
@Entity('charter_acceptance')
export class CharterAcceptance {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'member_id' })
  memberId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'charter_version_id' })
  charterVersionId: string;

  @Field()
  @Column('timestamptz', { name: 'accepted_at' })
  acceptedAt: Date;
}
