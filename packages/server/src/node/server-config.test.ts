import { describe, expect, it } from 'vitest';
import { readServerConfig } from './server-config.js';

describe('readServerConfig', () => {
  it('reads the flags and the environment', () => {
    const config = readServerConfig(
      ['--port', '0', '--host', '0.0.0.0', '--data', '/srv/confide', '--seed', 'demo'],
      {
        CONFIDE_JWT_SECRET: 'x'.repeat(32),
        CONFIDE_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
        SMTP_URL: 'smtp://mail.example:587',
      },
    );
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/srv/confide',
      seed: 'demo',
      dev: false,
      jwtSecretGenerated: false,
      allowedOrigins: ['https://a.example', 'https://b.example'],
      smtpUrl: 'smtp://mail.example:587',
      databaseUrl: undefined,
    });
  });

  it('reads the send rate limit, 60 a minute unless set', () => {
    expect(readServerConfig([], { CONFIDE_DEV: '1' })).toMatchObject({ sendRateLimit: 60 });
    expect(readServerConfig([], { CONFIDE_DEV: '1', CONFIDE_SEND_RATE_LIMIT: '5000' })).toMatchObject({
      sendRateLimit: 5000,
    });
    expect(() => readServerConfig([], { CONFIDE_DEV: '1', CONFIDE_SEND_RATE_LIMIT: '0' })).toThrow(
      /CONFIDE_SEND_RATE_LIMIT/,
    );
  });

  it('reads the open event streams allowed per person, 32 unless set', () => {
    expect(readServerConfig([], { CONFIDE_DEV: '1' })).toMatchObject({ maxStreamsPerPerson: 32 });
    expect(readServerConfig([], { CONFIDE_DEV: '1', CONFIDE_MAX_STREAMS_PER_PERSON: '2000' })).toMatchObject({
      maxStreamsPerPerson: 2000,
    });
    for (const wrong of ['0', '-1', '1.5', 'many'])
      expect(() => readServerConfig([], { CONFIDE_DEV: '1', CONFIDE_MAX_STREAMS_PER_PERSON: wrong })).toThrow(
        /CONFIDE_MAX_STREAMS_PER_PERSON/,
      );
  });

  it('reads the dev token rate limit per caller address, 300 a minute unless set', () => {
    expect(readServerConfig([], { CONFIDE_DEV: '1' })).toMatchObject({ devTokenRateLimit: 300 });
    expect(readServerConfig([], { CONFIDE_DEV: '1', CONFIDE_DEV_TOKEN_RATE_LIMIT: '2' })).toMatchObject({
      devTokenRateLimit: 2,
    });
    expect(() => readServerConfig([], { CONFIDE_DEV: '1', CONFIDE_DEV_TOKEN_RATE_LIMIT: '0' })).toThrow(
      /CONFIDE_DEV_TOKEN_RATE_LIMIT/,
    );
  });

  it.each([
    [undefined, false],
    ['0', false],
    ['false', false],
    ['1', true],
    ['true', true],
  ])('logs every request only when asked: CONFIDE_LOG_REQUESTS=%s gives %s', (value, logRequests) => {
    const environment = value === undefined ? {} : { CONFIDE_LOG_REQUESTS: value };
    expect(readServerConfig([], { CONFIDE_DEV: '1', ...environment })).toMatchObject({ logRequests });
  });

  it('refuses a CONFIDE_LOG_REQUESTS it cannot read', () => {
    expect(() => readServerConfig([], { CONFIDE_DEV: '1', CONFIDE_LOG_REQUESTS: 'yes please' })).toThrow(
      /CONFIDE_LOG_REQUESTS/,
    );
  });

  it('listens on this machine only, over both loopbacks, unless told otherwise', () => {
    expect(readServerConfig([], { CONFIDE_DEV: '1' })).toMatchObject({ host: 'localhost' });
  });

  it('makes up a secret in dev mode and refuses to start without one otherwise', () => {
    const dev = readServerConfig([], { CONFIDE_DEV: '1' });
    expect(dev).toMatchObject({
      dev: true,
      jwtSecretGenerated: true,
      port: 8787,
      dataDir: './.confide-data',
    });
    expect(() => readServerConfig([], {})).toThrow(/CONFIDE_JWT_SECRET/);
    expect(() => readServerConfig(['--seed', 'other'], { CONFIDE_DEV: '1' })).toThrow(/--seed/);
    expect(() => readServerConfig(['--port', '99999'], { CONFIDE_DEV: '1' })).toThrow(/--port/);
    expect(() => readServerConfig(['--wat'], { CONFIDE_DEV: '1' })).toThrow();
    expect(() => readServerConfig([], { CONFIDE_DEV: '1', DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL/,
    );
  });
});
