import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNING_TOKEN_SECONDS } from '@epairs/shared';

/** Seconds a fallback code (read aloud or shown to remote attendees) stays valid. */
export const FALLBACK_CODE_SECONDS = 60;

const mac = (secret: Buffer, text: string) => createHmac('sha256', secret).update(text).digest();

/**
 * What the relay person shows: a QR token that changes every 30 s and a 6-digit fallback code
 * that changes every minute, both derived from the meeting's secret. A token or code stays good
 * for its window and the one before (a scan at the turn of a window still works); a photo sent
 * around stops working within a minute.
 */
export function currentSigningCredentials(meetingId: string, secret: Buffer, at = Date.now()) {
  const window = Math.floor(at / 1000 / SIGNING_TOKEN_SECONDS);
  const codeWindow = Math.floor(at / 1000 / FALLBACK_CODE_SECONDS);
  return {
    token: tokenFor(meetingId, secret, window),
    code: codeFor(secret, codeWindow),
    tokenExpiresAt: new Date((window + 1) * SIGNING_TOKEN_SECONDS * 1000),
    codeExpiresAt: new Date((codeWindow + 1) * FALLBACK_CODE_SECONDS * 1000),
  };
}

function tokenFor(meetingId: string, secret: Buffer, window: number): string {
  const signature = mac(secret, `qr:${meetingId}:${window}`).subarray(0, 16).toString('base64url');
  return `${meetingId}.${window}.${signature}`;
}

function codeFor(secret: Buffer, window: number): string {
  return String(mac(secret, `code:${window}`).readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** The meeting a token names, without trusting it yet. */
export function meetingOfToken(token: string): string | null {
  const [meetingId] = token.split('.');
  return meetingId && /^[0-9a-f-]{36}$/i.test(meetingId) ? meetingId : null;
}

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function tokenIsValid(
  token: string,
  meetingId: string,
  secret: Buffer,
  at = Date.now(),
): boolean {
  const now = Math.floor(at / 1000 / SIGNING_TOKEN_SECONDS);
  return [now, now - 1].some((window) => same(token, tokenFor(meetingId, secret, window)));
}

export function codeIsValid(code: string, secret: Buffer, at = Date.now()): boolean {
  const now = Math.floor(at / 1000 / FALLBACK_CODE_SECONDS);
  return [now, now - 1].some((window) => same(code.trim(), codeFor(secret, window)));
}
