import 'reflect-metadata';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './common/logger';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  sampleDemoAccounts,
  type SampleAccount,
} from './seed/demo-seed';
import { startPlatform, type Platform } from './server';

function banner(config: Config, platform: Platform, samples: SampleAccount[]): string {
  const lines = [
    '',
    '  E-Pairs est prêt.',
    `  Portail des membres : ${platform.url}/`,
    `  Console (E-Pairs, sociétés, binômes) : ${platform.url}/admin/`,
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
      '',
      '  Et, parmi les comptes générés (même mot de passe) :',
      ...samples.map(
        (sample) => `    ${sample.email.padEnd(44)} ${sample.role} — ${sample.detail}`,
      ),
    );
  }
  lines.push('', '  Ctrl-C pour arrêter.', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  let config: Config;
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
  const starting = startPlatform(config, logger);

  // Listening from the start: a Ctrl-C during migrations must still stop PostgreSQL.
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    // Signals may arrive twice (terminal and npm both forward Ctrl-C): one shutdown.
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    starting
      .then((platform) => platform.stop())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => shutdown(signal));
  }

  const platform = await starting;
  const samples = config.seedDemo ? await sampleDemoAccounts(platform.dataSource) : [];
  if (!shuttingDown) console.log(banner(config, platform, samples));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
