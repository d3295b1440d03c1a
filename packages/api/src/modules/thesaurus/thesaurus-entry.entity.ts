import type { ThesaurusEntryStatus } from '@epairs/shared';
import { THESAURUS_ENTRY_STATUSES } from '@epairs/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';
import { graphqlEnum } from '../../common/graphql/enums';

export const ThesaurusEntryStatusEnum = graphqlEnum(
  THESAURUS_ENTRY_STATUSES,
  'ThesaurusEntryStatus',
  'Proposé par le binôme, publié avec l’accord du groupe, retiré',
);

@ObjectType({
  description:
    'Repère professionnel tiré d’un accompagnement : du groupe et de son binôme tant qu’il est proposé, de toute la fédération une fois publié',
})
@Entity('thesaurus_entry')
export class ThesaurusEntry extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => ID, { description: 'Le groupe dont l’accompagnement est à l’origine du repère' })
  @Column('uuid', { name: 'group_id' })
  groupId: string;

  @Field(() => ID, { description: 'Le correspondant du binôme qui l’a proposé' })
  @Column('uuid', { name: 'proposed_by_user_id' })
  proposedByUserId: string;

  @Field(() => ThesaurusEntryStatusEnum)
  @Column('text')
  status: ThesaurusEntryStatus;

  @Field()
  @Column('text')
  title: string;

  @Field({ description: 'Le repère : l’enseignement tiré de l’accompagnement' })
  @Column('text')
  lesson: string;

  @Field({ description: 'Le contexte, anonymisé' })
  @Column('text')
  context: string;

  @Field(() => ID, {
    nullable: true,
    description: 'La personne-relais qui a donné l’accord du groupe (une fois publié)',
  })
  @Column('uuid', { name: 'agreed_by_member_id', nullable: true })
  agreedByMemberId: string | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;
}
