import { Field, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';

@ObjectType({ description: 'Société régionale : le tenant (SSTPC, SMTVL, ASMT, SNPST, ARAPT…)' })
@Entity('society')
export class Society extends VersionedRecord {
  @Field({ description: 'Sigle, en majuscules (ex. SSTPC)' })
  @Column('text')
  code: string;

  @Field()
  @Column('text')
  name: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  region: string | null;
}
