import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'Société régionale : le tenant (SSTPC, SMTVL, ASMT, SNPST, ARAPT…)' })
@Entity('society')
export class Society {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Sigle, en majuscules (ex. SSTPC)' })
  @Column('text')
  code: string;

  @Field()
  @Column('text')
  name: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  region: string | null;

  @Field()
  @Column({ type: 'timestamptz', name: 'created_at', insert: false, update: false })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz', name: 'updated_at', insert: false, update: false })
  updatedAt: Date;

  @Field(() => Int, { description: 'Incrémenté à chaque modification ; à renvoyer pour modifier' })
  @Column({ type: 'integer', insert: false, update: false })
  version: number;
}
