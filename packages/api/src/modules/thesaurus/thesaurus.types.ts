import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ThesaurusEntry } from './thesaurus-entry.entity';

@InputType({ description: 'Le repère tel que le binôme l’écrit (sans donnée identifiante)' })
export class ThesaurusEntryInput {
  @Field()
  title: string;

  @Field({ description: 'Le repère : l’enseignement tiré de l’accompagnement' })
  lesson: string;

  @Field({ nullable: true, description: 'Le contexte, anonymisé' })
  context?: string;

  @Field(() => [ID], { description: 'Un à trois thèmes' })
  themeIds: string[];
}

@ObjectType({
  description:
    'Un morceau de texte, trouvé par la recherche ou non : à afficher comme texte, jamais comme HTML',
})
export class HighlightSegment {
  @Field()
  text: string;

  @Field()
  highlighted: boolean;
}

@ObjectType({ description: 'Un repère trouvé, avec sa pertinence et les passages qui répondent' })
export class ThesaurusSearchHit {
  @Field(() => ThesaurusEntry)
  entry: ThesaurusEntry;

  @Field(() => Float, {
    description: 'Pertinence (le titre compte plus que le repère, lui plus que le contexte)',
  })
  rank: number;

  @Field(() => [HighlightSegment], { description: 'Le titre, mots trouvés marqués' })
  titleHighlight: HighlightSegment[];

  @Field(() => [HighlightSegment], {
    description: 'Un ou deux extraits du repère et du contexte, mots trouvés marqués',
  })
  excerpt: HighlightSegment[];
}

@ObjectType({ description: 'Une page de résultats, les plus pertinents d’abord' })
export class ThesaurusSearchResult {
  @Field(() => Int, { description: 'Nombre total de repères trouvés' })
  total: number;

  @Field(() => Int, { description: 'Numéro de page, à partir de 0' })
  page: number;

  @Field(() => Int)
  perPage: number;

  @Field(() => [ThesaurusSearchHit])
  hits: ThesaurusSearchHit[];
}
