import { DEFAULT_MAX_UPLOAD_BYTES } from '@confide/protocol';
import * as z from 'zod';
import { type AttachmentSettings, resolveAttachmentSettings } from '../attachments/attachment-settings.js';
import type { S3BlobStoreOptions } from './blob/s3-blob-store.js';
import { type ClamdAddress, parseClamdAddress } from './uploads/clamd-scanner.js';

/** How the server stores, checks and scans files, from `CONFIDE_MAX_UPLOAD_BYTES`, `CONFIDE_ALLOWED_TYPES`, `CONFIDE_CLAMAV` and `CONFIDE_S3_*`. */
export interface AttachmentConfig {
  readonly settings: AttachmentSettings;
  /** clamd's address; files are `not_scanned` without one. */
  readonly clamav: ClamdAddress | undefined;
  /** S3-compatible storage; the data folder without it. */
  readonly s3: S3BlobStoreOptions | undefined;
}

const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const AttachmentEnvironmentSchema = z.object({
  CONFIDE_MAX_UPLOAD_BYTES: optional.pipe(z.coerce.number<string | undefined>().int().min(1).optional()),
  CONFIDE_ALLOWED_TYPES: optional,
  CONFIDE_CLAMAV: optional,
  CONFIDE_S3_BUCKET: optional,
  CONFIDE_S3_PREFIX: optional,
  CONFIDE_S3_ENDPOINT: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  CONFIDE_S3_REGION: optional,
  CONFIDE_S3_ACCESS_KEY_ID: optional,
  CONFIDE_S3_SECRET_ACCESS_KEY: optional,
  CONFIDE_S3_FORCE_PATH_STYLE: optional.pipe(z.enum(['0', '1', 'true', 'false']).optional()),
});

/** Reads the attachment settings from the environment; throws an `Error` naming the variable on a mistake. */
export function readAttachmentConfig(environment: Record<string, string | undefined>): AttachmentConfig {
  const parsed = AttachmentEnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const env = parsed.data;
  const allowed = env.CONFIDE_ALLOWED_TYPES?.split(',')
    .map((type) => type.trim())
    .filter((type) => type !== '');
  let settings: AttachmentSettings;
  try {
    settings = resolveAttachmentSettings({
      maxUploadBytes: env.CONFIDE_MAX_UPLOAD_BYTES ?? DEFAULT_MAX_UPLOAD_BYTES,
      allowedMediaTypes: allowed,
    });
  } catch (error) {
    throw new Error(`CONFIDE_ALLOWED_TYPES: ${error instanceof Error ? error.message : String(error)}`);
  }
  const s3Set = Object.keys(environment).some((name) => name.startsWith('CONFIDE_S3_') && environment[name]);
  if (s3Set && env.CONFIDE_S3_BUCKET === undefined)
    throw new Error('CONFIDE_S3_BUCKET: required with the other CONFIDE_S3_* settings');
  return {
    settings,
    clamav: env.CONFIDE_CLAMAV === undefined ? undefined : parseClamdAddress(env.CONFIDE_CLAMAV),
    s3:
      env.CONFIDE_S3_BUCKET === undefined
        ? undefined
        : {
            bucket: env.CONFIDE_S3_BUCKET,
            prefix: env.CONFIDE_S3_PREFIX,
            endpoint: env.CONFIDE_S3_ENDPOINT,
            region: env.CONFIDE_S3_REGION,
            accessKeyId: env.CONFIDE_S3_ACCESS_KEY_ID,
            secretAccessKey: env.CONFIDE_S3_SECRET_ACCESS_KEY,
            forcePathStyle:
              env.CONFIDE_S3_FORCE_PATH_STYLE === '1' || env.CONFIDE_S3_FORCE_PATH_STYLE === 'true',
          },
  };
}
