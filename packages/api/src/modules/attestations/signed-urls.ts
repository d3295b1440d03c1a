import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { SigningKeys } from '../../common/auth/keys';
import type { AppServices } from '../../common/services';

/** Browsers download files without the bearer header: links carry a short-lived signature. */
export const SIGNED_URL_TTL_SECONDS = 5 * 60;

export type SignedUrlCheck =
  | { ok: true; params: Record<string, string>; userId: string }
  | { ok: false; reason: 'invalid' | 'expired' };

/**
 * HMAC-SHA-256 over the path and every query parameter (sorted), with an expiry and the person
 * who asked. The key is derived (HKDF) from the JWT private key, so every instance sharing the
 * signing keys accepts the links and nothing new needs configuring; a key rotation voids the
 * links in flight, which live five minutes anyway.
 */
export class FileUrlSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly baseUrl: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'epairs', 'epairs/signed-file-urls/v1', 32));
  }

  /** An absolute link to `path` (starting with /files/) for `userId`, valid five minutes. */
  sign(path: string, params: Record<string, string>, userId: string): string {
    const expires = String(Math.floor(this.now() / 1000) + SIGNED_URL_TTL_SECONDS);
    const all = { ...params, expires, u: userId };
    const query = canonicalQuery(all);
    const sig = this.mac(path, query);
    return `${this.baseUrl}${path}?${query}&sig=${sig}`;
  }

  /** Checks a request's path and query; the signature first, then the expiry. */
  verify(path: string, query: Record<string, unknown>): SignedUrlCheck {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(query)) {
      if (typeof value !== 'string') return { ok: false, reason: 'invalid' };
      params[name] = value;
    }
    const { sig, ...signed } = params;
    if (!sig || !signed.expires || !signed.u) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.mac(path, canonicalQuery(signed)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'invalid' };
    }
    const expires = Number(signed.expires);
    const now = this.now() / 1000;
    if (
      !Number.isInteger(expires) ||
      expires < now ||
      expires > now + SIGNED_URL_TTL_SECONDS + 60
    ) {
      return { ok: false, reason: 'expired' };
    }
    const { expires: _expires, u, ...rest } = signed;
    return { ok: true, params: rest, userId: u };
  }

  private mac(path: string, query: string): string {
    return createHmac('sha256', this.key).update(`GET\n${path}\n${query}`).digest('base64url');
  }
}

function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${encodeURIComponent(name)}=${encodeURIComponent(params[name]!)}`)
    .join('&');
}

// One signer per running app, created with its router (app.ts) and found from the services that
// every request context carries.
const signers = new WeakMap<AppServices, FileUrlSigner>();

export function registerFileUrlSigner(services: AppServices, keys: SigningKeys): FileUrlSigner {
  const signer = new FileUrlSigner(keys.privateKey, services.config.publicUrl);
  signers.set(services, signer);
  return signer;
}

export function fileUrlSigner(services: AppServices): FileUrlSigner {
  const signer = signers.get(services);
  if (!signer) throw new Error('documents router not mounted: no file URL signer');
  return signer;
}
