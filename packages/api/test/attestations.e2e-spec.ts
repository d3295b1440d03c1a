import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import QRCode from 'qrcode';
import { FileUrlSigner } from '../src/modules/attestations/signed-urls';
import { insertMembers, societyId, type FixtureMember } from './support/register-fixtures';
import { pdfText } from './support/pdf-text';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * Attestations (issue 4): issued by administrators from the sheets and roles of held meetings,
 * frozen, downloadable through short-lived signed links, verifiable in public by their code,
 * revocable by E-Pairs only.
 */
let t: TestApp;
let sstpc: string;
let group: string;
let employer: { id: string; name: string };
let alice: FixtureMember; // the member whose year is attested
let bob: FixtureMember; // attended nothing
let carol: FixtureMember; // another attested member of the same society
const tokens: Record<string, string> = {};

const squeeze = (text: string) => text.replace(/\s+/g, '');

/**
 * The QR code as drawn: the PDF's content streams, inflated, give one rectangle per run of dark
 * modules (96 pt square, 2 modules of quiet zone); returns the dark modules as "row,column".
 */
function qrModulesIn(pdf: Buffer, size: number): Set<string> {
  const cell = 96 / (size + 4);
  const raw = pdf.toString('latin1');
  const content: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      content.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a compressed stream
    }
  }
  const runs = [...content.join('\n').matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)]
    .map((match) => match.slice(1, 5).map(Number) as [number, number, number, number])
    .filter(([, , , height]) => Math.abs(height - cell) < 0.001);
  const x0 = Math.min(...runs.map(([x]) => x));
  const y0 = Math.min(...runs.map(([, y]) => y));
  const dark = new Set<string>();
  for (const [x, y, width] of runs) {
    const row = Math.round((y - y0) / cell);
    const first = Math.round((x - x0) / cell);
    for (let column = first; column < first + Math.round(width / cell); column += 1) {
      dark.add(`${row},${column}`);
    }
  }
  return dark;
}

/** Links name the public address (PUBLIC_URL); the test server listens elsewhere. */
const local = (url: string | URL) => String(url).replace('http://portal.test', t.url);

async function meeting(options: {
  startsAt: string;
  minutes: number;
  status?: 'HELD' | 'PLANNED' | 'CANCELLED';
  title?: string;
}): Promise<string> {
  const [row] = await t.sql(
    `INSERT INTO meeting (society_id, group_id, title, starts_at, duration_minutes, mode, place, status, cancel_reason, signing_secret)
     VALUES ($1, $2, $3, $4, $5, 'IN_PERSON', 'Salle du conseil, Poitiers', $6, $7,
             decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
     RETURNING id`,
    [
      sstpc,
      group,
      options.title ?? null,
      options.startsAt,
      options.minutes,
      options.status ?? 'HELD',
      options.status === 'CANCELLED' ? 'Grève' : null,
    ],
  );
  return row!.id;
}

async function attend(meetingId: string, member: FixtureMember, status: 'SIGNED' | 'EXCUSED') {
  await t.sql(
    `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at)
     SELECT $1, $2, $3, $4, $5, starts_at + interval '5 minutes' FROM meeting WHERE id = $2`,
    [sstpc, meetingId, member.memberId, status, status === 'SIGNED' ? 'QR' : 'EXCUSE'],
  );
}

async function role(meetingId: string, member: FixtureMember, name: string) {
  await t.sql(
    `INSERT INTO meeting_role (society_id, meeting_id, member_id, role) VALUES ($1, $2, $3, $4)`,
    [sstpc, meetingId, member.memberId, name],
  );
}

const ISSUE = `mutation ($m: ID!, $y: Int!) {
  issueAttestation(memberId: $m, year: $y) {
    id code year revoked meetingsAttended totalHours credits memberName verificationUrl downloadUrl
  }
}`;

