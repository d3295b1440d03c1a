import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { AccessTokens } from './auth/access-tokens';
import type { BackgroundTasks, RequestsInFlight } from './background-tasks';
import type { LoginLimiter } from './auth/login-limiter';
import type { Logger } from './logger';
import type { Mailer } from './mail/mailer';

/** Process-wide collaborators, built once at start and reached through the request context. */
export interface AppServices {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  accessTokens: AccessTokens;
  loginLimiter: LoginLimiter;
  mailer: Mailer;
  background: BackgroundTasks;
  inFlight: RequestsInFlight;
}
