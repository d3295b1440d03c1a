import type { LoopStatus } from '@epairs/shared';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { graphqlEnum } from '../../common/graphql/enums';
import { LoopStatusEnum } from './feedback.entities';

@InputType({
  description: 'Le retour du binôme : des questions, des remarques, jamais un jugement',
})
export class BinomeFeedbackInput {
  @Field(() => [String], { description: 'Chaque question se termine par « ? »' })
  questions: string[];

  @Field({ nullable: true })
  remarks?: string;
}

export const QUEUE_KINDS = ['REPORT', 'CASE'] as const;
export const QueueKindEnum = graphqlEnum(QUEUE_KINDS, 'BinomeQueueKind', 'Compte-rendu ou cas');

@ObjectType({ description: 'Un compte-rendu validé ou un cas transmis, dans la file du binôme' })
export class BinomeQueueItem {
  @Field(() => QueueKindEnum)
  kind: (typeof QUEUE_KINDS)[number];

  @Field(() => ID)
  id: string;

  @Field(() => ID)
  groupId: string;

  @Field(() => ID)
  societyId: string;

  @Field(() => ID, { nullable: true })
  reportId: string | null;

  @Field(() => ID, { nullable: true })
  caseId: string | null;

  @Field({ description: 'Depuis quand il attend (validation ou transmission)' })
  since: Date;

  @Field(() => Int, { description: 'Jours écoulés depuis' })
  ageDays: number;

  @Field(() => LoopStatusEnum)
  loopStatus: LoopStatus;
}