async function attestationCount(memberId: string): Promise<number> {
  return (
    await t.sql(`SELECT count(*)::int AS n FROM attestation WHERE member_id = $1`, [memberId])
  )[0]!.n;
}

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  // Past meetings are arranged with their real signature times: the signing window the trigger
  // enforces at insertion is tested with the meetings themselves.
  await t.sql(`ALTER TABLE attendance DISABLE TRIGGER attendance_signature`);
  employer = (
    await t.sql(`SELECT id, name FROM employer WHERE society_id = $1 ORDER BY name LIMIT 1`, [
      sstpc,
    ])
  )[0] as { id: string; name: string };
  group = (
    await t.sql(
      `INSERT INTO peer_group (society_id, name, kind, entry_point, status)
       VALUES ($1, 'GAPEP Attestations', 'GAPEP', 'RECOMMENDATION_DISCUSSION', 'ACTIVE') RETURNING id`,
      [sstpc],
    )
  )[0]!.id as string;
  [alice, bob, carol] = (await insertMembers(t, {
    society: 'SSTPC',
    count: 3,
    label: 'attest',
  })) as [FixtureMember, FixtureMember, FixtureMember];
  await t.sql(
    `UPDATE user_account SET first_name = 'Élodie', last_name = 'Dupré-Léger' WHERE id = $1`,
    [alice.userId],
  );
  await t.sql(`UPDATE member SET employer_id = $2 WHERE id = $1`, [alice.memberId, employer.id]);
  await t.sql(
    `INSERT INTO group_membership (society_id, group_id, member_id, joined_on)
     SELECT $1, $2, unnest($3::uuid[]), '2025-09-01'`,
    [sstpc, group, [alice.memberId, bob.memberId, carol.memberId]],
  );
  await t.sql(
    `INSERT INTO credit_rule (society_id, year, credits_per_hour, credits_per_case, credits_per_report)
     VALUES ($1, 2026, 1.5, 3, 2.5)
     ON CONFLICT (society_id, year) DO UPDATE SET credits_per_hour = 1.5, credits_per_case = 3, credits_per_report = 2.5`,
    [sstpc],
  );
  // New Year's night in Paris (still 2025 in UTC), a winter evening, the evening of the spring
  // daylight-saving change, an excused absence, a cancelled meeting and a meeting of 2025.
  const newYear = await meeting({ startsAt: '2025-12-31T23:30:00Z', minutes: 60 });
  const winter = await meeting({ startsAt: '2026-01-15T17:30:00Z', minutes: 120, title: 'Hiver' });
  const dst = await meeting({ startsAt: '2026-03-29T16:00:00Z', minutes: 150, title: 'Printemps' });
  const excused = await meeting({ startsAt: '2026-06-10T16:00:00Z', minutes: 120 });
  await meeting({ startsAt: '2026-09-10T16:00:00Z', minutes: 120, status: 'CANCELLED' });
  const lastYear = await meeting({ startsAt: '2025-11-10T17:00:00Z', minutes: 120 });
  for (const id of [newYear, winter, dst, lastYear]) await attend(id, alice, 'SIGNED');
  await attend(excused, alice, 'EXCUSED');
  await attend(dst, carol, 'SIGNED');
  await role(winter, alice, 'ANIMATOR');
  await role(dst, alice, 'SECRETARY');
  await role(dst, alice, 'PRESENTER');
  await role(dst, carol, 'ANIMATOR');
  for (const [name, email] of Object.entries({
    federation: DEMO.federation,
    adminSstpc: DEMO.adminSstpc,
    adminSmtvl: DEMO.adminSmtvl,
    alice: alice.email,
    carol: carol.email,
  })) {
    tokens[name] = (await t.login(email)).accessToken;
  }
});
afterAll(() => t.close());

