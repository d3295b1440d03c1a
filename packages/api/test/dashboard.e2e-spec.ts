import { yearInParis } from '@epairs/shared';
import { insertMembers, societyId } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * The dashboards of the seeded demonstration data: every figure equals what the list behind it
 * (or the database, counted independently) says, for the federation and for one society; a
 * society's administrator sees its own society only; members see none.
 */
let t: TestApp;
let sstpc: string;
let smtvl: string;
const token: Record<string, string> = {};
const YEAR = yearInParis();

const DASHBOARD = `query ($y: Int, $s: ID) { dashboard(year: $y, societyId: $s) {
  year societyId activeGroups members meetingsPlanned meetingsHeld hoursHeld attendanceRate
  membersBelowThreshold binomeItemsWaiting30 conventionsToChase
  groupsBelowThreshold { groupId reasons group { name } }
  groupsWithoutBinome { id } registrationsWaiting { id }
  meetingsPerMonth { month societyCode held planned }
  hoursDistribution { code label members }
  registrationsOverTime { month submitted registered } } }`;

async function dashboard(who: string, society?: string) {
  const result = await t.gql(DASHBOARD, { y: YEAR, s: society ?? null }, { token: token[who] });
  expect(result.errors).toBeUndefined();
  return result.data!.dashboard;
}

/** The same figures counted directly in the database (superuser), for a society or all. */
async function counted(society: string | null) {
  const scope = (column: string) => `($1::uuid IS NULL OR ${column} = $1)`;
  const year = `extract(year FROM starts_at AT TIME ZONE 'Europe/Paris')::int = $2`;
  const [row] = (await t.sql(
    `SELECT
       (SELECT count(*) FROM peer_group WHERE status = 'ACTIVE' AND ${scope('society_id')})::int AS "activeGroups",
       (SELECT count(*) FROM member WHERE status = 'ACTIVE' AND ${scope('society_id')})::int AS members,
       (SELECT count(*) FROM meeting WHERE status <> 'CANCELLED' AND ${year} AND ${scope('society_id')})::int AS "meetingsPlanned",
       (SELECT count(*) FROM meeting WHERE status = 'HELD' AND ${year} AND ${scope('society_id')})::int AS "meetingsHeld",
       (SELECT coalesce(sum(duration_minutes), 0) FROM meeting WHERE status = 'HELD' AND ${year} AND ${scope('society_id')})::float / 60 AS "hoursHeld"`,
    [society, YEAR],
  )) as [
    {
      activeGroups: number;
      members: number;
      meetingsPlanned: number;
      meetingsHeld: number;
      hoursHeld: number;
    },
  ];
  const withoutBinome = await t.sql(
    `SELECT id FROM peer_group g WHERE status IN ('ACTIVE', 'REGISTERED') AND ${scope('society_id')}
        AND NOT EXISTS (SELECT 1 FROM binome_assignment b WHERE b.group_id = g.id AND b.ended_at IS NULL)
      ORDER BY name, id`,
    [society],
  );
  const waiting = await t.sql(
    `SELECT id FROM peer_group WHERE status = 'SUBMITTED' AND ${scope('society_id')} ORDER BY submitted_at, id`,
    [society],
  );
  // Validated reports and submitted cases older than 30 days with no feedback sent.
  const [{ items }] = (await t.sql(
    `SELECT (
       (SELECT count(*) FROM meeting_report r WHERE r.validated_edition IS NOT NULL AND ${scope('r.society_id')}
           AND r.first_validated_at < now() - interval '30 days'
           AND NOT EXISTS (SELECT 1 FROM binome_feedback f WHERE f.report_id = r.id
                             AND f.report_edition = r.validated_edition AND f.status <> 'DRAFT'))
     + (SELECT count(*) FROM clinical_case c WHERE c.status = 'SUBMITTED_TO_BINOME' AND ${scope('c.society_id')}
           AND c.submitted_at < now() - interval '30 days'
           AND NOT EXISTS (SELECT 1 FROM binome_feedback f WHERE f.case_id = c.id AND f.status <> 'DRAFT'))
     )::int AS items`,
    [society],
  )) as [{ items: number }];
  return {
    ...row,
    groupsWithoutBinome: withoutBinome.map((group) => ({ id: group.id })),
    registrationsWaiting: waiting.map((group) => ({ id: group.id })),
    binomeItemsWaiting30: items,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  smtvl = await societyId(t, 'SMTVL');
  token.federation = (await t.login(DEMO.federation)).accessToken;
  token.adminSstpc = (await t.login(DEMO.adminSstpc)).accessToken;
  token.relay = (await t.login(DEMO.relaySstpc)).accessToken;
  token.binome = (await t.login(DEMO.binomeAsmt)).accessToken;
  // An aged submitted case, waiting for its binôme for 40 days.
  const [member] = await insertMembers(t, { society: 'SSTPC', count: 1, label: 'tableau' });
  const [meeting] = await t.sql(
    `SELECT mt.id, mt.group_id FROM meeting mt JOIN peer_group g ON g.id = mt.group_id
      WHERE g.society_id = $1 AND mt.status = 'HELD' ORDER BY mt.starts_at LIMIT 1`,
    [sstpc],
  );
  await t.sql(
    `INSERT INTO group_membership (society_id, group_id, member_id, role, joined_on)
     VALUES ($1, $2, $3, 'MEMBER', '2020-01-01')`,
    [sstpc, meeting!.group_id, member!.memberId],
  );
  const [kase] = await t.sql(
    `INSERT INTO clinical_case (society_id, group_id, author_member_id, origin, situation_kind, status, presented_at_meeting_id)
     VALUES ($1, $2, $3, 'GROUP', 'MEDICAL_EXAMINATION', 'PRESENTED', $4) RETURNING id`,
    [sstpc, meeting!.group_id, member!.memberId, meeting!.id],
  );
  await t.sql(
    `UPDATE clinical_case SET status = 'SUBMITTED_TO_BINOME', submitted_at = now() - interval '40 days' WHERE id = $1`,
    [kase!.id],
  );
});
afterAll(() => t.close());

