import PgBoss from 'pg-boss';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { inSeparateSystemTransaction } from '../../common/db/system-transaction';
import type { Logger } from '../../common/logger';
import type { AppServices, JobQueue } from '../../common/services';
import {
  composeMeetingMail,
  loadAudience,
  REMINDER_QUEUE,
  sendEach,
  type MeetingFacts,
  type ReminderJob,
} from './invitations';
import { runSheetClosing, SHEET_CLOSE_QUEUE, type SheetCloseJob } from './sheet-closing';

/**
 * Background jobs on pg-boss 10, in the platform's own PostgreSQL (schema `pgboss`), and the one
 * job this issue needs: meeting reminders. The owner role creates and migrates the schema with the
 * migrations (at a start with RUN_MIGRATIONS, or `cli.js migrate`) and grants the application role
 * what the queue needs (rows, never DDL); the worker and the senders run as the application role.
 * See docs/operations.md.
 */

export const JOB_SCHEMA = 'pgboss';
/** Fixed, as in the migrations' grants. */
const APPLICATION_ROLE = 'epairs_app';

/** Queues and their options, created (or brought up to date) at each start. */
const QUEUES: PgBoss.Queue[] = [
  {
    name: SHEET_CLOSE_QUEUE,
    policy: 'short',
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  },
  {
    name: REMINDER_QUEUE,
    // "short": one queued job per singleton key (meeting and start), however often it is planned.
    policy: 'short',
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  },
];

/** What the application role may do in the job schema: rows only, no DDL, no queue changes. */
const GRANTS = `
  GRANT USAGE ON SCHEMA ${JOB_SCHEMA} TO ${APPLICATION_ROLE};
  GRANT SELECT, UPDATE ON ${JOB_SCHEMA}.version TO ${APPLICATION_ROLE};
  GRANT SELECT ON ${JOB_SCHEMA}.queue TO ${APPLICATION_ROLE};
  GRANT SELECT, INSERT, UPDATE, DELETE ON ${JOB_SCHEMA}.job TO ${APPLICATION_ROLE};
  GRANT SELECT, INSERT, DELETE ON ${JOB_SCHEMA}.archive TO ${APPLICATION_ROLE};
  -- Functions are executable by everyone by default; pg-boss's create and drop queues.
  REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOB_SCHEMA} FROM PUBLIC;
`;

/**
 * Creates or migrates the job schema and its queues as the owner role, then grants the
 * application role its rows. Idempotent; concurrent starts serialise on pg-boss's advisory lock.
 */
export async function prepareJobSchema(ownerUrl: string, logger: Logger): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
    max: 1,
    application_name: 'epairs-jobs-setup',
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job schema setup'));
  await boss.start();
  try {
    for (const queue of QUEUES) {
      // pg-boss completes the options it is given: a copy each time.
      await boss.createQueue(queue.name, { ...queue });
      await boss.updateQueue(queue.name, { ...queue });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const client = new pg.Client({
    connectionString: ownerUrl,
    application_name: 'epairs-jobs-setup',
  });
  await client.connect();
  try {
    await client.query(GRANTS);
  } finally {
    await client.end();
  }
}

/** pg-boss's queries, run on the caller's transaction (the request's, with its settings). */
function inTransaction(manager: EntityManager): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result: unknown = await manager.query(text, values);
      // TypeORM answers rows for SELECT/INSERT and [rows, count] for UPDATE/DELETE.
      const rows = Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result;
      return { rows: Array.isArray(rows) ? rows : [] };
    },
  };
}

/** The platform's job queue and workers, connected as the application role. */
export class PgBossJobs implements JobQueue {
  readonly enabled = true;
  private stopping?: Promise<void>;

  constructor(
    private readonly boss: PgBoss,
    private readonly logger: Logger,
  ) {}

  sendInTransaction(
    manager: EntityManager,
    queue: string,
    data: object,
    options: { startAfter?: Date; singletonKey?: string },
  ): Promise<string | null> {
    return this.boss.send(queue, data, { ...options, db: inTransaction(manager) });
  }

