import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { currentSigningCredentials } from '@epairs/api/dist/modules/meetings/signing';
import {
  apiBody,
  baselinePath,
  PLAN_MUTATION,
  SIGN_MUTATION,
  type ReadOperation,
  type ReadRequest,
} from './operations';

/**
 * The load generator, run in a process of its own (node dist/load.js <plan.json>): autocannon on
 * one operation against one target, a warm-up first (discarded), then the measured run. Prints
 * one JSON line with the result.
 */
export interface LoadPlan {
  target: 'api' | 'baseline';
  url: string;
  op: ReadOperation | 'writes';
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Reads: what each request may ask (one drawn at random per request). */
  pool?: ReadPoolSpec;
  /** Writes: live meetings with their signers' tokens, and relay persons. */
  writes?: WritePlan;
}

export interface ReadPoolSpec {
  year: number;
  pages?: number;
  perPage?: number;
  federationToken?: string;
  /** Members: ids and the token of their society's administrator. */
  members?: { id: string; token: string }[];
  societies?: { id: string; token: string }[];
}

export interface WritePlan {
  meetings: { id: string; secretHex: string; signerTokens: string[] }[];
  relays: { groupId: string; token: string }[];
  /** Share of planning requests (the rest sign). */
  planShare: number;
}

export interface LoadResult {
  target: string;
  op: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  graphqlErrors: number;
  firstError?: string;
  /** Writes: signatures of a (meeting, member) pair for the first time, and repeated ones. */
  freshSignatures?: number;
  repeatedSignatures?: number;
}

const random = (n: number) => Math.floor(Math.random() * n);

/** Draws the next read request. */
export function drawRead(op: ReadOperation, pool: ReadPoolSpec): ReadRequest {
  if (op === 'groups') {
    return {
      op,
      token: pool.federationToken!,
      variables: { page: random(pool.pages!), perPage: pool.perPage ?? 25, year: pool.year },
    };
  }
  if (op === 'member') {
    const member = pool.members![random(pool.members!.length)]!;
    return { op, token: member.token, variables: { id: member.id } };
  }
  const society = pool.societies![random(pool.societies!.length)]!;
  return { op, token: society.token, variables: { societyId: society.id, year: pool.year } };
}

/** Every (meeting, signer) pair of a write plan once, in random order (one per load process). */
const unsigned = new WeakMap<WritePlan, { meetingIndex: number; tokenIndex: number }[]>();
export const signatureCounts = { fresh: 0, repeated: 0 };

function nextSigner(writes: WritePlan): { meeting: WritePlan['meetings'][number]; token: string } {
  let queue = unsigned.get(writes);
  if (!queue) {
    queue = writes.meetings.flatMap((meeting, meetingIndex) =>
      meeting.signerTokens.map((_, tokenIndex) => ({ meetingIndex, tokenIndex })),
    );
    for (let index = queue.length - 1; index > 0; index -= 1) {
      const other = random(index + 1);
      [queue[index], queue[other]] = [queue[other]!, queue[index]!];
    }
    unsigned.set(writes, queue);
  }
  const pair = queue.pop();
  if (pair) {
    signatureCounts.fresh += 1;
    const meeting = writes.meetings[pair.meetingIndex]!;
    return { meeting, token: meeting.signerTokens[pair.tokenIndex]! };
  }
  // All signed: a double tap (the API answers it with the signature it has).
  signatureCounts.repeated += 1;
  const meeting = writes.meetings[random(writes.meetings.length)]!;
  return { meeting, token: meeting.signerTokens[random(meeting.signerTokens.length)]! };
}

export function nextRequest(plan: LoadPlan): { path: string; body: string; token?: string } {
  if (plan.op === 'writes') {
    const writes = plan.writes!;
    if (Math.random() < writes.planShare) {
      const relay = writes.relays[random(writes.relays.length)]!;
      const startsAt = new Date(Date.now() + (30 + random(300)) * 86_400_000);
      startsAt.setUTCHours(16, random(4) * 15, 0, 0);
      return {
        path: '/graphql',
        token: relay.token,
        body: JSON.stringify({
          query: PLAN_MUTATION,
          variables: { groupId: relay.groupId, startsAt: startsAt.toISOString() },
        }),
      };
    }
    const { meeting, token } = nextSigner(writes);
    const qr = currentSigningCredentials(meeting.id, Buffer.from(meeting.secretHex, 'hex')).token;
    return {
      path: '/graphql',
      token,
      body: JSON.stringify({ query: SIGN_MUTATION, variables: { token: qr } }),
    };
  }
  const read = drawRead(plan.op, plan.pool!);
  if (plan.target === 'baseline') {
    return { path: baselinePath(read.op), body: JSON.stringify(read.variables) };
  }
  return { path: '/graphql', token: read.token, body: apiBody(read) };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

/** One autocannon run; every response time is kept, for exact p50/p95/p99. */
function run(plan: LoadPlan, seconds: number): Promise<LoadResult> {
  signatureCounts.fresh = 0;
  signatureCounts.repeated = 0;
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  return new Promise((done, fail) => {
    const instance = autocannon(
      {
        url: plan.url,
        connections: plan.connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const next = nextRequest(plan);
              return {
                ...request,
                path: next.path,
                body: next.body,
                headers: {
                  'content-type': 'application/json',
                  ...(next.token ? { authorization: `Bearer ${next.token}` } : {}),
                },
              };
            },
            onResponse: (status, body) => {
              if (status === 200 && body.includes('"errors"')) {
                graphqlErrors += 1;
                firstError ??= body.slice(0, 300);
              } else if (status !== 200) {
                firstError ??= `${status} ${body.slice(0, 300)}`;
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) return fail(error);
        latencies.sort((a, b) => a - b);
        done({
          target: plan.target,
          op: plan.op,
          rps: result.requests.total / seconds,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p99: percentile(latencies, 99),
          requests: result.requests.total,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          graphqlErrors,
          firstError,
          ...(plan.op === 'writes'
            ? {
                freshSignatures: signatureCounts.fresh,
                repeatedSignatures: signatureCounts.repeated,
              }
            : {}),
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => {
      latencies.push(time);
    });
  });
}

async function main(): Promise<void> {
  const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadPlan;
  if (plan.warmupSeconds > 0) await run(plan, plan.warmupSeconds);
  const result = await run(plan, plan.durationSeconds);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
