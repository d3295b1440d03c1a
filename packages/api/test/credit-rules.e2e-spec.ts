import { societyId } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let sstpc: string;
beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
});
afterAll(() => t.close());

const CREATE = `mutation ($s: ID!, $y: Int!, $h: Float) { createCreditRule(societyId: $s, year: $y, creditsPerHour: $h) { id version year creditsPerHour creditsPerCase creditsPerReport } }`;

describe('credit rules', () => {
  it('are data per society and year, set by its administrators, read by its members', async () => {
    const admin = (await t.login(DEMO.adminSstpc)).accessToken;
    const created = await t.gql(CREATE, { s: sstpc, y: 2031, h: 1.5 }, { token: admin });
    expect(created.data?.createCreditRule).toMatchObject({
      year: 2031,
      creditsPerHour: 1.5,
      creditsPerCase: 2,
      creditsPerReport: 2,
    });
    const member = (await t.login(DEMO.physicianSstpc)).accessToken;
    const read = await t.gql(`{ allCreditRules { year creditsPerHour } }`, {}, { token: member });
    expect(read.data?.allCreditRules).toContainEqual({ year: 2031, creditsPerHour: 1.5 });
    const update = await t.gql(
      `mutation ($id: ID!, $v: Int!) { updateCreditRule(id: $id, version: $v, creditsPerCase: 3) { creditsPerCase version } }`,
      { id: created.data!.createCreditRule.id, v: created.data!.createCreditRule.version },
      { token: admin },
    );
    expect(update.data?.updateCreditRule).toEqual({ creditsPerCase: 3, version: 2 });
  });

  it("are refused to another society's administrator, to members, and out of bounds", async () => {
    const adminB = (await t.login(DEMO.adminSmtvl)).accessToken;
    expect(errorCodes(await t.gql(CREATE, { s: sstpc, y: 2032, h: 1 }, { token: adminB }))).toEqual(
      ['FORBIDDEN'],
    );
    const member = (await t.login(DEMO.physicianSstpc)).accessToken;
    expect(errorCodes(await t.gql(CREATE, { s: sstpc, y: 2032, h: 1 }, { token: member }))).toEqual(
      ['FORBIDDEN'],
    );
    const admin = (await t.login(DEMO.adminSstpc)).accessToken;
    const bad = await t.gql(CREATE, { s: sstpc, y: 2032, h: -1 }, { token: admin });
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'creditsPerHour',
    });
    const twice = await t.gql(CREATE, { s: sstpc, y: 2031, h: 1 }, { token: admin });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'year' });
  });
});
