import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      production: false,
      runMigrations: true,
      seedDemo: true,
      refreshTtlSeconds: 30 * 86400,
      jwt: { accessTtlSeconds: 900, issuer: 'epairs-api', audience: 'epairs' },
      loginLimits: { perAccount: 5, perIp: 50, windowSeconds: 900 },
    });
    expect(config.database.url).toBeUndefined();
  });

  it('stops on bad values, naming each', () => {
    expect(() => loadConfig({ PORT: 'quatre mille', ACCESS_TOKEN_TTL: '15 minutes' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'quatre mille', ACCESS_TOKEN_TTL: '15 minutes' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/ACCESS_TOKEN_TTL/);
    }
  });

  it('never trusts every proxy: hops or addresses only', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe(
      'loopback, 10.0.0.0/8',
    );
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('requires database, keys and public URL in production, and no demo data', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL[\s\S]*JWT_PRIVATE_KEY/,
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app:secret@db:5432/epairs',
      MIGRATION_DATABASE_URL: 'postgres://owner:secret@db:5432/epairs',
      JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----',
      JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----',
      PUBLIC_URL: 'https://e-pairs.example.org/',
    });
    expect(config.seedDemo).toBe(false);
    expect(config.sqlCountHeader).toBe(false);
    expect(config.publicUrl).toBe('https://e-pairs.example.org');
    expect(config.jwt.privateKey).toContain('\nabc\n');
  });
});
