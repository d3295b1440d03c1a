import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureData,
  openBenchDatabase,
  startApi,
  startBaseline,
  type Started,
} from '../src/processes';

/** Scale 0.07: 3,500 members, 350 groups (105 in the largest society), 14,000 meetings. */
export const TEST_SCALE = 0.07;
export const TEST_SEED = 42;

export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'epairs-bench-test-'));
  const database = await openBenchDatabase(dataDir);
  const data = await ensureData(dataDir, database, { scale: TEST_SCALE, seed: TEST_SEED });
  const started: Started[] = [];
  try {
    started.push(await startApi(dataDir, database, { quiet: true }));
    started.push(await startBaseline(database));
  } catch (error) {
    for (const process of started) await process.stop();
    await database.stop();
    throw error;
  }
  const [api, baseline] = started as [Started, Started];
  process.env.BENCH_TEST_DATA_DIR = dataDir;
  process.env.BENCH_TEST_SUPERUSER_URL = database.superuserUrl;
  process.env.BENCH_TEST_APP_URL = database.appUrl;
  process.env.BENCH_TEST_OWNER_URL = database.ownerUrl;
  process.env.BENCH_TEST_API_URL = api.url;
  process.env.BENCH_TEST_BASELINE_URL = baseline.url;
  process.env.BENCH_TEST_COUNTS = JSON.stringify(data.counts);
  (globalThis as { __bench?: { stop(): Promise<void> } }).__bench = {
    async stop() {
      for (const process of started) await process.stop();
      await database.stop();
    },
  };
}