  /** Starts the workers, which need the services (database, mail) built after the jobs. */
  async work(services: AppServices, options: { pollingIntervalSeconds?: number } = {}) {
    await this.boss.work<SheetCloseJob>(
      SHEET_CLOSE_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 15 },
      async ([job]) => {
        if (!job) return;
        const outcome = await runSheetClosing(services, job.data, Date.now(), {
          throwWhenEarly: true,
        });
        this.logger.info({ jobId: job.id, ...job.data, outcome }, 'attendance sheet closing');
        return { outcome };
      },
    );
    await this.boss.work<ReminderJob>(
      REMINDER_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 15 },
      async ([job]) => {
        if (!job) return;
        const outcome = await runMeetingReminder(services, job.data);
        this.logger.info({ jobId: job.id, ...job.data, ...outcome }, 'meeting reminder');
        return outcome;
      },
    );
  }

  /** Waits for running jobs (up to 10 s), then closes the pool. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.boss.stop({ graceful: true, timeout: 10_000, wait: true });
    return this.stopping;
  }
}

/** For tools and tests that run without a job system: nothing is queued. */
export const NO_JOBS: JobQueue = {
  enabled: false,
  sendInTransaction: async () => null,
};

/**
 * Prepares the schema when an owner connection is given (at a start with the migrations),
 * then starts pg-boss as the application role: it refuses to start if the schema is missing or
 * out of date. Maintenance (expiry, archiving) runs in it; cron scheduling is off (unused).
 */
export async function startJobs(options: {
  appUrl: string;
  ownerUrl?: string;
  logger: Logger;
}): Promise<PgBossJobs> {
  if (options.ownerUrl) await prepareJobSchema(options.ownerUrl, options.logger);
  const boss = new PgBoss({
    connectionString: options.appUrl,
    schema: JOB_SCHEMA,
    migrate: false,
    supervise: true,
    schedule: false,
    max: 3,
    application_name: 'epairs-jobs',
  });
  boss.on('error', (error) => options.logger.error({ err: error }, 'background jobs'));
  try {
    await boss.start();
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw new Error(
      `The job schema "${JOB_SCHEMA}" is missing or out of date (${(error as Error).message}): run \`node dist/cli.js migrate\` (MIGRATION_DATABASE_URL), or start once with RUN_MIGRATIONS (docs/operations.md).`,
      { cause: error },
    );
  }
  return new PgBossJobs(boss, options.logger);
}

export type ReminderOutcome =
  | { sent: number; skipped?: undefined }
  | { sent: 0; skipped: 'unknown' | 'cancelled' | 'moved' | 'started' };

interface MeetingRow {
  id: string;
  group_id: string;
  title: string | null;
  starts_at: Date;
  duration_minutes: number;
  mode: MeetingFacts['mode'];
  place: string | null;
  link: string | null;
  status: MeetingFacts['status'];
  cancel_reason: string | null;
  sequence: number;
}

/**
 * The reminder job: e-mails the group's current members who have not declined, unless the
 * meeting was cancelled, moved (a newer job reminds of the new start) or has already started.
 * Exported for the tests, which run it against their database and read the outbox.
 */
export async function runMeetingReminder(
  services: AppServices,
  job: ReminderJob,
  now = Date.now(),
): Promise<ReminderOutcome> {
  const found = await inSeparateSystemTransaction(services.dataSource, async (manager) => {
    const [row] = (await manager.query(
      `SELECT id, group_id, title, starts_at, duration_minutes, mode, place, link, status,
              cancel_reason, sequence
         FROM meeting WHERE id = $1`,
      [job.meetingId],
    )) as MeetingRow[];
    if (!row) return null;
    const meeting: MeetingFacts = {
      id: row.id,
      groupId: row.group_id,
      title: row.title,
      startsAt: new Date(row.starts_at),
      durationMinutes: row.duration_minutes,
      mode: row.mode,
      place: row.place,
      link: row.link,
      status: row.status,
      cancelReason: row.cancel_reason,
      sequence: row.sequence,
    };
    return { meeting, ...(await loadAudience(manager, meeting)) };
  });
  if (!found) return { sent: 0, skipped: 'unknown' };
  const { meeting, groupName, recipients } = found;
  if (meeting.status === 'CANCELLED') return { sent: 0, skipped: 'cancelled' };
  if (meeting.startsAt.toISOString() !== new Date(job.startsAt).toISOString()) {
    return { sent: 0, skipped: 'moved' };
  }
  if (meeting.status !== 'PLANNED' || meeting.startsAt.getTime() <= now) {
    return { sent: 0, skipped: 'started' };
  }
  const messages = recipients
    .filter((recipient) => recipient.answer !== 'NO')
    .map((recipient) => composeMeetingMail(services, meeting, groupName, recipient, 'reminder'));
  const sent = await sendEach(services, messages, { meetingId: meeting.id, job: REMINDER_QUEUE });
  return { sent };
}
