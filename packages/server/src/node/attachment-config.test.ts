import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_MEDIA_TYPES } from '../attachments/attachment-settings.js';
import { readAttachmentConfig } from './attachment-config.js';
import { readServerConfig } from './server-config.js';

describe('readAttachmentConfig', () => {
  it('defaults to 100 MB, the default allow-list, no scanner and the data folder', () => {
    const config = readAttachmentConfig({});
    expect(config.settings.maxUploadBytes).toBe(100 * 1024 * 1024);
    expect([...config.settings.allowedMediaTypes]).toEqual(DEFAULT_ALLOWED_MEDIA_TYPES);
    expect(config.clamav).toBeUndefined();
    expect(config.s3).toBeUndefined();
  });

  it('reads the limit, the allow-list, clamd and S3', () => {
    const config = readAttachmentConfig({
      CONFIDE_MAX_UPLOAD_BYTES: '5242880',
      CONFIDE_ALLOWED_TYPES: 'application/pdf, image/png',
      CONFIDE_CLAMAV: '127.0.0.1:3310',
      CONFIDE_S3_BUCKET: 'files',
      CONFIDE_S3_ENDPOINT: 'http://127.0.0.1:9000',
      CONFIDE_S3_FORCE_PATH_STYLE: '1',
    });
    expect(config.settings.maxUploadBytes).toBe(5_242_880);
    expect([...config.settings.allowedMediaTypes]).toEqual(['application/pdf', 'image/png']);
    expect(config.clamav).toEqual({ host: '127.0.0.1', port: 3310 });
    expect(config.s3).toMatchObject({
      bucket: 'files',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
    });
  });

  it.each([
    [{ CONFIDE_ALLOWED_TYPES: 'application/pdf,text/html' }, /CONFIDE_ALLOWED_TYPES.*text\/html/],
    [{ CONFIDE_ALLOWED_TYPES: 'image/svg+xml' }, /CONFIDE_ALLOWED_TYPES/],
    [{ CONFIDE_ALLOWED_TYPES: 'application/x-msdownload' }, /CONFIDE_ALLOWED_TYPES/],
    [{ CONFIDE_MAX_UPLOAD_BYTES: '0' }, /CONFIDE_MAX_UPLOAD_BYTES/],
    [{ CONFIDE_MAX_UPLOAD_BYTES: 'lots' }, /CONFIDE_MAX_UPLOAD_BYTES/],
    [{ CONFIDE_S3_ENDPOINT: 'http://127.0.0.1:9000' }, /CONFIDE_S3_BUCKET/],
    [{ CONFIDE_S3_BUCKET: 'b', CONFIDE_S3_ENDPOINT: 'ftp://host' }, /CONFIDE_S3_ENDPOINT/],
  ])('refuses %j', (environment, message) => {
    expect(() => readAttachmentConfig(environment)).toThrow(message);
  });

  it('stops the command line with a configuration error', () => {
    expect(() => readServerConfig([], { CONFIDE_DEV: '1', CONFIDE_ALLOWED_TYPES: 'text/html' })).toThrow(
      expect.objectContaining({ name: 'ConfigError' }),
    );
  });
});
