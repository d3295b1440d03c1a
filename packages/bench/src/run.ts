import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { parseArgs } from './cli-args';
import { adminEmail, BENCH_PASSWORD, FEDERATION_EMAIL } from './generate';
import {
  drawRead,
  type LoadPlan,
  type LoadResult,
  type ReadPoolSpec,
  type WritePlan,
} from './load';
import {
  apiBody,
  BENCH_MEETING_TITLE,
  baselinePath,
  PER_PAGE,
  type ReadOperation,
  type ReadRequest,
} from './operations';
import {
  ensureData,
  openBenchDatabase,
  rssMb,
  startApi,
  startBaseline,
  type BenchDatabase,
  type Started,
} from './processes';

const log = (message: string) => process.stdout.write(`${message}\n`);
const yearInParis = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format());

/** Nesting depth of each read operation's GraphQL query (root field = 1). */
export const DEPTH: Record<ReadOperation, number> = { groups: 3, member: 3, stats: 1 };

export async function login(apiUrl: string, email: string): Promise<string> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`,
      variables: { email, password: BENCH_PASSWORD },
    }),
  });
  const body = (await response.json()) as { data?: { login?: { accessToken: string } } };
  if (!body.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(body)}`);
  return body.data.login.accessToken;
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>) {
  const results: R[] = [];
  for (let index = 0; index < items.length; index += size) {
    results.push(...(await Promise.all(items.slice(index, index + size).map(work))));
  }
  return results;
}

