import { resolve } from 'node:path';
import { buildSchema, execute, parse } from 'graphql';
import pg from 'pg';
import { parseArgs } from './cli-args';
import {
  BASELINE_GROUP_PAGE_SQL,
  BASELINE_MEMBER_SQL,
  GROUP_PAGE_QUERY,
  PER_PAGE,
} from './operations';
import { openBenchDatabase, startApi } from './processes';
import { apiRead, readPool } from './run';

/**
 * The parts of a "one statement per root field" design, measured on the bench's data, for the
 * team's choice of architecture (docs/benchmarks.md): the baseline's own statements as the
 * superuser and as the application role inside a real session (row-level security on), and
 * graphql-js resolving the group page's query over ready-made JSON. One connection, prepared
 * statements with generic plans, as the API runs them.
 *
 *   node packages/bench/dist/statement-cost.js [--scale 1] [--runs 40]
 */
const sessionOf = (token: string) => {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
    sub: string;
    sid: string;
  };
  return { userId: claims.sub, sessionId: claims.sid };
};

async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  for (let index = 0; index < 5; index += 1) await work();
  const started = process.hrtime.bigint();
  for (let index = 0; index < runs; index += 1) await work();
  return Number(process.hrtime.bigint() - started) / 1e6 / runs;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scale = Number(args.scale ?? 1);
  const runs = Number(args.runs ?? 40);
  const dataDir = resolve(args['data-dir'] ?? `.data/bench${scale === 1 ? '' : `-${scale}`}`);
  const database = await openBenchDatabase(dataDir);
  const api = await startApi(dataDir, database, { quiet: true });
  const superuser = new pg.Client({ connectionString: database.superuserUrl });
  const app = new pg.Client({
    connectionString: database.appUrl,
    options: '-c plan_cache_mode=force_generic_plan',
  });
  await superuser.connect();
  await app.connect();
  try {
    const pool = await readPool(database, api.url, 200);
    const random = (n: number) => Math.floor(Math.random() * n);
    const groupParams = () => [PER_PAGE * random(pool.pages!), PER_PAGE, pool.year];
    const memberParams = () => [pool.members![random(pool.members!.length)]!.id];
    const people = [
      { who: 'E-Pairs', token: pool.federationToken! },
      { who: "a society's administrator", token: pool.societies![0]!.token },
    ];
    const report = (line: string) => process.stdout.write(`${line}\n`);
    for (const [label, text, params] of [
      ['group page', BASELINE_GROUP_PAGE_SQL, groupParams],
      ['member by id', BASELINE_MEMBER_SQL, memberParams],
    ] as const) {
      const name = `cost-${label.replace(/\W/g, '')}`;
      const plain = await timed(runs, () =>
        superuser.query({ name, text, values: params() } as pg.QueryConfig),
      );
      report(`${label}, baseline statement as the superuser: ${plain.toFixed(2)} ms`);
      for (const person of people) {
        const { userId, sessionId } = sessionOf(person.token);
        await app.query('BEGIN');
        await app.query(`SELECT app.open_session($1, $2)`, [userId, sessionId]);
        const ms = await timed(runs, () =>
          app.query({ name, text, values: params() } as pg.QueryConfig),
        );
        await app.query('ROLLBACK');
        report(
          `${label}, same statement under row-level security, ${person.who}: ${ms.toFixed(2)} ms`,
        );
      }
    }

    const page = (
      (
        await apiRead(api.url, {
          op: 'groups',
          token: pool.federationToken!,
          variables: { page: 3, perPage: PER_PAGE, year: pool.year },
        })
      ).body as { data: { allPeerGroups: unknown[] } }
    ).data.allPeerGroups;
    const json = JSON.stringify(page);
    const schema = buildSchema(`
      type Query { allPeerGroups(page: Int!, perPage: Int!, sortField: String, sortOrder: String): [Group!]! }
      type Group { id: ID! name: String! society: Society memberships: [Membership!]! programme(year: Int!): Programme }
      type Society { name: String! }
      type Membership { role: String! member: Member }
      type Member { id: ID! firstName: String lastName: String profession: String }
      type Programme { held: Held }
      type Held { meetings: Int! }`);
    const document = parse(GROUP_PAGE_QUERY);
    const resolveOnce = async () =>
      JSON.stringify(
        await execute({
          schema,
          document,
          rootValue: { allPeerGroups: () => JSON.parse(json) as unknown },
          variableValues: { page: 3, perPage: PER_PAGE, year: pool.year },
        }),
      );
    const graphqlMs = await timed(runs * 10, resolveOnce);
    report(
      `group page, graphql-js over the page's JSON (${json.length} bytes, parsed, resolved, serialised): ${graphqlMs.toFixed(2)} ms`,
    );
  } finally {
    await superuser.end();
    await app.end();
    await api.stop();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
