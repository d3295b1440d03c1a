import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import cors from 'cors';
import express, { type Request } from 'express';
import helmet from 'helmet';
import pg from 'pg';
import { pinoHttp } from 'pino-http';
import type { DataSource } from 'typeorm';
import { adminConsoleRouter, memberPortalRouter } from './web-apps';
import type { Config } from './config';
import { AccessTokens, type AccessClaims } from './common/auth/access-tokens';
import type { SigningKeys } from './common/auth/keys';
import { LoginLimiter, SigningLimiter } from './common/auth/login-limiter';
import { BackgroundTasks, RequestsInFlight } from './common/background-tasks';
import { RequestTransaction } from './common/db/request-transaction';
import { formatError } from './common/graphql/format-error';
import { transactionPlugin } from './common/graphql/transaction-plugin';
import type { Logger } from './common/logger';
import { Mailer } from './common/mail/mailer';
import { RequestContext } from './common/request-context';
import type { AppServices, JobQueue } from './common/services';
import { documentsRouter } from './modules/attestations/documents.routes';
import { annualDocumentsRouter } from './modules/annual-documents/annual.routes';
import { NO_JOBS } from './modules/meetings/reminders';
import { RsvpLinks, rsvpLinkRouter } from './modules/meetings/rsvp-link';
import { buildAppSchema } from './schema';

/** Limits on what one query may ask for; see docs/security.md. */
export const QUERY_LIMITS = { maxDepth: 8, maxAliases: 10, maxCost: 5000, maxTokens: 2000 };

const REQUEST_ID = /^[\w.-]{8,80}$/;

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** Connected as the application role (never the owner). */
  dataSource: DataSource;
  keys: SigningKeys;
  /** Background jobs (started by server.ts); absent: nothing is queued (tools, most tests). */
  jobs?: JobQueue;
}

export interface RunningApp {
  server: http.Server;
  services: AppServices;
  /** Stops taking requests, finishes those in flight, closes pools. Idempotent. */
  stop(): Promise<void>;
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? '';
}

export async function createApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger, dataSource } = options;
  const limiterPool = new pg.Pool({
    connectionString: config.database.url,
    max: 3,
    application_name: 'epairs-login-limiter',
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  limiterPool.on('error', (error) => logger.warn({ err: error }, 'login limiter pool'));
  const services: AppServices = {
    config,
    logger,
    dataSource,
    accessTokens: new AccessTokens(options.keys, {
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ttlSeconds: config.jwt.accessTtlSeconds,
    }),
    loginLimiter: new LoginLimiter(limiterPool, config.loginLimits),
    signingLimiter: new SigningLimiter(limiterPool),
    mailer: new Mailer(config.mail, logger, { logLinks: !config.production }),
    background: new BackgroundTasks(logger),
    inFlight: new RequestsInFlight(),
    jobs: options.jobs ?? NO_JOBS,
    rsvpLinks: new RsvpLinks(config.rsvpLinkSecret ?? options.keys.privateKey, config.publicUrl),
  };

  const app = express();
  const server = http.createServer(app);
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  // A request id from the client is taken only behind a trusted proxy: it is written to the audit
  // log, which clients must not be able to forge.
  app.use((request, response, next) => {
    const incoming = config.trustProxy ? request.headers['x-request-id'] : undefined;
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    request.headers['x-request-id'] = id;
    response.setHeader('x-request-id', id);
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (request) => request.headers['x-request-id'] as string,
      autoLogging: { ignore: (request) => request.url === '/healthz' || request.url === '/readyz' },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          // Without the query: e-mailed links carry their token there (/rsvp?token=…).
          url: request.url.split('?')[0],
        }),
      },
    }),
  );
  app.use(helmet());
  app.use(
    cors({
      origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    }),
  );

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    try {
      await dataSource.query('SELECT 1');
      response.json({ status: 'ok', database: 'ok' });
    } catch {
      response.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  const apollo = new ApolloServer<RequestContext>({
    schema: await buildAppSchema(),
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: true,
    csrfPrevention: true,
    // main.ts owns shutdown: drain HTTP, then close the pools and PostgreSQL, in that order.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      transactionPlugin({ sqlCountHeader: config.sqlCountHeader }),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of GraphQL answers (they are per person); the default plugin would still
      // wrap every field's resolver to compute cache hints nobody reads.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    express.json({ limit: '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const token = bearerToken(req);
        let claims: AccessClaims | null = null;
        if (token !== null) claims = services.accessTokens.verify(token);
        return new RequestContext(
          services,
          new RequestTransaction(dataSource),
          req.headers['x-request-id'] as string,
          req.ip ?? 'unknown',
          req.headers['user-agent'] ?? null,
          claims,
        );
      },
    }),
  );

  app.use(documentsRouter(services, options.keys));
  app.use(annualDocumentsRouter(services));
  app.use(rsvpLinkRouter(services));
  app.use(adminConsoleRouter(logger));
  app.use(memberPortalRouter(logger));

  app.use((_request, response) => {
    response.status(404).json({ error: 'NOT_FOUND', message: 'Ressource introuvable.' });
  });

  let stopping: Promise<void> | undefined;
  return {
    server,
    services,
    stop: () =>
      (stopping ??= (async () => {
        await apollo.stop();
        await services.inFlight.whenIdle(10_000);
        await services.background.drain();
        await limiterPool.end();
      })()),
  };
}
