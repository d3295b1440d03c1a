import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { parseArgs } from './cli-args';
import { drawRead, nextRequest, signatureCounts, type LoadPlan } from './load';
import { apiBody, baselinePath, type ReadOperation } from './operations';
import { openBenchDatabase, rssMb, startApi, startBaseline, type Started } from './processes';
import { apiRead, baselineRead, readPool, writePlan } from './run';

/**
 * Where a read's time goes, for working on the API (not the bench's result): for each operation,
 * the mean time of one request at a time, then 32 connections for a few seconds with the CPU time
 * the API process, the baseline process and all PostgreSQL processes spent per request (from
 * /proc, Linux), and the highest resident memory of the process under load (sampled every 250 ms).
 * Uses the data `npm run bench` generated. BENCH_API_NODE_FLAGS passes flags to the API's node.
 *
 *   node packages/bench/dist/probe.js [--ops groups,member,stats,writes] [--duration 8] [--scale 1]
 *     [--plan-share 0.2]   (writes: the share of meetings planned; the rest are first signatures)
 */
const CLOCK_TICKS = 100;

/** CPU seconds per process id, for the processes `keep` selects. */
function cpuSeconds(keep: (command: string, pid: number) => boolean): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!keep(command, Number(entry))) continue;
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      found.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

/** CPU spent between two readings by the processes alive at the second (new ones whole). */
const spent = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, seconds]) => sum + seconds - (before.get(pid) ?? 0), 0);

async function oneAtATime(send: () => Promise<unknown>, count: number): Promise<number> {
  for (let index = 0; index < 20; index += 1) await send();
  const started = process.hrtime.bigint();
  for (let index = 0; index < count; index += 1) await send();
  return Number(process.hrtime.bigint() - started) / 1e6 / count;
}

/** Autocannon on one target; `failed` counts answers that are not a 200 without GraphQL errors. */
function underLoad(
  target: Started,
  path: string,
  request: () => { headers: Record<string, string>; body: string },
  seconds: number,
): Promise<autocannon.Result & { failed: number }> {
  let failed = 0;
  return new Promise((done, fail) => {
    autocannon(
      {
        url: `${target.url}${path}`,
        connections: 32,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (base) => ({ ...base, ...request() }),
            onResponse: (status, body) => {
              if (status !== 200 || body.includes('"errors"')) failed += 1;
            },
          },
        ],
      },
      (error, result) => (error ? fail(error) : done({ ...result, failed })),
    );
  });
}

type Request = () => { headers: Record<string, string>; body: string };

/** 32 connections for `seconds` (after 2 s discarded): rate, CPU per request, highest RSS. */
async function measure(
  target: Started,
  label: string,
  path: string,
  request: Request,
  seconds: number,
) {
  await underLoad(target, path, request, 2);
  signatureCounts.fresh = 0;
  signatureCounts.repeated = 0;
  const postgres = (command: string) => command.startsWith('postgres');
  const own = (_command: string, pid: number) => pid === target.child.pid;
  const [pgBefore, ownBefore] = [cpuSeconds(postgres), cpuSeconds(own)];
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMb(target.child.pid!))), 250);
  const result = await underLoad(target, path, request, seconds).finally(() =>
    clearInterval(sampler),
  );
  const perRequest = (cpu: number) => ((cpu * 1000) / result.requests.total).toFixed(2);
  process.stdout.write(
    `${label} under load: ${result.requests.average.toFixed(0)} req/s, p95 ${result.latency.p97_5} ms (p97.5), ` +
      `CPU per request: process ${perRequest(spent(ownBefore, cpuSeconds(own)))} ms, ` +
      `PostgreSQL ${perRequest(spent(pgBefore, cpuSeconds(postgres)))} ms, ` +
      `RSS at most ${rssMax.toFixed(0)} MB` +
      `${result.failed || result.errors ? `, ${result.failed + result.errors} errors` : ''}\n`,
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scale = Number(args.scale ?? 1);
  const seconds = Number(args.duration ?? 8);
  const ops = (args.ops ?? 'groups,member,stats').split(',') as (ReadOperation | 'writes')[];
  const dataDir = resolve(args['data-dir'] ?? `.data/bench${scale === 1 ? '' : `-${scale}`}`);
  const database = await openBenchDatabase(dataDir);
  const api = await startApi(dataDir, database, { quiet: true });
  const baseline = await startBaseline(database);
  try {
    const pool = await readPool(database, api.url, 500);
    for (const op of ops) {
      if (op === 'writes') {
        // Live meetings enough for ~400 first signatures a second; --plan-share as in the bench.
        const writes = await writePlan(database, api.url, 24, 2 * seconds + 4);
        const plan: LoadPlan = {
          target: 'api',
          url: api.url,
          op,
          connections: 32,
          warmupSeconds: 0,
          durationSeconds: seconds,
          writes: { ...writes, planShare: Number(args['plan-share'] ?? writes.planShare) },
        };
        const request = () => {
          const next = nextRequest(plan);
          return {
            headers: { 'content-type': 'application/json', authorization: `Bearer ${next.token}` },
            body: next.body,
          };
        };
        await measure(api, 'writes, API', '/graphql', request, seconds);
        process.stdout.write(
          `writes: ${signatureCounts.fresh} first signatures, ${signatureCounts.repeated} repeated\n`,
        );
        continue;
      }
      const apiMs = await oneAtATime(() => apiRead(api.url, drawRead(op, pool)), 100);
      const baselineMs = await oneAtATime(
        () => baselineRead(baseline.url, drawRead(op, pool)),
        100,
      );
      process.stdout.write(
        `${op}, one at a time: API ${apiMs.toFixed(2)} ms, baseline ${baselineMs.toFixed(2)} ms\n`,
      );
      for (const target of [api, baseline]) {
        const isApi = target === api;
        const request = (): ReturnType<Request> => {
          const read = drawRead(op, pool);
          return isApi
            ? {
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${read.token}`,
                },
                body: apiBody(read),
              }
            : {
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(read.variables),
              };
        };
        const path = isApi ? '/graphql' : baselinePath(op);
        await measure(target, `${op}, ${isApi ? 'API' : 'baseline'}`, path, request, seconds);
      }
    }
  } finally {
    await api.stop();
    await baseline.stop();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
