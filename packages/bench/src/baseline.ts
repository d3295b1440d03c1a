import { createServer, type IncomingMessage } from 'node:http';
import pg from 'pg';
import {
  BASELINE_GROUP_PAGE_SQL,
  BASELINE_MEMBER_SQL,
  BASELINE_SOCIETY_STATS_SQL,
  PER_PAGE,
} from './operations';

/**
 * The baseline: a minimal node:http + pg server answering the three read operations with one
 * hand-written statement each, PostgreSQL building the JSON. No authentication, no transaction,
 * no row-level security (it connects as the superuser): what the API is measured against.
 */
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
});

function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        done(chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as never) : {});
      } catch (error) {
        fail(error as Error);
      }
    });
    request.on('error', fail);
  });
}

const server = createServer((request, response) => {
  if (request.url === '/healthz') {
    response.end('ok');
    return;
  }
  readBody(request)
    .then(async (input) => {
      let result: pg.QueryResult<{ body: string }>;
      switch (request.url) {
        case '/groups':
          result = await pool.query(BASELINE_GROUP_PAGE_SQL, [
            Number(input.page ?? 0) * Number(input.perPage ?? PER_PAGE),
            Number(input.perPage ?? PER_PAGE),
            input.year,
          ]);
          break;
        case '/member':
          result = await pool.query(BASELINE_MEMBER_SQL, [input.id]);
          break;
        case '/stats':
          result = await pool.query(BASELINE_SOCIETY_STATS_SQL, [input.societyId, input.year]);
          break;
        default:
          response.statusCode = 404;
          response.end();
          return;
      }
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.end(result.rows[0]!.body);
    })
    .catch((error: unknown) => {
      response.statusCode = 500;
      response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
