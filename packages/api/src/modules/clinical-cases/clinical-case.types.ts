import type { CaseOrigin, DrawMode, LinkStrength, SituationKind } from '@epairs/shared';
import { Field, ID, InputType } from 'type-graphql';
import { DrawModeEnum } from '../groups/group.entities';
import { CaseOriginEnum, LinkStrengthEnum, SituationKindEnum } from './clinical-case.entities';

@InputType({ description: 'Le cas entier, tel que l’auteur l’écrit (sans donnée identifiante)' })
export class ClinicalCaseInput {
  @Field()
  title: string;

  @Field(() => CaseOriginEnum)
  origin: CaseOrigin;

  @Field(() => SituationKindEnum)
  situationKind: SituationKind;

  @Field({ nullable: true, description: 'Situation de travail' })
  workSituation?: string;

  @Field({ nullable: true, description: 'Diagnostic clinique' })
  clinicalDiagnosis?: string;

  @Field({ nullable: true, description: 'Expositions et traçabilité' })
  exposures?: string;

  @Field({ nullable: true, description: 'Argumentaire du lien santé–travail' })
  healthWorkLink?: string;

  @Field(() => LinkStrengthEnum, { nullable: true })
  linkStrength?: LinkStrength;

  @Field({ nullable: true, description: 'Information délivrée et alerte' })
  informationAndAlert?: string;

  @Field({ nullable: true, description: 'Questions soulevées' })
  questionsRaised?: string;

  @Field(() => DrawModeEnum, { nullable: true, description: 'Tiré au sort ou choisi par thème' })
  drawMode?: DrawMode | null;

  @Field(() => [ID], { nullable: true, description: 'Un à trois thèmes ; absent : inchangés' })
  themeIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Sa bibliographie (références du groupe) ; absent : inchangée',
  })
  referenceIds?: string[];
}
