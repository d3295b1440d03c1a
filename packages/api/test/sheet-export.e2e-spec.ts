import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FileUrlSigner } from '../src/modules/attestations/signed-urls';
import { insertMembers, societyId, type FixtureMember } from './support/register-fixtures';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * The attendance sheet's exports (issue 4): PDF and CSV with the group, the meeting's time in
 * Paris, its title and animator, and each person's status and time of signature; through
 * five-minute signed links given to the group's relay person, its society's admins and E-Pairs.
 */
let t: TestApp;
let sstpc: string;
let group: string;
let meetingId: string;
let relay: FixtureMember;
let animator: FixtureMember;
let excused: FixtureMember;
let absent: FixtureMember;
const tokens: Record<string, string> = {};

/** Text of a PDF, extracted by pdf-parse in a plain Node process (pdf.js loads ESM workers). */
async function pdfText(pdf: Buffer): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'epairs-pdf-'));
  const file = join(folder, 'document.pdf');
  await writeFile(file, pdf);
  const script = `const { PDFParse } = require('pdf-parse');
    (async () => {
      const parser = new PDFParse({ data: require('fs').readFileSync(process.argv[1]) });
      const { text } = await parser.getText();
      await parser.destroy();
      process.stdout.write(text);
    })().catch((error) => { console.error(error); process.exit(1); });`;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, file], {
      cwd: __dirname,
    });
    return stdout;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const squeeze = (text: string) => text.replace(/\s+/g, '');
/** Links name the public address (PUBLIC_URL); the test server listens elsewhere. */
const local = (url: string | URL) => String(url).replace('http://portal.test', t.url);

async function account(member: FixtureMember) {
  const [row] = await t.sql(`SELECT first_name, last_name FROM user_account WHERE id = $1`, [
    member.userId,
  ]);
  return row as { first_name: string; last_name: string };
}
const firstName = async (member: FixtureMember) => (await account(member)).first_name;
const lastName = async (member: FixtureMember) => (await account(member)).last_name;

const LINKS = `query ($id: ID!) { Meeting(id: $id) { id sheetPdfUrl sheetCsvUrl } }`;

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  // Signatures of a past meeting are arranged with their real times.
  await t.sql(`ALTER TABLE attendance DISABLE TRIGGER attendance_signature`);
  group = (
    await t.sql(
      `INSERT INTO peer_group (society_id, name, kind, entry_point, status)
       VALUES ($1, 'GAPEP Émargement', 'GAPEP', 'RECOMMENDATION_DISCUSSION', 'ACTIVE') RETURNING id`,
      [sstpc],
    )
  )[0]!.id as string;
  const members = await insertMembers(t, { society: 'SSTPC', count: 4, label: 'sheet' });
  [relay, animator, excused, absent] = members as [
    FixtureMember,
    FixtureMember,
    FixtureMember,
    FixtureMember,
  ];
  await t.sql(`UPDATE user_account SET last_name = '=HYPERLIEN("x")' WHERE id = $1`, [
    absent.userId,
  ]);
  await t.sql(
    `INSERT INTO group_membership (society_id, group_id, member_id, role, joined_on)
     SELECT $1, $2, m.id, CASE WHEN m.id = $3 THEN 'RELAY' ELSE 'MEMBER' END, '2026-01-01'
       FROM unnest($4::uuid[]) AS m(id)`,
    [sstpc, group, relay.memberId, members.map((member) => member.memberId)],
  );
  // 2026-03-29, the day clocks go forward in Paris: 16:00 UTC is 18:00 there.
  meetingId = (
    await t.sql(
      `INSERT INTO meeting (society_id, group_id, title, starts_at, duration_minutes, mode, place, link, status, sheet_closed_at, signing_secret)
       VALUES ($1, $2, 'Séance de printemps', '2026-03-29T16:00:00Z', 150, 'HYBRID', 'Salle B, Poitiers', 'https://visio.example.org/gapep', 'HELD', '2026-03-29T18:45:00Z',
               decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
       RETURNING id`,
      [sstpc, group],
    )
  )[0]!.id as string;
  await t.sql(
    `INSERT INTO meeting_role (society_id, meeting_id, member_id, role) VALUES ($1, $2, $3, 'ANIMATOR')`,
    [sstpc, meetingId, animator.memberId],
  );
  await t.sql(
    `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at) VALUES
       ($1, $2, $3, 'SIGNED', 'QR', '2026-03-29T16:05:00Z'),
       ($1, $2, $4, 'SIGNED', 'CODE', '2026-03-29T16:20:00Z'),
       ($1, $2, $5, 'EXCUSED', 'EXCUSE', '2026-03-28T09:00:00Z')`,
    [sstpc, meetingId, animator.memberId, relay.memberId, excused.memberId],
  );
  for (const [name, email] of Object.entries({
    relay: relay.email,
    member: excused.email,
    adminSstpc: DEMO.adminSstpc,
    adminSmtvl: DEMO.adminSmtvl,
    federation: DEMO.federation,
    otherRelay: DEMO.relaySstpc,
  })) {
    tokens[name] = (await t.login(email)).accessToken;
  }
});
afterAll(() => t.close());

