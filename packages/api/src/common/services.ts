import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../config';
import type { AccessTokens } from './auth/access-tokens';
import type { BackgroundTasks, RequestsInFlight } from './background-tasks';
import type { LoginLimiter, SigningLimiter } from './auth/login-limiter';
import type { Logger } from './logger';
import type { Mailer } from './mail/mailer';
import type { RsvpLinks } from '../modules/meetings/rsvp-link';

/** Background jobs (pg-boss on the same PostgreSQL); see docs/operations.md. */
export interface JobQueue {
  /** False when no job system runs (tools, most tests): nothing is queued then. */
  readonly enabled: boolean;
  /**
   * Queues a job inside the caller's transaction, so it exists only if that transaction commits.
   * Returns its id, or null when the queue already holds one with the same singleton key.
   */
  sendInTransaction(
    manager: EntityManager,
    queue: string,
    data: object,
    options: { startAfter?: Date; singletonKey?: string },
  ): Promise<string | null>;
}

/** Process-wide collaborators, built once at start and reached through the request context. */
export interface AppServices {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  accessTokens: AccessTokens;
  loginLimiter: LoginLimiter;
  signingLimiter: SigningLimiter;
  mailer: Mailer;
  background: BackgroundTasks;
  inFlight: RequestsInFlight;
  jobs: JobQueue;
  /** Signs and checks the RSVP links of invitation e-mails. */
  rsvpLinks: RsvpLinks;
}
