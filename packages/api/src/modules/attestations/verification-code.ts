import { randomBytes } from 'node:crypto';

/**
 * Base 32 without the characters people confuse when they copy a code by hand (0/O, 1/I):
 * 32 symbols, so each random byte gives 5 unbiased bits.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 16 symbols = 80 random bits: nobody finds a valid code by trying. */
export const CODE_LENGTH = 16;

const VALID = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

export function newVerificationCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return code;
}

/**
 * What a person typed or scanned, in the stored form (upper case, no separators), or null when
 * it cannot be a code: such input gets the same answer as an unknown code.
 */
export function normalizeVerificationCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return VALID.test(code) ? code : null;
}

/** For reading aloud and copying: XXXX-XXXX-XXXX-XXXX. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}
