import { z } from 'zod';

const duration = z
  .string()
  .regex(/^\d+(s|m|h|d)$/, 'attendu : un nombre suivi de s, m, h ou d (ex. 15m)')
  .transform((value) => {
    const amount = Number(value.slice(0, -1));
    const unit = value.slice(-1) as 's' | 'm' | 'h' | 'd';
    return amount * { s: 1, m: 60, h: 3600, d: 86400 }[unit];
  });

const optionalPem = z
  .string()
  .optional()
  .transform((value) => (value ? value.replace(/\\n/g, '\n') : undefined))
  .refine((value) => !value || value.includes('-----BEGIN'), 'attendu : une clé PEM');

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1'));

/** Every setting of the API, from the environment, checked once at start (see .env.example). */
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: z.url().optional(),
    MIGRATION_DATABASE_URL: z.url().optional(),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    RUN_MIGRATIONS: booleanFlag,
    SEED_DEMO: booleanFlag,
    JWT_PRIVATE_KEY: optionalPem,
    JWT_PUBLIC_KEY: optionalPem,
    JWT_ISSUER: z.string().min(1).default('epairs-api'),
    JWT_AUDIENCE: z.string().min(1).default('epairs'),
    ACCESS_TOKEN_TTL: duration.default(15 * 60),
    REFRESH_TOKEN_TTL: duration.default(30 * 86400),
    SESSION_MAX_AGE: duration.default(90 * 86400),
    INVITATION_TTL: duration.default(7 * 86400),
    PASSWORD_RESET_TTL: duration.default(3600),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
    LOGIN_WINDOW: duration.default(15 * 60),
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      ),
    TRUST_PROXY: z
      .string()
      .optional()
      .refine(
        (value) => value === undefined || !['true', 'yes'].includes(value.toLowerCase()),
        'donnez le nombre de proxys (ex. 1) ou leurs adresses (ex. loopback, 10.0.0.0/8), pas « true »',
      ),
    SMTP_URL: z.url().optional(),
    MAIL_FROM: z.string().default('E-Pairs <no-reply@e-pairs.org>'),
    OUTBOX_DIR: z.string().optional(),
    REMINDER_DELAY: duration.default(48 * 3600),
    RSVP_LINK_SECRET: z.string().min(32, 'au moins 32 caractères aléatoires').optional(),
    SQL_COUNT_HEADER: booleanFlag,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const key of [
      'DATABASE_URL',
      'JWT_PRIVATE_KEY',
      'JWT_PUBLIC_KEY',
      'PUBLIC_URL',
    ] as const) {
      if (!env[key]) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'obligatoire en production' });
      }
    }
    if (env.DATABASE_URL && !env.MIGRATION_DATABASE_URL && env.RUN_MIGRATIONS !== false) {
      ctx.addIssue({
        code: 'custom',
        path: ['MIGRATION_DATABASE_URL'],
        message: 'obligatoire quand les migrations sont lancées au démarrage (rôle propriétaire)',
      });
    }
  });

export type Env = z.output<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  /** Unset: start the embedded PostgreSQL under `dataDir`. */
  database: { url?: string; migrationUrl?: string; poolSize: number; embeddedPort: number };
  runMigrations: boolean;
  seedDemo: boolean;
  jwt: {
    privateKey?: string;
    publicKey?: string;
    issuer: string;
    audience: string;
    accessTtlSeconds: number;
  };
  refreshTtlSeconds: number;
  /** Absolute lifetime of a login session, however often it is refreshed. */
  sessionMaxAgeSeconds: number;
  invitationTtlSeconds: number;
  passwordResetTtlSeconds: number;
  loginLimits: { perAccount: number; perIp: number; windowSeconds: number };
  corsOrigins: string[];
  /** Express `trust proxy`: false, a hop count, or a comma-separated list of addresses/subnets. */
  trustProxy: false | number | string;
  mail: { smtpUrl?: string; from: string; outboxDir: string };
  sqlCountHeader: boolean;
  /** How long before a meeting its reminder is e-mailed. */
  reminderDelaySeconds: number;
  /** Key material of the e-mailed RSVP links; unset: derived from the JWT private key. */
  rsvpLinkSecret?: string;
}

export class ConfigError extends Error {}

function parseTrustProxy(value: string | undefined): false | number | string {
  if (!value || value === 'false' || value === '0') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Parses the environment once; a bad value stops the start with every problem listed. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  return {
    env: env.NODE_ENV,
    production,
    host: env.HOST,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL,
    dataDir: env.DATA_DIR,
    database: {
      url: env.DATABASE_URL,
      migrationUrl: env.MIGRATION_DATABASE_URL,
      poolSize: env.DB_POOL_SIZE,
      embeddedPort: env.EMBEDDED_PG_PORT,
    },
    runMigrations: env.RUN_MIGRATIONS ?? true,
    seedDemo: env.SEED_DEMO ?? !production,
    jwt: {
      privateKey: env.JWT_PRIVATE_KEY,
      publicKey: env.JWT_PUBLIC_KEY,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTtlSeconds: env.ACCESS_TOKEN_TTL,
    },
    refreshTtlSeconds: env.REFRESH_TOKEN_TTL,
    sessionMaxAgeSeconds: env.SESSION_MAX_AGE,
    invitationTtlSeconds: env.INVITATION_TTL,
    passwordResetTtlSeconds: env.PASSWORD_RESET_TTL,
    loginLimits: {
      perAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perIp: env.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: env.LOGIN_WINDOW,
    },
    corsOrigins: env.CORS_ORIGINS,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    mail: {
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      outboxDir: env.OUTBOX_DIR ?? `${env.DATA_DIR}/outbox`,
    },
    sqlCountHeader: env.SQL_COUNT_HEADER ?? !production,
    reminderDelaySeconds: env.REMINDER_DELAY,
    rsvpLinkSecret: env.RSVP_LINK_SECRET,
  };
}
