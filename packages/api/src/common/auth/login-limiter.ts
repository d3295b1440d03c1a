import { createHash } from 'node:crypto';
import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors';

/**
 * Counts failed logins per account+address and per address, in PostgreSQL so that every API
 * instance shares the counts. Each attempt consumes a point before the password is checked
 * (atomic increment), so aliases in one request or parallel requests cannot multiply attempts.
 */
export class LoginLimiter {
  private readonly perAccount: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;

  constructor(pool: pg.Pool, limits: { perAccount: number; perIp: number; windowSeconds: number }) {
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: 'login_rate_limit',
      tableCreated: true,
      clearExpiredByTimeout: false,
      duration: limits.windowSeconds,
    };
    this.perAccount = new RateLimiterPostgres({
      ...common,
      keyPrefix: 'acct',
      points: limits.perAccount,
    });
    this.perAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'ip', points: limits.perIp });
  }

  /** Takes one attempt; refuses with RATE_LIMITED once either budget is spent. */
  async consume(email: string, address: string): Promise<void> {
    try {
      await Promise.all([
        this.perAccount.consume(accountKey(email, address)),
        this.perAddress.consume(hash(address)),
      ]);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new AppError(
          'RATE_LIMITED',
          `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(retryAfter / 60)} minute(s).`,
          { retryAfterSeconds: retryAfter },
        );
      }
      throw error;
    }
  }

  /** A successful login clears the account's count and gives the address its point back. */
  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([
      this.perAccount.delete(accountKey(email, address)),
      this.perAddress.reward(hash(address), 1),
    ]);
  }
}

const hash = (value: string) => createHash('sha256').update(value).digest('hex');
const accountKey = (email: string, address: string) => hash(`${email}\u0000${address}`);

/**
 * Counts attempts at a short secret (the 6-digit signing code) per person and meeting: five per
 * ten minutes, so the code cannot be guessed by trying them all. Spent before the check, given
 * back on success, stored with the login counters (hashed keys).
 */
export class SigningLimiter {
  private readonly limiter: RateLimiterPostgres;

  constructor(pool: pg.Pool) {
    this.limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: 'login_rate_limit',
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: 'sign',
      points: 5,
      duration: 600,
    });
  }

  async consume(memberId: string, meetingId: string): Promise<void> {
    try {
      await this.limiter.consume(hash(`${memberId}:${meetingId}`));
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw new AppError(
          'RATE_LIMITED',
          "Trop d'essais de code d'émargement : demandez à la personne-relais de montrer le QR code.",
          { retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) },
        );
      }
      throw error;
    }
  }

  async succeeded(memberId: string, meetingId: string): Promise<void> {
    await this.limiter.reward(hash(`${memberId}:${meetingId}`), 1);
  }
}
