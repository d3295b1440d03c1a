import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './common/logger';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo-seed';
import { startPlatform } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const platform = await startPlatform(config, logger);

  const lines = [
    '',
    '  E-Pairs est prêt.',
    `  API GraphQL : ${platform.url}/graphql`,
    `  Santé       : ${platform.url}/healthz  ·  ${platform.url}/readyz`,
    platform.embedded
      ? `  Base        : PostgreSQL embarqué, données dans ${config.dataDir}/pg`
      : '  Base        : DATABASE_URL',
  ];
  if (config.seedDemo) {
    lines.push(
      '',
      `  Comptes de démonstration (mot de passe : ${DEMO_PASSWORD})${platform.seeded ? '' : ' — déjà créés lors d’un démarrage précédent'} :`,
      ...DEMO_ACCOUNTS.map((account) => `    ${account.email.padEnd(36)} ${account.purpose}`),
    );
  }
  lines.push('', '  Ctrl-C pour arrêter.', '');
  console.log(lines.join('\n'));

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    platform
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
