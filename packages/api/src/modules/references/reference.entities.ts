import type { ReferenceKind } from '@epairs/shared';
import { REFERENCE_KINDS } from '@epairs/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';
import { graphqlEnum } from '../../common/graphql/enums';

export const ReferenceKindEnum = graphqlEnum(
  REFERENCE_KINDS,
  'ReferenceKind',
  'Référence scientifique, réglementaire ou recommandation de pratique',
);

@ObjectType({
  description: 'Référence de la bibliothèque du groupe, réutilisée d’un travail à l’autre',
})
@Entity('reference')
export class Reference extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID)
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => ReferenceKindEnum)
  @Column('text')
  kind: ReferenceKind;

  @Field({ description: 'La citation (auteurs, titre, source)' })
  @Column('text')
  citation: string;

  @Field(() => Int, { nullable: true })
  @Column('integer', { nullable: true })
  year: number | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  doi: string | null;

  @Field(() => ID)
  @Column('uuid', { name: 'added_by_member_id' })
  addedByMemberId: string;
}

/** A reference used by one case, report or answer to an open question. */
@Entity('reference_link')
export class ReferenceLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'reference_id' })
  referenceId: string;

  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Column('uuid', { name: 'report_id', nullable: true })
  reportId: string | null;

  @Column('uuid', { name: 'question_id', nullable: true })
  questionId: string | null;

  @Column({ type: 'timestamptz', name: 'linked_at', insert: false, update: false })
  linkedAt: Date;
}