describe('the federation dashboard', () => {
  it('equals the database, counted independently, for the whole federation', async () => {
    const figures = await dashboard('federation');
    const expected = await counted(null);
    expect(figures).toMatchObject({
      year: YEAR,
      societyId: null,
      activeGroups: expected.activeGroups,
      members: expected.members,
      meetingsPlanned: expected.meetingsPlanned,
      meetingsHeld: expected.meetingsHeld,
      groupsWithoutBinome: expected.groupsWithoutBinome,
      registrationsWaiting: expected.registrationsWaiting,
      binomeItemsWaiting30: expected.binomeItemsWaiting30,
    });
    expect(figures.binomeItemsWaiting30).toBeGreaterThanOrEqual(1);
    expect(figures.hoursHeld).toBeCloseTo(expected.hoursHeld, 2);
    expect(figures.meetingsHeld).toBeGreaterThan(0);
    expect(figures.attendanceRate).toBeGreaterThan(0);
    expect(figures.attendanceRate).toBeLessThanOrEqual(1);
    // The monthly chart adds up to the totals.
    const sum = (key: 'held' | 'planned') =>
      figures.meetingsPerMonth.reduce(
        (total: number, row: { held: number; planned: number }) => total + row[key],
        0,
      );
    expect(sum('held')).toBe(figures.meetingsHeld);
    expect(sum('held') + sum('planned')).toBe(figures.meetingsPlanned);
    expect(figures.registrationsOverTime).toHaveLength(12);
  });

  it('agrees with the lists it links to: members short of thresholds, groups and why', async () => {
    const figures = await dashboard('federation');
    const report = await t.gql(
      `query ($y: Int) { complianceReport(filter: { onlyShort: true, year: $y }) { memberId } }`,
      { y: YEAR },
      { token: token.federation },
    );
    expect(figures.membersBelowThreshold).toBe(report.data!.complianceReport.length);
    const all = await t.gql(
      `query ($y: Int) { complianceReport(filter: { year: $y }) { memberId } }`,
      { y: YEAR },
      { token: token.federation },
    );
    expect(
      figures.hoursDistribution.reduce(
        (total: number, row: { members: number }) => total + row.members,
        0,
      ),
    ).toBe(all.data!.complianceReport.length);
    // Drill down: each group below threshold says why, as its own programme does.
    expect(figures.groupsBelowThreshold.length).toBeGreaterThan(0);
    const ids = figures.groupsBelowThreshold.map((row: { groupId: string }) => row.groupId);
    const groups = await t.gql(
      `query ($ids: [ID!], $y: Int) { allPeerGroups(filter: { ids: $ids }, perPage: 100) {
         id status programme(year: $y) { planned { shortfalls } } } }`,
      { ids, y: YEAR },
      { token: token.federation },
    );
    expect(groups.errors).toBeUndefined();
    for (const row of figures.groupsBelowThreshold) {
      const group = groups.data!.allPeerGroups.find(
        (found: { id: string }) => found.id === row.groupId,
      );
      expect(group).toMatchObject({
        status: 'ACTIVE',
        programme: { planned: { shortfalls: row.reasons } },
      });
      expect(row.reasons.length).toBeGreaterThan(0);
    }
  });
});

