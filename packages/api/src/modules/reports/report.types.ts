import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Member } from '../members/member.entity';

@InputType({ description: 'Le texte entier du compte-rendu (sans donnée identifiante)' })
export class MeetingReportInput {
  @Field({ nullable: true, description: 'Les cas présentés' })
  casesDiscussed?: string;

  @Field({ nullable: true, description: 'Les problèmes identifiés' })
  problemsIdentified?: string;

  @Field({ nullable: true, description: 'Les réponses du groupe' })
  groupAnswers?: string;

  @Field({ nullable: true, description: 'Les points d’accord' })
  agreementPoints?: string;

  @Field({ nullable: true, description: 'Les points de désaccord (divergences)' })
  disagreementPoints?: string;

  @Field(() => [ID], {
    nullable: true,
    description: 'Les références utilisées (de la bibliothèque du groupe) ; absent : inchangées',
  })
  referenceIds?: string[];
}

@ObjectType({ description: 'Une version validée du compte-rendu, conservée telle quelle' })
export class MeetingReportEdition {
  @Field(() => Int)
  edition: number;

  @Field(() => Int, { description: 'La révision du texte validée' })
  textVersion: number;

  @Field()
  writtenAt: Date;

  @Field()
  casesDiscussed: string;

  @Field()
  problemsIdentified: string;

  @Field()
  groupAnswers: string;

  @Field()
  agreementPoints: string;

  @Field()
  disagreementPoints: string;
}

@ObjectType({ description: 'Un présent (d’après la feuille signée) et son approbation' })
export class ReportAttendee {
  @Field(() => ID)
  memberId: string;

  @Field(() => String, { nullable: true, description: 'Prénom et nom, tels que sur la feuille' })
  name: string | null;

  @Field(() => Member, { nullable: true, description: 'Le profil, si vous pouvez le lire' })
  member: Member | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Approbation de la révision en cours, le cas échéant',
  })
  approvedAt: Date | null;
}
