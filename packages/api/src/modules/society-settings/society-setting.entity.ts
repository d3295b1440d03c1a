import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';

@ObjectType({
  description:
    "Seuils d'une société pour une année (réunions, heures, présences, taille des groupes)",
})
@Entity('society_setting')
export class SocietySetting extends VersionedRecord {
  @Field(() => ID)
  @Column('uuid', { name: 'society_id' })
  societyId: string;

  @Field(() => Int)
  @Column('integer')
  year: number;

  @Field(() => Int)
  @Column('integer', { name: 'min_meetings' })
  minMeetings: number;

  @Field(() => Int)
  @Column('integer', { name: 'min_hours' })
  minHours: number;

  @Field(() => Int)
  @Column('integer', { name: 'min_attended' })
  minAttended: number;

  @Field(() => Int)
  @Column('integer', { name: 'min_group_members' })
  minGroupMembers: number;

  @Field(() => Int)
  @Column('integer', { name: 'max_group_members' })
  maxGroupMembers: number;
}
