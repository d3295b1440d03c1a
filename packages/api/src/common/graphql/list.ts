import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors';

export const MAX_PER_PAGE = 1000;

/** The list grammar of ra-data-graphql-simple: page is 0-based. */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true })
  page?: number;

  @Field(() => Int, { nullable: true })
  perPage?: number;

  @Field(() => String, { nullable: true })
  sortField?: string;

  @Field(() => String, { nullable: true })
  sortOrder?: string;
}

@ObjectType()
export class ListMetadata {
  @Field(() => Int)
  count: number;
}

export interface ListShape {
  /** GraphQL field name → SQL expression it sorts on. */
  sortable: Record<string, string>;
  defaultSort: { field: string; order: 'ASC' | 'DESC' };
  /** Unique column appended to every sort so pages never overlap. */
  tieBreaker: string;
}

/** Applies sort and page to a query builder, refusing unknown fields with a clear error. */
export function applyListArgs<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  args: ListArgs,
  shape: ListShape,
): SelectQueryBuilder<T> {
  const sortField = args.sortField ?? shape.defaultSort.field;
  const expression = shape.sortable[sortField];
  if (!expression) {
    throw badInput(
      'sortField',
      `Tri impossible sur « ${sortField} ». Champs possibles : ${Object.keys(shape.sortable).join(', ')}.`,
    );
  }
  const requested = (args.sortOrder ?? shape.defaultSort.order).toUpperCase();
  if (requested !== 'ASC' && requested !== 'DESC') {
    throw badInput('sortOrder', 'Le sens du tri doit être ASC ou DESC.');
  }
  query.orderBy(expression, requested).addOrderBy(shape.tieBreaker, requested);
  if (args.perPage !== undefined && args.perPage !== null) {
    if (args.perPage < 1 || args.perPage > MAX_PER_PAGE) {
      throw badInput(
        'perPage',
        `Le nombre d'éléments par page doit être entre 1 et ${MAX_PER_PAGE}.`,
      );
    }
    const page = args.page ?? 0;
    if (page < 0) throw badInput('page', 'Le numéro de page ne peut être négatif.');
    query.limit(args.perPage).offset(page * args.perPage);
  } else {
    query.limit(MAX_PER_PAGE);
  }
  return query;
}