/** One read through the API: its data and its SQL statement count. */
export async function apiRead(apiUrl: string, request: ReadRequest) {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${request.token}` },
    body: apiBody(request),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  return { body, sql: Number(response.headers.get('x-sql-statements') ?? NaN) };
}

export async function baselineRead(baselineUrl: string, request: ReadRequest) {
  const response = await fetch(`${baselineUrl}${baselinePath(request.op)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request.variables),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

/** Who asks what: the federation pages groups; each society's administrator its members and figures. */
export async function readPool(
  database: BenchDatabase,
  apiUrl: string,
  sampleMembers = 2000,
): Promise<ReadPoolSpec> {
  const admin = new pg.Client({ connectionString: database.superuserUrl });
  await admin.connect();
  try {
    const societies = (await admin.query(`SELECT id, code FROM society ORDER BY code`)).rows as {
      id: string;
      code: string;
    }[];
    const tokens = new Map<string, string>();
    for (const society of societies) {
      tokens.set(society.id, await login(apiUrl, adminEmail(society.code)));
    }
    const { groups } = (await admin.query(`SELECT count(*)::int AS groups FROM peer_group`))
      .rows[0] as { groups: number };
    await admin.query(`SELECT setseed(0.42)`);
    const members = (
      await admin.query(
        `SELECT id, society_id FROM (SELECT id, society_id FROM member ORDER BY id) m ORDER BY random() LIMIT $1`,
        [sampleMembers],
      )
    ).rows as { id: string; society_id: string }[];
    return {
      year: yearInParis(),
      pages: Math.ceil(groups / PER_PAGE),
      perPage: PER_PAGE,
      federationToken: await login(apiUrl, FEDERATION_EMAIL),
      members: members.map((member) => ({
        id: member.id,
        token: tokens.get(member.society_id)!,
      })),
      societies: societies.map((society) => ({ id: society.id, token: tokens.get(society.id)! })),
    };
  } finally {
    await admin.end();
  }
}

/**
 * Meetings happening now (inserted as the superuser, as if planned earlier) in a few groups,
 * with every member signed in, and their relay persons, for the write mix. Each group holds
 * `meetingsPerGroup` of them at once (a bench's liberty): every (meeting, member) pair is one
 * first signature, so the load signs for real instead of repeating double taps.
 */
export async function writePlan(
  database: BenchDatabase,
  apiUrl: string,
  groups: number,
  meetingsPerGroup = 1,
) {
  const admin = new pg.Client({ connectionString: database.superuserUrl });
  await admin.connect();
  try {
    const chosen = (
      await admin.query(
        `SELECT id, society_id FROM peer_group WHERE status = 'ACTIVE' ORDER BY md5(id::text) LIMIT $1`,
        [groups],
      )
    ).rows as { id: string; society_id: string }[];
    const meetings: WritePlan['meetings'] = [];
    const relays: WritePlan['relays'] = [];
    for (const group of chosen) {
      const secrets = Array.from({ length: meetingsPerGroup }, () => randomBytes(32));
      const { rows: inserted } = await admin.query(
        `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, mode, place, status, signing_secret, title)
         SELECT $1, $2, now() - interval '10 minutes', 240, 'IN_PERSON', 'Salle de réunion', 'PLANNED', secret, $4
           FROM unnest($3::bytea[]) AS secret
         RETURNING id, signing_secret`,
        [group.society_id, group.id, secrets, BENCH_MEETING_TITLE],
      );
      const people = (
        await admin.query(
          `SELECT u.email, gm.role FROM group_membership gm JOIN member m ON m.id = gm.member_id
             JOIN user_account u ON u.id = m.user_id WHERE gm.group_id = $1 AND gm.left_on IS NULL`,
          [group.id],
        )
      ).rows as { email: string; role: string }[];
      const tokens = await inBatches(people, 4, (person) => login(apiUrl, person.email));
      for (const meeting of inserted as { id: string; signing_secret: Buffer }[]) {
        meetings.push({
          id: meeting.id,
          secretHex: meeting.signing_secret.toString('hex'),
          signerTokens: tokens,
        });
      }
      people.forEach((person, index) => {
        if (person.role === 'RELAY') relays.push({ groupId: group.id, token: tokens[index]! });
      });
    }
    return { meetings, relays, planShare: 0.2 };
  } finally {
    await admin.end();
  }
}

/**
 * Removes what the write mix wrote (the live meetings, those it planned, their signatures, roles
 * and answers), so that every run starts from the generated data. Audit events and sessions stay.
 */
export async function removeWriteData(database: BenchDatabase): Promise<number> {
  const admin = new pg.Client({ connectionString: database.superuserUrl });
  await admin.connect();
  try {
    await admin.query('BEGIN');
    await admin.query(
      `DELETE FROM attendance WHERE meeting_id IN (SELECT id FROM meeting WHERE title = $1)`,
      [BENCH_MEETING_TITLE],
    );
    const { rowCount } = await admin.query(`DELETE FROM meeting WHERE title = $1`, [
      BENCH_MEETING_TITLE,
    ]);
    await admin.query('COMMIT');
    return rowCount ?? 0;
  } catch (error) {
    await admin.query('ROLLBACK');
    throw error;
  } finally {
    await admin.end();
  }
}

function runLoad(plan: LoadPlan, dataDir: string, watchPid?: number) {
  return new Promise<LoadResult & { rssMaxMb?: number }>((done, fail) => {
    const planPath = join(dataDir, `plan-${plan.target}-${plan.op}.json`);
    void writeFile(planPath, JSON.stringify(plan)).then(() => {
      let rssMax = 0;
      const sampler = watchPid
        ? setInterval(() => (rssMax = Math.max(rssMax, rssMb(watchPid))), 250)
        : undefined;
      const child = spawn(process.execPath, [join(__dirname, 'load.js'), planPath], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('exit', (code) => {
        if (sampler) clearInterval(sampler);
        if (code !== 0) return fail(new Error(`load process exited with ${code}`));
        const result = JSON.parse(output.trim().split('\n').pop()!) as LoadResult;
        done({ ...result, ...(watchPid ? { rssMaxMb: rssMax } : {}) });
      });
    });
  });
}

/** API and baseline must agree before anything is measured. */
export async function checkSameData(
  api: Started,
  baseline: Started,
  pool: ReadPoolSpec,
  samples: number,
): Promise<{ op: ReadOperation; checked: number }[]> {
  const report = [];
  for (const op of ['groups', 'member', 'stats'] as const) {
    for (let index = 0; index < samples; index += 1) {
      const request = drawRead(op, pool);
      const [fromApi, fromBaseline] = await Promise.all([
        apiRead(api.url, request),
        baselineRead(baseline.url, request),
      ]);
      if (fromApi.body.errors || !isDeepStrictEqual(fromApi.body, fromBaseline)) {
        throw new Error(
          `API and baseline differ on ${op} ${JSON.stringify(request.variables)}:\n` +
            `API      ${JSON.stringify(fromApi.body).slice(0, 1500)}\nbaseline ${JSON.stringify(fromBaseline).slice(0, 1500)}`,
        );
      }
    }
    report.push({ op, checked: samples });
  }
  return report;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scale = Number(args.scale ?? 1);
  const seed = Number(args.seed ?? 42);
  const connections = Number(args.connections ?? 32);
  const warmupSeconds = Number(args.warmup ?? 5);
  const durationSeconds = Number(args.duration ?? 20);
  const rounds = Number(args.rounds ?? 2);
  const dataDir = resolve(args['data-dir'] ?? `.data/bench${scale === 1 ? '' : `-${scale}`}`);
  const docsDir = args.docs ? resolve(args.docs) : null;
  log(`[bench] scale ${scale}, seed ${seed}, database in ${dataDir}`);
  const database = await openBenchDatabase(dataDir);
  const started: Started[] = [];
  try {
    const data = await ensureData(dataDir, database, { scale, seed, log });
    log(
      `[bench] data ${data.reused ? 'reused' : `generated in ${data.seconds.toFixed(1)} s`}: ${JSON.stringify(data.counts)}`,
    );
    if (args['generate-only']) return;
    const api = await startApi(dataDir, database);
    started.push(api);
    log(`[bench] API ready in ${api.readyMs} ms (pid ${api.child.pid})`);
    const baseline = await startBaseline(database);
    started.push(baseline);
    const pool = await readPool(database, api.url);
    const same = await checkSameData(api, baseline, pool, Number(args.samples ?? 20));
    log(`[bench] API and baseline agree: ${JSON.stringify(same)}`);

    const sql: Record<string, number> = {};
    for (const op of ['groups', 'member', 'stats'] as const) {
      sql[op] = (await apiRead(api.url, drawRead(op, pool))).sql;
    }
    const sqlPerPage: Record<string, number> = {};
    for (const perPage of [10, 100]) {
      sqlPerPage[perPage] = (
        await apiRead(api.url, drawRead('groups', { ...pool, perPage, pages: 1 }))
      ).sql;
    }
    log(
      `[bench] SQL statements per request: ${JSON.stringify(sql)}; group page 10 vs 100 rows: ${JSON.stringify(sqlPerPage)}`,
    );

    const results: (LoadResult & { rssMaxMb?: number; round: number })[] = [];
    const base = { connections, warmupSeconds, durationSeconds };
    for (let round = 1; round <= rounds; round += 1) {
      for (const op of ['groups', 'member', 'stats'] as const) {
        for (const target of ['api', 'baseline'] as const) {
          const url = target === 'api' ? api.url : baseline.url;
          const result = await runLoad(
            { ...base, target, url, op, pool },
            dataDir,
            target === 'api' ? api.child.pid : undefined,
          );
          results.push({ ...result, round });
          log(
            `[bench] round ${round} ${op} ${target}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, errors ${result.errors + result.non2xx + result.graphqlErrors}${result.rssMaxMb ? `, RSS ${result.rssMaxMb.toFixed(0)} MB` : ''}${result.firstError ? ` (${result.firstError})` : ''}`,
          );
        }
      }
    }
    // 96 groups of about 8, 8 live meetings each per round: ~6,000 first signatures a round, more
    // than a round signs at the rates seen so far (the load reports any repeated signature).
    const liveGroups = Number(args['live-groups'] ?? 96);
    const meetingsPerRound = Number(args['live-meetings'] ?? 8);
    await removeWriteData(database); // what an interrupted run left
    const writes = await writePlan(database, api.url, liveGroups, meetingsPerRound * rounds);
    for (let round = 1; round <= rounds; round += 1) {
      // Each round signs its own meetings.
      const own = writes.meetings.filter((_, index) => index % rounds === round - 1);
      const result = await runLoad(
        {
          ...base,
          target: 'api',
          url: api.url,
          op: 'writes',
          writes: { ...writes, meetings: own },
        },
        dataDir,
        api.child.pid,
      );
      results.push({ ...result, round });
      log(
        `[bench] round ${round} writes api: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p95 ${result.p95} ms, p99 ${result.p99} ms, errors ${result.errors + result.non2xx + result.graphqlErrors}, RSS ${result.rssMaxMb?.toFixed(0)} MB, signatures ${result.freshSignatures ?? 0} first + ${result.repeatedSignatures ?? 0} repeated${result.firstError ? ` (${result.firstError})` : ''}`,
      );
    }

    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / (values.length || 1);
    const round1 = (value: number) => Math.round(value * 10) / 10;
    const summary = (['groups', 'member', 'stats', 'writes'] as const).map((op) => {
      const apiRuns = results.filter((result) => result.op === op && result.target === 'api');
      const baselineRuns = results.filter(
        (result) => result.op === op && result.target === 'baseline',
      );
      const apiRps = mean(apiRuns.map((run) => run.rps));
      const baselineRps = baselineRuns.length ? mean(baselineRuns.map((run) => run.rps)) : null;
      return {
        operation: {
          groups: 'group list page',
          member: 'member by id',
          stats: 'society dashboard figures',
          writes: 'write mix (sign 80 %, plan 20 %)',
        }[op],
        api_rps: round1(apiRps),
        baseline_rps: baselineRps === null ? null : round1(baselineRps),
        ratio: baselineRps ? Math.round((apiRps / baselineRps) * 100) / 100 : null,
        api_p50_ms: round1(mean(apiRuns.map((run) => run.p50))),
        api_p95_ms: round1(mean(apiRuns.map((run) => run.p95))),
        api_p99_ms: round1(mean(apiRuns.map((run) => run.p99))),
        errors: apiRuns.reduce((sum, run) => sum + run.errors + run.non2xx + run.graphqlErrors, 0),
        sql_per_request: op === 'writes' ? null : sql[op],
        api_rss_mb: Math.round(Math.max(...apiRuns.map((run) => run.rssMaxMb ?? 0))),
      };
    });
    const context = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memory_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        load_at_end: execFileSync('cat', ['/proc/loadavg']).toString().trim(),
      },
      scale,
      seed,
      counts: data.counts,
      generation_seconds: data.reused ? null : data.seconds,
      api_ready_ms: api.readyMs,
      connections,
      warmup_seconds: warmupSeconds,
      duration_seconds: durationSeconds,
      rounds,
      sql_group_page_10_vs_100: sqlPerPage,
      depth: DEPTH,
      runs: results,
    };
    log(JSON.stringify(summary, null, 2));
    if (docsDir) {
      await mkdir(docsDir, { recursive: true });
      await writeFile(join(docsDir, 'benchmarks.json'), `${JSON.stringify(summary, null, 2)}\n`);
      await writeFile(
        join(docsDir, 'benchmarks-run.json'),
        `${JSON.stringify(context, null, 2)}\n`,
      );
      log(`[bench] written ${join(docsDir, 'benchmarks.json')} and benchmarks-run.json`);
    }
  } finally {
    for (const process of started.reverse()) await process.stop();
    // Once the API has stopped, so that no signature is still being written.
    await removeWriteData(database).then(
      (meetings) => log(`[bench] write mix data removed: ${meetings} meetings`),
      (error: unknown) => log(`[bench] could not remove the write mix data: ${String(error)}`),
    );
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
