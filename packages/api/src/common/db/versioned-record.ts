import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What every editable record has: its id, when it was created and last changed, and the version
 * a client sends back to update it (bumped by the row's trigger; see versioned-update.ts). Its
 * GraphQL fields are inherited by each subclass's type; referenced by no field, it is itself left
 * out of the schema.
 */
@ObjectType()
export abstract class VersionedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

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
