import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { VersionedRecord } from '../../common/db/versioned-record';

@ObjectType({
  description: 'Thème (orientations prioritaires nationales) ; des données, pas du code',
})
@Entity('theme')
export class Theme extends VersionedRecord {
  @Field()
  @Column('text')
  code: string;

  @Field()
  @Column('text', { name: 'label_fr' })
  labelFr: string;

  @Field()
  @Column('text', { name: 'label_en' })
  labelEn: string;

  @Field(() => String, { nullable: true, description: 'ex. 2023-2025' })
  @Column('text', { nullable: true })
  period: string | null;

  @Field()
  @Column('boolean')
  active: boolean;

  @Field(() => Int)
  @Column('integer', { name: 'sort_order' })
  sortOrder: number;
}
