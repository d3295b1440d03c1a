import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __bench?: { stop(): Promise<void> } }).__bench?.stop();
  if (process.env.BENCH_TEST_DATA_DIR) {
    await rm(process.env.BENCH_TEST_DATA_DIR, { recursive: true, force: true });
  }
}
