import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: "Trace d'une modification : qui, quoi, quand — jamais le contenu" })
@Entity('audit_event')
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'society_id', nullable: true })
  societyId: string | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Field({ description: 'ex. society.update, auth.login' })
  @Column('text')
  action: string;

  @Field()
  @Column('text', { name: 'entity_type' })
  entityType: string;

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'entity_id', nullable: true })
  entityId: string | null;

  @Field(() => [String], { description: 'Noms des champs modifiés' })
  @Column('text', { name: 'changed_fields', array: true })
  changedFields: string[];

  @Field(() => String, { nullable: true })
  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  @Field()
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;
}