describe('each figure and the list it links to', () => {
  it.each([
    ['federation', null],
    ['adminSstpc', 'SSTPC'],
  ])('agree for %s', async (who, code) => {
    const society = code ? await societyId(t, code) : null;
    const figures = await dashboard(who, society ?? undefined);
    const lists = await t.gql(
      `query ($y: Int!, $s: ID) {
         meetings: _allMeetingsMeta(filter: { year: $y, excludeCancelled: true, societyId: $s }) { count }
         held: _allMeetingsMeta(filter: { year: $y, status: HELD, societyId: $s }) { count }
         chase: _allMembersMeta(filter: { societyId: $s, status: ACTIVE, conventionMissingFor: $y }) { count }
         waiting: binomeQueue(waitingOnly: true, olderThanDays: 30, societyId: $s) { id ageDays loopStatus }
         none: complianceReport(filter: { year: $y, societyId: $s, hoursBucket: "NONE" }) { memberId }
         underHalf: complianceReport(filter: { year: $y, societyId: $s, hoursBucket: "UNDER_HALF" }) { memberId }
         under: complianceReport(filter: { year: $y, societyId: $s, hoursBucket: "UNDER_THRESHOLD" }) { memberId }
         met: complianceReport(filter: { year: $y, societyId: $s, hoursBucket: "THRESHOLD_MET" }) { memberId hours minHours }
       }`,
      { y: YEAR, s: society },
      { token: token[who] },
    );
    expect(lists.errors).toBeUndefined();
    const data = lists.data!;
    expect(data.meetings.count).toBe(figures.meetingsPlanned);
    expect(data.held.count).toBe(figures.meetingsHeld);
    if (society) expect(data.chase.count).toBe(figures.conventionsToChase);
    expect(data.waiting).toHaveLength(figures.binomeItemsWaiting30);
    for (const item of data.waiting) {
      expect(item).toMatchObject({ loopStatus: 'WAITING_FOR_BINOME' });
      expect(item.ageDays).toBeGreaterThan(30);
    }
    const buckets = Object.fromEntries(
      figures.hoursDistribution.map((row: { code: string; members: number }) => [
        row.code,
        row.members,
      ]),
    );
    expect(buckets).toEqual({
      NONE: data.none.length,
      UNDER_HALF: data.underHalf.length,
      UNDER_THRESHOLD: data.under.length,
      THRESHOLD_MET: data.met.length,
    });
    for (const row of data.met) expect(row.hours).toBeGreaterThanOrEqual(row.minHours);
  });
});

describe('a society dashboard', () => {
  it('shows its administrators their own society, equal to the database', async () => {
    const own = await dashboard('adminSstpc');
    expect(own.societyId).toBe(sstpc);
    const expected = await counted(sstpc);
    expect(own).toMatchObject({
      activeGroups: expected.activeGroups,
      members: expected.members,
      meetingsPlanned: expected.meetingsPlanned,
      meetingsHeld: expected.meetingsHeld,
      groupsWithoutBinome: expected.groupsWithoutBinome,
      registrationsWaiting: expected.registrationsWaiting,
      binomeItemsWaiting30: expected.binomeItemsWaiting30,
    });
    expect(
      own.meetingsPerMonth.every((row: { societyCode: string }) => row.societyCode === 'SSTPC'),
    ).toBe(true);
    // E-Pairs sees the same figures for that society.
    expect(await dashboard('federation', sstpc)).toEqual(own);
    const [{ n }] = (await t.sql(
      `SELECT count(*)::int AS n FROM member m WHERE m.status = 'ACTIVE' AND m.society_id = $1
          AND NOT EXISTS (SELECT 1 FROM convention c WHERE c.member_id = m.id AND c.year = $2
                            AND c.status IN ('SIGNED', 'ACTIVE', 'CLOSED'))`,
      [sstpc, YEAR],
    )) as [{ n: number }];
    expect(own.conventionsToChase).toBe(n);
  });

  it('refuses another society to a society admin, and any dashboard to members and binômes', async () => {
    const other = await t.gql(DASHBOARD, { y: YEAR, s: smtvl }, { token: token.adminSstpc });
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    for (const who of ['relay', 'binome']) {
      expect(errorCodes(await t.gql(DASHBOARD, { y: YEAR }, { token: token[who] }))).toEqual([
        'FORBIDDEN',
      ]);
    }
    expect(errorCodes(await t.gql(DASHBOARD, { y: YEAR }))).toEqual(['UNAUTHENTICATED']);
  });
});
