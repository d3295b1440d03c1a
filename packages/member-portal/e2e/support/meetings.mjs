// Meetings arranged through the API for the browser scenarios, and the QR code read from a screen.
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { graphqlAs, RELAY } from './portal.mjs';

export async function relayGroupId() {
  const asRelay = await graphqlAs(RELAY);
  const { data } = await asRelay(`{ myMember { memberships { role group { id } } } }`);
  return data.myMember.memberships.find((m) => m.role === 'RELAY').group.id;
}

export async function memberOf(email) {
  const as = await graphqlAs(email);
  const { data } = await as(`{ myMember { id firstName lastName } }`);
  return data.myMember;
}

/** A meeting of the relay person's group that started a few seconds ago: its sheet is open. */
export async function meetingStartingNow(groupId, title) {
  const asRelay = await graphqlAs(RELAY);
  const response = await asRelay(
    `mutation ($g: ID!, $at: DateTimeISO!, $title: String) {
       planMeeting(groupId: $g, startsAt: $at, durationMinutes: 120, mode: REMOTE,
                   link: "https://visio.example.org/e2e", title: $title) { id }
     }`,
    { g: groupId, at: new Date(Date.now() - 20_000).toISOString(), title },
  );
  assert.ok(response.data, JSON.stringify(response.errors));
  return response.data.planMeeting.id;
}

export async function attendanceOf(meetingId) {
  const asRelay = await graphqlAs(RELAY);
  const { data } = await asRelay(
    `query ($id: ID!) { Meeting(id: $id) { status sheetClosedAt attendance { memberId status signedAt } } }`,
    { id: meetingId },
  );
  return data.Meeting;
}

/** Decodes the QR code visible on a page, from a screenshot of its viewport. */
export async function decodeQr(page) {
  const png = PNG.sync.read(await page.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, 'no QR code found on the relay person’s screen');
  return code.data;
}
