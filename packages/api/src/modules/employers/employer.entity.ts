import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';

@ObjectType({ description: 'Service de (prévention et de) santé au travail : signe la convention' })
@Entity('employer')
export class Employer extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field()
  @Column('text')
  name: string;

  @Field()
  @Column('text')
  city: string;

  @Field(() => String, { nullable: true })
  @Column('char', { length: 14, nullable: true })
  siret: string | null;
}
