import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const database = (globalThis as { __epairsDatabase?: { stop(): Promise<void> } })
    .__epairsDatabase;
  await database?.stop();
  if (process.env.EPAIRS_TEST_DATA_DIR) {
    await rm(process.env.EPAIRS_TEST_DATA_DIR, { recursive: true, force: true });
  }
}