describe('issuing', () => {
  it('refuses a member, and an administrator of another society, with nothing written', async () => {
    for (const token of [tokens.alice!, tokens.adminSmtvl!]) {
      const response = await t.gql(ISSUE, { m: alice.memberId, y: 2026 }, { token });
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(errorCodes(response)[0]);
      expect(response.data).toBeNull();
    }
    expect(await attestationCount(alice.memberId)).toBe(0);
  });

  it("freezes the member's year: held meetings signed (Paris year), hours, roles, credits", async () => {
    const response = await t.gql(
      ISSUE,
      { m: alice.memberId, y: 2026 },
      { token: tokens.adminSstpc },
    );
    expect(response.errors).toBeUndefined();
    const issued = response.data!.issueAttestation;
    expect(issued).toMatchObject({
      year: 2026,
      revoked: false,
      meetingsAttended: 3,
      totalHours: 5.5,
      // 5.5 h × 1.5 + 1 case × 3 + 1 report × 2.5
      credits: 13.75,
      memberName: 'Élodie Dupré-Léger',
    });
    expect(issued.code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    expect(issued.verificationUrl).toBe(
      `http://portal.test/verify/${issued.code.replace(/-/g, '')}`,
    );
    const [events] = await t.sql(
      `SELECT count(*)::int AS n, min(action) AS action FROM audit_event WHERE entity_id = $1`,
      [issued.id],
    );
    expect(events).toEqual({ n: 1, action: 'attestation.issue' });
  });

  it('refuses to issue twice for the same year, and when there is nothing to attest', async () => {
    const again = await t.gql(ISSUE, { m: alice.memberId, y: 2026 }, { token: tokens.federation });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const nothing = await t.gql(ISSUE, { m: bob.memberId, y: 2026 }, { token: tokens.adminSstpc });
    expect(errorCodes(nothing)).toEqual(['BAD_USER_INPUT']);
    const future = await t.gql(ISSUE, { m: alice.memberId, y: 2100 }, { token: tokens.adminSstpc });
    expect(errorCodes(future)).toEqual(['BAD_USER_INPUT']);
    expect(await attestationCount(alice.memberId)).toBe(1);
    expect(await attestationCount(bob.memberId)).toBe(0);
  });
});

describe('the PDF and the verification page', () => {
  let current: { id: string; code: string; downloadUrl: string };
  let pdf: string;

  beforeAll(async () => {
    const mine = await t.gql(
      `{ myAttestations { id code downloadUrl } }`,
      {},
      { token: tokens.alice },
    );
    expect(mine.data!.myAttestations).toHaveLength(1);
    current = mine.data!.myAttestations[0];
    const response = await fetch(local(current.downloadUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toMatch(/no-store/);
    pdf = await pdfText(Buffer.from(await response.arrayBuffer()));
  });

  it('contains identity, RPPS, employer, group, meetings in Paris time, roles, hours, credits, code', async () => {
    const [rpps] = await t.sql(`SELECT rpps FROM member WHERE id = $1`, [alice.memberId]);
    for (const expected of [
      'Attestation de participation 2026',
      'Élodie DUPRÉ-LÉGER',
      `RPPS : ${rpps!.rpps}`,
      `Employeur : ${employer.name}`,
      'Groupe : GAPEP Attestations',
      // New Year's night: 2025 in UTC, 2026 in Paris.
      '01/01/2026 00:30',
      // Winter (UTC+1) and the day clocks go forward (UTC+2 from 02:00).
      '15/01/2026 18:30',
      '29/03/2026 18:00',
      'Animation',
      'Compte-rendu',
      'Présentation',
      'Réunions suivies : 3',
      'Total des heures : 5 h 30',
      'Crédits obtenus : 13,75',
      `Code de vérification : ${current.code}`,
      `http://portal.test/verify/${current.code.replace(/-/g, '')}`,
    ]) {
      // Compared without white space: table cells wrap.
      expect(squeeze(pdf)).toContain(squeeze(expected));
    }
    // Not attested: the excused absence, the cancelled meeting, last year's meeting.
    for (const absent of ['10/06/2026', '10/09/2026', '10/11/2025', 'RÉVOQUÉE']) {
      expect(pdf).not.toContain(absent);
    }
  });

  it('carries a QR code that encodes the verification address', async () => {
    const response = await fetch(local(current.downloadUrl));
    const verifyUrl = `http://portal.test/verify/${current.code.replace(/-/g, '')}`;
    const expected = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' }).modules;
    const drawn = qrModulesIn(Buffer.from(await response.arrayBuffer()), expected.size);
    let dark = 0;
    for (let row = 0; row < expected.size; row += 1) {
      for (let column = 0; column < expected.size; column += 1) {
        expect(drawn.has(`${row},${column}`)).toBe(Boolean(expected.get(row, column)));
        if (expected.get(row, column)) dark += 1;
      }
    }
    expect(drawn.size).toBe(dark);
  });

  it('confirms a real code without login, and shows nothing the PDF does not', async () => {
    const response = await fetch(`${t.url}/verify/${current.code.replace(/-/g, '')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Attestation authentique et en vigueur');
    expect(html).toContain('29/03/2026 18:00');
    const values = [...html.matchAll(/<(dd|td)>([^<]*)<\/\1>/g)].map((match) =>
      match[2]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
    );
    expect(values.length).toBeGreaterThan(10);
    for (const value of values)
      expect(squeeze(pdf)).toContain(squeeze(value.replace(/Dupré-Léger/, 'DUPRÉ-LÉGER')));
    expect(html).not.toContain(alice.email);
    // Typed by hand: lower case, with dashes.
    const typed = await fetch(`${t.url}/verify/${current.code.toLowerCase()}`);
    expect(typed.status).toBe(200);
    // The form for a code typed from a paper copy leads to the same page.
    const form = await fetch(`${t.url}/verify?code=${current.code.toLowerCase()}`, {
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/verify/${current.code.replace(/-/g, '')}`);
  });

  it('refuses an unknown code, and a malformed one, with the same 404', async () => {
    const unknown = await fetch(`${t.url}/verify/ABCDEFGHJKMNPQRS`);
    const malformed = await fetch(`${t.url}/verify/not-a-code`);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await unknown.text()).toBe(await malformed.text());
  });
});

describe('signed links', () => {
  let aliceAttestation: { id: string; downloadUrl: string };
  let carolAttestation: { id: string };

  beforeAll(async () => {
    const issued = await t.gql(ISSUE, { m: carol.memberId, y: 2026 }, { token: tokens.adminSstpc });
    carolAttestation = issued.data!.issueAttestation;
    aliceAttestation = (
      await t.gql(`{ myAttestations { id downloadUrl } }`, {}, { token: tokens.alice })
    ).data!.myAttestations[0];
  });

  it("never give a member another member's attestation", async () => {
    const other = await t.gql(
      `query ($id: ID!) { Attestation(id: $id) { id downloadUrl } }`,
      { id: carolAttestation.id },
      { token: tokens.alice },
    );
    expect(other.data?.Attestation ?? null).toBeNull();
    const list = await t.gql(
      `{ allAttestations { id } _allAttestationsMeta { count } }`,
      {},
      {
        token: tokens.alice,
      },
    );
    expect(list.data!.allAttestations).toEqual([{ id: aliceAttestation.id }]);
    expect(list.data!._allAttestationsMeta.count).toBe(1);
    // Alice's signature does not open Carol's file.
    const forged = aliceAttestation.downloadUrl.replace(aliceAttestation.id, carolAttestation.id);
    expect((await fetch(local(forged))).status).toBe(403);
  });

  it('refuse a tampered link and an expired one', async () => {
    const url = new URL(aliceAttestation.downloadUrl);
    const sig = url.searchParams.get('sig')!;
    const tampered = new URL(url);
    tampered.searchParams.set('sig', `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
    expect((await fetch(local(tampered))).status).toBe(403);
    const later = new URL(url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await fetch(local(later))).status).toBe(403);
    const unsigned = `${url.origin}${url.pathname}`;
    expect((await fetch(local(unsigned))).status).toBe(403);
    // A link signed with the server's key six minutes ago has expired.
    const past = new FileUrlSigner(t.keys.privateKey, t.url, () => Date.now() - 6 * 60_000);
    const expired = past.sign(`/files/attestations/${aliceAttestation.id}.pdf`, {}, alice.userId);
    expect((await fetch(expired)).status).toBe(410);
    const fresh = new FileUrlSigner(t.keys.privateKey, t.url);
    expect(
      (await fetch(fresh.sign(`/files/attestations/${aliceAttestation.id}.pdf`, {}, alice.userId)))
        .status,
    ).toBe(200);
    // Another key (another deployment, a guess) signs nothing this server accepts.
    const stranger = new FileUrlSigner('not the key', t.url);
    expect(
      (
        await fetch(
          stranger.sign(`/files/attestations/${aliceAttestation.id}.pdf`, {}, alice.userId),
        )
      ).status,
    ).toBe(403);
  });

  it('give administrators a ZIP of their society or employer, and nobody else', async () => {
    const zipUrl = `query ($y: Int!, $s: ID, $e: ID) { attestationsZipUrl(year: $y, societyId: $s, employerId: $e) }`;
    const whole = await t.gql(zipUrl, { y: 2026, s: sstpc }, { token: tokens.adminSstpc });
    expect(whole.errors).toBeUndefined();
    const archive = await JSZip.loadAsync(
      Buffer.from(await (await fetch(local(whole.data!.attestationsZipUrl))).arrayBuffer()),
    );
    const pdfs = Object.keys(archive.files).filter((name) => name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    expect(pdfs.some((name) => name.startsWith('attestation-2026-dupre-leger-elodie'))).toBe(true);
    const index = await archive.file('index.csv')!.async('string');
    expect(index.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(index).toContain('Dupré-Léger;Élodie;');

    const byEmployer = await t.gql(
      zipUrl,
      { y: 2026, e: employer.id },
      { token: tokens.adminSstpc },
    );
    const employerArchive = await JSZip.loadAsync(
      Buffer.from(await (await fetch(local(byEmployer.data!.attestationsZipUrl))).arrayBuffer()),
    );
    expect(Object.keys(employerArchive.files).filter((name) => name.endsWith('.pdf'))).toHaveLength(
      1,
    );

    for (const token of [tokens.adminSmtvl!, tokens.alice!]) {
      const refused = await t.gql(zipUrl, { y: 2026, s: sstpc }, { token });
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    }
    const noScope = await t.gql(zipUrl, { y: 2026 }, { token: tokens.federation });
    expect(errorCodes(noScope)).toEqual(['BAD_USER_INPUT']);
  });

  it("keep another society's administrator out of the lists", async () => {
    const response = await t.gql(
      `query ($s: ID!) { allAttestations(filter: { societyId: $s }) { id } _allAttestationsMeta(filter: { societyId: $s }) { count } }`,
      { s: sstpc },
      { token: tokens.adminSmtvl },
    );
    expect(response.data!.allAttestations).toEqual([]);
    expect(response.data!._allAttestationsMeta.count).toBe(0);
    const own = await t.gql(
      `query ($s: ID!) { allAttestations(filter: { societyId: $s, year: 2026 }, sortField: "lastName") { memberName } }`,
      { s: sstpc },
      { token: tokens.adminSstpc },
    );
    expect(own.data!.allAttestations).toHaveLength(2);
  });
});

describe('revocation', () => {
  let target: { id: string; code: string };

  beforeAll(async () => {
    const [row] = await t.sql(
      `SELECT id, code FROM attestation WHERE member_id = $1 AND revoked_at IS NULL`,
      [alice.memberId],
    );
    target = row as { id: string; code: string };
  });

  const REVOKE = `mutation ($id: ID!, $r: String!) { revokeAttestation(id: $id, reason: $r) { id revoked revokedReason } }`;

  it('is for E-Pairs only', async () => {
    for (const token of [tokens.adminSstpc!, tokens.alice!, tokens.adminSmtvl!]) {
      const response = await t.gql(REVOKE, { id: target.id, r: 'Erreur de saisie' }, { token });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    }
    const [row] = await t.sql(`SELECT revoked_at FROM attestation WHERE id = $1`, [target.id]);
    expect(row!.revoked_at).toBeNull();
  });

  it('shows on the verification page and the PDF, and allows a new attestation', async () => {
    const response = await t.gql(
      REVOKE,
      { id: target.id, r: 'Heures corrigées après vérification' },
      { token: tokens.federation },
    );
    expect(response.data!.revokeAttestation).toMatchObject({ revoked: true });
    const again = await t.gql(REVOKE, { id: target.id, r: 'Encore' }, { token: tokens.federation });
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    const page = await fetch(`${t.url}/verify/${target.code}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Attestation révoquée');
    expect(html).toContain('Heures corrigées après vérification');
    expect(html).not.toContain('authentique et en vigueur');

    const revoked = (
      await t.gql(`{ myAttestations { id downloadUrl } }`, {}, { token: tokens.alice })
    ).data!.myAttestations.find((item: { id: string }) => item.id === target.id);
    const text = await pdfText(
      Buffer.from(await (await fetch(local(revoked.downloadUrl))).arrayBuffer()),
    );
    expect(text).toContain('ATTESTATION RÉVOQUÉE');

    const reissued = await t.gql(
      ISSUE,
      { m: alice.memberId, y: 2026 },
      { token: tokens.adminSstpc },
    );
    expect(reissued.errors).toBeUndefined();
    const code = reissued.data!.issueAttestation.code.replace(/-/g, '');
    expect(code).not.toBe(target.code);
    expect(await (await fetch(`${t.url}/verify/${code}`)).text()).toContain(
      'authentique et en vigueur',
    );
    expect(await (await fetch(`${t.url}/verify/${target.code}`)).text()).toContain(
      'Attestation révoquée',
    );
  });
});
