import { hash, verify } from '@node-rs/argon2';

// argon2id, OWASP's minimum: 19 MiB, 2 passes, 1 lane. `Algorithm.Argon2id` is a const enum
// that isolated modules cannot inline, hence its value.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let decoy: Promise<string> | undefined;

/**
 * Verifies a password. With no stored hash (unknown or not yet activated account) it still spends
 * the same time on a decoy hash, so response times do not tell which e-mails have accounts.
 */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    decoy ??= hashPassword('decoy password that matches nothing');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
