import { SELF_EVALUATION_QUESTIONS } from '@epairs/shared';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { MeetingReport } from '../reports/report.entities';
import { annualService } from './annual.service';
import { AnnualSummaryType, SelfEvaluationAnswer, SelfEvaluationAnswerInput } from './annual.types';
import { SelfEvaluation } from './self-evaluation.entity';

@Resolver(() => AnnualSummaryType)
export class AnnualSummaryResolver {
  @Can('read', 'AnnualSummary')
  @Query(() => AnnualSummaryType, {
    description: 'Le document récapitulatif annuel d’un groupe, calculé à partir des données',
  })
  annualSummary(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int) year: number,
  ) {
    return annualService.summary(ctx, groupId, year);
  }

  @FieldResolver(() => String, { description: 'Le récapitulatif en PDF, lien valable 5 minutes' })
  pdfUrl(@Root() summary: AnnualSummaryType, @Ctx() ctx: RequestContext) {
    return annualService.summaryPdfUrl(ctx, summary.groupId, summary.year);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'L’archive ZIP de l’année (comptes-rendus, feuilles, récapitulatif), pour les membres du groupe',
  })
  archiveUrl(@Root() summary: AnnualSummaryType, @Ctx() ctx: RequestContext) {
    return annualService.archiveUrl(ctx, summary.groupId, summary.year);
  }
}

@Resolver(() => SelfEvaluation)
export class SelfEvaluationResolver {
  @Can('read', 'SelfEvaluation')
  @Query(() => SelfEvaluation, {
    nullable: true,
    description: 'L’auto-évaluation annuelle du groupe (null si pas encore commencée)',
  })
  groupSelfEvaluation(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int) year: number,
  ) {
    return annualService.selfEvaluation(ctx, groupId, year);
  }

  @Can('update', 'SelfEvaluation')
  @Mutation(() => SelfEvaluation, {
    description: 'Enregistre les réponses (version lue requise une fois créée)',
  })
  saveSelfEvaluation(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int) year: number,
    @Arg('answers', () => [SelfEvaluationAnswerInput]) answers: SelfEvaluationAnswerInput[],
    @Arg('comment', () => String, { nullable: true }) comment?: string,
    @Arg('version', () => Int, { nullable: true }) version?: number,
  ) {
    return annualService.saveSelfEvaluation(ctx, groupId, year, version, answers, comment ?? '');
  }

  @Can('update', 'SelfEvaluation')
  @Mutation(() => SelfEvaluation, { description: 'Remise ; conservée telle quelle pour l’année' })
  submitSelfEvaluation(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ) {
    return annualService.submitSelfEvaluation(ctx, id, version);
  }

  @FieldResolver(() => [SelfEvaluationAnswer], { description: 'Chaque question et sa note' })
  answers(@Root() evaluation: SelfEvaluation): SelfEvaluationAnswer[] {
    return SELF_EVALUATION_QUESTIONS.map((question) => ({
      code: question.code,
      question: question.fr,
      score: evaluation.answers[question.code] ?? null,
    }));
  }
}

@Resolver(() => MeetingReport)
export class ReportPdfResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Le compte-rendu en PDF, lien valable 5 minutes (si vous en lisez le texte)',
  })
  pdfUrl(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return annualService.reportPdfUrl(ctx, report);
  }
}