async function links(token: string) {
  const response = await t.gql(LINKS, { id: meetingId }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.Meeting as {
    sheetPdfUrl: string | null;
    sheetCsvUrl: string | null;
  } | null;
}

describe('attendance sheet export', () => {
  it('gives the CSV with the Paris time of the meeting and of each signature', async () => {
    const { sheetCsvUrl } = (await links(tokens.relay!))!;
    const response = await fetch(local(sheetCsvUrl!));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="emargement-gapep-emargement-2026-03-29.csv"',
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    // A byte-order mark, for spreadsheets that would otherwise read Latin-1.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(header).toBe(
      'societe;groupe;date_heure_paris;duree;titre;animateur;nom;prenom;profession;statut;signature_heure_paris;signature_utc;mode_signature;motif_correction',
    );
    expect(rows).toHaveLength(4);
    const byName = Object.fromEntries(
      rows.map((row) => [row.split(';')[6]!.replace(/^"|"$/g, ''), row.split(';')]),
    );
    const animatorName = `${await firstName(animator)} ${await lastName(animator)}`;
    for (const row of rows) {
      const cells = row.split(';');
      expect(cells.slice(1, 6)).toEqual([
        'GAPEP Émargement',
        '29/03/2026 18:00',
        '2 h 30',
        'Séance de printemps',
        animatorName,
      ]);
    }
    expect(byName[await lastName(animator)]!.slice(9, 13)).toEqual([
      'Présent(e)',
      '29/03/2026 18:05',
      '2026-03-29T16:05:00.000Z',
      'QR code',
    ]);
    expect(byName[await lastName(relay)]!.slice(9, 11)).toEqual(['Présent(e)', '29/03/2026 18:20']);
    expect(byName[await lastName(excused)]!.slice(9, 11)).toEqual(['Absent(e) excusé(e)', '']);
    // A name that a spreadsheet would run as a formula is written as text.
    const formula = rows.find((row) => row.includes('HYPERLIEN'))!;
    expect(formula).toContain(`"'=HYPERLIEN(""x"")"`);
    expect(formula).toContain(';Absent(e);');
  });

  it('gives the PDF with group, meeting, title, animator and each person', async () => {
    const { sheetPdfUrl } = (await links(tokens.relay!))!;
    const response = await fetch(local(sheetPdfUrl!));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = squeeze(await pdfText(Buffer.from(await response.arrayBuffer())));
    for (const expected of [
      'Feuille d’émargement',
      'Groupe : GAPEP Émargement',
      'Réunion : Séance de printemps',
      'Date et heure (Paris) : 29/03/2026 18:00',
      'Durée : 2 h 30',
      'Hybride — Salle B, Poitiers',
      `Animateur / animatrice : ${await firstName(animator)} ${await lastName(animator)}`,
      'close le 29/03/2026 20:45',
      'Présent(e) 29/03/2026 18:05 QR code',
      'Présent(e) 29/03/2026 18:20 Code de secours',
      'Absent(e) excusé(e)',
    ]) {
      expect(text).toContain(squeeze(expected));
    }
    for (const member of [relay, animator, excused]) {
      expect(text).toContain(squeeze((await lastName(member)).toUpperCase()));
    }
  });

  it("is offered to the group's relay person, its society's admins and E-Pairs only", async () => {
    for (const name of ['relay', 'adminSstpc', 'federation']) {
      const meeting = await links(tokens[name]!);
      expect({ name, pdf: !!meeting?.sheetPdfUrl, csv: !!meeting?.sheetCsvUrl }).toEqual({
        name,
        pdf: true,
        csv: true,
      });
    }
    // A member sees the meeting, not the export; others do not even see the meeting.
    expect(await links(tokens.member!)).toEqual({
      id: meetingId,
      sheetPdfUrl: null,
      sheetCsvUrl: null,
    });
    for (const name of ['adminSmtvl', 'otherRelay']) {
      const meeting = await links(tokens[name]!);
      expect({ name, pdf: meeting?.sheetPdfUrl ?? null }).toEqual({ name, pdf: null });
    }
  });

  it('refuses a link made for another meeting, tampered or expired', async () => {
    const { sheetPdfUrl, sheetCsvUrl } = (await links(tokens.relay!))!;
    const other = '00000000-0000-4000-8000-000000000001';
    expect((await fetch(local(sheetPdfUrl!.replace(meetingId, other)))).status).toBe(403);
    expect((await fetch(local(sheetPdfUrl!.replace('sheet.pdf', 'sheet.csv')))).status).toBe(403);
    const url = new URL(sheetCsvUrl!);
    url.searchParams.set('u', tokens.relay!.slice(0, 8));
    expect((await fetch(local(url))).status).toBe(403);
    const past = new FileUrlSigner(t.keys.privateKey, t.url, () => Date.now() - 10 * 60_000);
    const expired = past.sign(`/files/meetings/${meetingId}/sheet.csv`, {}, relay.userId);
    expect((await fetch(expired)).status).toBe(410);
  });
});
