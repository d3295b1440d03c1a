import { DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * Pages past the first read their ids first (idsFirst in resource-query.ts): every page must be
 * exactly its slice of the whole ordered list, whatever the sort, filter and scope.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const MEMBERS = `query ($page: Int, $perPage: Int, $sortField: String, $sortOrder: String, $filter: MemberFilter) {
  allMembers(page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder, filter: $filter) { id }
}`;
const GROUPS = `query ($page: Int, $perPage: Int, $sortField: String, $sortOrder: String) {
  allPeerGroups(page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { id society { code } }
}`;

async function ids(query: string, token: string, variables: Record<string, unknown>) {
  const response = await t.gql(query, variables, { token });
  expect(response.errors).toBeUndefined();
  const [list] = Object.values(response.data!) as { id: string }[][];
  return list!.map((row) => row.id);
}

async function expectPagesToBeSlices(
  query: string,
  token: string,
  variables: Record<string, unknown>,
) {
  const all = await ids(query, token, { ...variables, perPage: 1000 });
  expect(all.length).toBeGreaterThan(6);
  for (const page of [0, 1, 2, 3]) {
    expect(await ids(query, token, { ...variables, page, perPage: 3 })).toEqual(
      all.slice(page * 3, page * 3 + 3),
    );
  }
}

describe('pages past the first', () => {
  it('are slices of the whole list: members by last name, both ways, and filtered', async () => {
    const federation = (await t.login(DEMO.federation)).accessToken;
    await expectPagesToBeSlices(MEMBERS, federation, { sortField: 'lastName', sortOrder: 'ASC' });
    await expectPagesToBeSlices(MEMBERS, federation, { sortField: 'lastName', sortOrder: 'DESC' });
    await expectPagesToBeSlices(MEMBERS, federation, {
      sortField: 'createdAt',
      filter: { profession: 'PHYSICIAN' },
    });
  });

  it("stay within an administrator's society, with the societies read alongside", async () => {
    const admin = (await t.login(DEMO.adminSstpc)).accessToken;
    await expectPagesToBeSlices(MEMBERS, admin, { sortField: 'lastName' });
    const second = await t.gql(
      GROUPS,
      { page: 1, perPage: 1, sortField: 'name' },
      { token: admin },
    );
    expect(second.errors).toBeUndefined();
    expect(second.data!.allPeerGroups).toHaveLength(1);
    for (const group of second.data!.allPeerGroups as { society: { code: string } }[]) {
      expect(group.society.code).toBe('SSTPC');
    }
  });
});
