import pg from 'pg';
import { nextRequest, signatureCounts, type LoadPlan } from '../src/load';
import type { BenchDatabase } from '../src/processes';
import { removeWriteData, writePlan } from '../src/run';

/**
 * The write mix signs for real: every (meeting, member) pair of its live meetings once, through
 * the API, before any signature is repeated (and repeats are counted, not hidden).
 */
describe('write mix', () => {
  const apiUrl = process.env.BENCH_TEST_API_URL!;
  const superuserUrl = process.env.BENCH_TEST_SUPERUSER_URL!;
  const database = { superuserUrl } as BenchDatabase;

  it('signs each pair of several live meetings per group once, counts repeats, and removes what it wrote', async () => {
    const writes = await writePlan(database, apiUrl, 2, 2);
    expect(writes.meetings).toHaveLength(4);
    const plan: LoadPlan = {
      target: 'api',
      url: apiUrl,
      op: 'writes',
      connections: 1,
      warmupSeconds: 0,
      durationSeconds: 0,
      writes: { ...writes, planShare: 0 },
    };
    const pairs = writes.meetings.reduce((sum, meeting) => sum + meeting.signerTokens.length, 0);
    signatureCounts.fresh = 0;
    signatureCounts.repeated = 0;
    const send = async () => {
      const next = nextRequest(plan);
      const response = await fetch(`${apiUrl}${next.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${next.token}` },
        body: next.body,
      });
      return (await response.json()) as { errors?: unknown[] };
    };
    for (let index = 0; index < pairs; index += 1) expect((await send()).errors).toBeUndefined();
    expect(signatureCounts).toEqual({ fresh: pairs, repeated: 0 });

    const client = new pg.Client({ connectionString: superuserUrl });
    await client.connect();
    const ids = writes.meetings.map((meeting) => meeting.id);
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS signed FROM attendance WHERE meeting_id = ANY($1) AND status = 'SIGNED'`,
        [ids],
      );
      expect(rows[0].signed).toBe(pairs);
      expect((await send()).errors).toBeUndefined();
      expect(signatureCounts).toEqual({ fresh: pairs, repeated: 1 });
      // A planning request of the mix, whose meeting goes with the live ones below.
      plan.writes!.planShare = 1;
      expect((await send()).errors).toBeUndefined();
    } finally {
      await client.end();
      // The generated data stays as the generator spec checks it (signatures of held meetings only).
      expect(await removeWriteData(database)).toBe(5);
    }
  });
});
