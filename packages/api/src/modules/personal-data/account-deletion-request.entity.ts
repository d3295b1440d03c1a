import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';
import { graphqlEnum } from '../../common/graphql/enums';

export const DELETION_REQUEST_STATUSES = ['PENDING', 'CANCELLED', 'DONE', 'REFUSED'] as const;
export type DeletionRequestStatus = (typeof DELETION_REQUEST_STATUSES)[number];

export const DeletionRequestStatusEnum = graphqlEnum(
  DELETION_REQUEST_STATUSES,
  'AccountDeletionRequestStatus',
  'En attente, retirée par la personne, traitée (compte supprimé) ou refusée',
);

@ObjectType({
  description:
    'Demande de suppression de compte : rien n’est supprimé aussitôt (feuilles et attestations sont conservées pour les contrôles DPC)',
})
@Entity('account_deletion_request')
export class AccountDeletionRequest extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'society_id', nullable: true })
  societyId: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  reason: string | null;

  @Field(() => DeletionRequestStatusEnum)
  @Column('text')
  status: DeletionRequestStatus;

  @Field()
  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'handled_at', nullable: true })
  handledAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { name: 'handled_by', nullable: true })
  handledBy: string | null;
}
