import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface SigningKeys {
  privateKey: string;
  publicKey: string;
}

export function generateSigningKeys(): SigningKeys {
  return generateKeyPairSync('ec', {
    namedCurve: 'prime256v1',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/**
 * ES256 keys: from configuration in production; for the embedded default, generated on first start
 * and kept under the data folder (mode 0600).
 */
export async function loadSigningKeys(options: {
  privateKey?: string;
  publicKey?: string;
  dataDir: string;
}): Promise<SigningKeys> {
  if (options.privateKey && options.publicKey) {
    return { privateKey: options.privateKey, publicKey: options.publicKey };
  }
  const folder = resolve(options.dataDir, 'keys');
  const privatePath = join(folder, 'jwt-es256-private.pem');
  const publicPath = join(folder, 'jwt-es256-public.pem');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return {
      privateKey: await readFile(privatePath, 'utf8'),
      publicKey: await readFile(publicPath, 'utf8'),
    };
  }
  const keys = generateSigningKeys();
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await writeFile(privatePath, keys.privateKey, { mode: 0o600 });
  await writeFile(publicPath, keys.publicKey, { mode: 0o644 });
  return keys;
}
