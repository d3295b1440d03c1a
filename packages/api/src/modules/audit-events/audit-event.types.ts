import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class AuditEventFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  societyId?: string;

  @Field(() => ID, { nullable: true })
  actorUserId?: string;

  @Field(() => String, { nullable: true })
  action?: string;

  @Field(() => String, { nullable: true })
  entityType?: string;

  @Field(() => String, { nullable: true })
  entityId?: string;

  @Field(() => String, { nullable: true })
  requestId?: string;

  @Field(() => Date, { nullable: true, description: 'À partir de (inclus)' })
  occurredAt_gte?: Date;

  @Field(() => Date, { nullable: true, description: "Jusqu'à (exclu)" })
  occurredAt_lt?: Date;
}
