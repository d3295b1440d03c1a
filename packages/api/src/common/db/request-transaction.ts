import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { PoolClient, QueryResult } from 'pg';
import { isUuid } from '../validation';
import type { QueryRunnerData } from './data-source';
import { prepareStatementsOn } from './prepared-statements';

export type Scope = 'system' | 'federation' | 'user' | 'anonymous' | 'directory';

/** What the row-level policies read (see the foundation migration). */
export interface SessionSettings {
  userId: string | null;
  scope: Scope;
  /** The person's member row, for the self-read policies (null: no member profile). */
  memberId: string | null;
  societyIds: readonly string[];
  adminSocietyIds: readonly string[];
  groupIds: readonly string[];
  relayGroupIds: readonly string[];
  binomeGroupIds: readonly string[];
}

export const NO_GROUPS = { groupIds: [], relayGroupIds: [], binomeGroupIds: [] } as const;

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Sibling resolvers run in parallel and share the request's one connection; pg would queue their
 * statements itself, but that is deprecated (gone in pg 9). Queue them here, in call order.
 */
function serializeQueries(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const result = previous.then(() => query(...args));
    previous = result.catch(() => undefined);
    return result;
  }) as QueryRunner['query'];
}

/**
 * One request, one transaction, opened on first use. Its settings are local to the transaction
 * (`set_config(..., true)`), so a pooled connection never carries one request's tenant into the
 * next. Committed or rolled back by the Apollo plugin before the response leaves.
 */
export class RequestTransaction {
  readonly data: QueryRunnerData = { sqlStatements: 0 };
  private opening?: Promise<QueryRunner>;
  private readonly afterCommitTasks: (() => Promise<void>)[] = [];
  private readonly afterEndTasks: (() => Promise<void>)[] = [];

  constructor(private readonly dataSource: DataSource) {}

  get statementCount(): number {
    return this.data.sqlStatements ?? 0;
  }

  get isOpen(): boolean {
    return this.opening !== undefined;
  }

  private open(): Promise<QueryRunner> {
    return this.opening ?? this.begin((runner) => runner.startTransaction());
  }

  private async connect(): Promise<{ runner: QueryRunner; client: PoolClient }> {
    const runner = this.dataSource.createQueryRunner();
    runner.data = this.data;
    serializeQueries(runner);
    try {
      const client = (await runner.connect()) as PoolClient;
      prepareStatementsOn(client);
      return { runner, client };
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  /**
   * Opens the transaction with `begin`. On failure the connection goes back to the pool rolled
   * back (a failed statement after `START TRANSACTION` leaves the transaction open and aborted),
   * or is destroyed when even that fails.
   */
  private begin(begin: (runner: QueryRunner, client: PoolClient) => Promise<void>) {
    this.opening = this.connect().then(async ({ runner, client }) => {
      try {
        await begin(runner, client);
      } catch (error) {
        const clean = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        if (!clean) client.release(true);
        else await runner.release();
        throw error;
      }
      return runner;
    });
    return this.opening;
  }

  /**
   * Opens the transaction with the person's session (`app.open_session`, which sets the row-level
   * settings and returns the session row): `BEGIN` and the call go in one message, one round trip
   * instead of two (each costs more CPU than the statement itself on loopback, see
   * docs/benchmarks.md). Within an open transaction (a login re-reads the session), just the call.
   */
  async openSession(userId: string, sessionId: string): Promise<unknown> {
    // Inlined because a multi-statement message takes no parameters: only well-formed ids.
    if (!isUuid(userId) || !isUuid(sessionId)) return null;
    const call = `SELECT app.open_session('${userId}'::uuid, '${sessionId}'::uuid) AS session`;
    if (this.opening) {
      const runner = await this.opening;
      const [row] = (await runner.query(call)) as { session: unknown }[];
      return row?.session ?? null;
    }
    let session: unknown = null;
    await this.begin(async (runner, client) => {
      this.data.sqlStatements = (this.data.sqlStatements ?? 0) + 2;
      const results = (await client.query(`START TRANSACTION; ${call}`)) as unknown as QueryResult<{
        session: unknown;
      }>[];
      // As runner.startTransaction() would, so TypeORM sees the transaction (save() opens none).
      Object.assign(runner, { isTransactionActive: true, transactionDepth: 1 });
      session = results[1]?.rows[0]?.session ?? null;
    });
    return session;
  }

  async manager(): Promise<EntityManager> {
    return (await this.open()).manager;
  }

  async apply(settings: SessionSettings): Promise<void> {
    const runner = await this.open();
    await runner.query(
      `SELECT set_config('app.user_id', $1, true), set_config('app.scope', $2, true),
              set_config('app.society_ids', $3, true), set_config('app.admin_society_ids', $4, true),
              set_config('app.group_ids', $5, true), set_config('app.relay_group_ids', $6, true),
              set_config('app.binome_group_ids', $7, true), set_config('app.member_id', $8, true)`,
      [
        settings.userId ?? '',
        settings.scope,
        uuidArray(settings.societyIds),
        uuidArray(settings.adminSocietyIds),
        uuidArray(settings.groupIds),
        uuidArray(settings.relayGroupIds),
        uuidArray(settings.binomeGroupIds),
        settings.memberId ?? '',
      ],
    );
  }

  /** Work that must happen only once the data is saved (e-mail); run after the response. */
  afterCommit(task: () => Promise<void>): void {
    this.afterCommitTasks.push(task);
  }

  /** Work for once the transaction has ended either way, before the response leaves. */
  afterEnd(task: () => Promise<void>): void {
    this.afterEndTasks.push(task);
  }

  /**
   * Commits (or rolls back) and releases the connection; safe to call more than once. Returns
   * the after-commit work to start (nothing after a rollback).
   */
  async finish(commit: boolean): Promise<(() => Promise<void>)[]> {
    const opening = this.opening;
    this.opening = undefined;
    const runner = await opening?.catch(() => undefined);
    try {
      if (runner) await this.end(runner, commit);
    } finally {
      for (const task of this.afterEndTasks.splice(0)) await task();
    }
    const afterCommit = this.afterCommitTasks.splice(0);
    return commit ? afterCommit : [];
  }

  private async end(runner: QueryRunner, commit: boolean): Promise<void> {
    try {
      if (runner.isTransactionActive) {
        if (commit) await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }
}
