import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { DEFAULT_DEV_TOKEN_RATE_LIMIT, DEFAULT_SEND_RATE_LIMIT } from '../app.js';
import { DEFAULT_MAX_STREAMS_PER_PERSON } from '../events/event-hub-limits.js';
import { type AttachmentConfig, readAttachmentConfig } from './attachment-config.js';
import { DEFAULT_OUTBOX_LEASE_MS } from './outbox-worker.js';

/** Where PGlite keeps its data when `--data` is not given (relative to the working directory). */
export const DEFAULT_DATA_DIR = './.confide-data';
/** The port when `--port` is not given. */
export const DEFAULT_PORT = 8787;
/** The interface when `--host` is not given: this machine only, on both loopbacks (127.0.0.1 and ::1). */
export const DEFAULT_HOST = 'localhost';

/** The usage text of `confide-server --help`. */
export const USAGE = `Usage: confide-server [--port N] [--host H] [--data DIR] [--seed demo]

  --port N      port to listen on; 0 picks a free one (default ${DEFAULT_PORT}, or PORT)
  --host H      interface to listen on; localhost means 127.0.0.1 and ::1 (default ${DEFAULT_HOST})
  --data DIR    PGlite data folder when DATABASE_URL is unset (default ${DEFAULT_DATA_DIR})
  --seed demo   load the demo dataset (does nothing when it is already there)

Environment: DATABASE_URL, CONFIDE_DATABASE_SCHEMA, SMTP_URL, CONFIDE_MAIL_FROM, CONFIDE_JWT_SECRET,
CONFIDE_JWKS_URL, CONFIDE_JWT_ISSUER, CONFIDE_JWT_AUDIENCE, CONFIDE_DEV=1, CONFIDE_ALLOWED_ORIGINS,
CONFIDE_PORTAL_URL, CONFIDE_FIRM_APP_URL, CONFIDE_OUTBOX_LEASE_MS, CONFIDE_SEND_RATE_LIMIT,
CONFIDE_DEV_TOKEN_RATE_LIMIT, CONFIDE_MAX_STREAMS_PER_PERSON,
CONFIDE_MAX_UPLOAD_BYTES, CONFIDE_ALLOWED_TYPES, CONFIDE_CLAMAV, CONFIDE_S3_*, CONFIDE_LOG_REQUESTS=1
(see the README).`;

/** Everything the server process is configured with. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly seed: 'demo' | undefined;
  readonly databaseUrl: string | undefined;
  readonly databaseSchema: string | undefined;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string | undefined;
  readonly jwtSecret: string | undefined;
  /** True when the secret was made up for this start (dev mode without CONFIDE_JWT_SECRET). */
  readonly jwtSecretGenerated: boolean;
  readonly jwksUrl: string | undefined;
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string | undefined;
  readonly dev: boolean;
  readonly allowedOrigins: readonly string[];
  readonly portalUrl: string;
  readonly firmAppUrl: string;
  readonly outboxLeaseMs: number;
  /** Sends (messages and new conversations) one person may make per minute. */
  readonly sendRateLimit: number;
  /** Dev tokens one caller address (an IPv6 caller's /64) may get per minute. */
  readonly devTokenRateLimit: number;
  /** Event streams one person may hold open in this process. */
  readonly maxStreamsPerPerson: number;
  /** Files: limits, allow-list, scanner and storage. */
  readonly attachments: AttachmentConfig;
  /** Whether every request gets a log line (`CONFIDE_LOG_REQUESTS=1`); otherwise only failed ones (5xx). */
  readonly logRequests: boolean;
}

/** A configuration mistake: the CLI prints the message and the usage and exits with status 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
const port = z.coerce.number<string | undefined>().int().min(0).max(65_535);

const EnvironmentSchema = z.object({
  PORT: optional.pipe(port.optional()),
  DATABASE_URL: optional.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  CONFIDE_DATABASE_SCHEMA: optional,
  SMTP_URL: optional.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  CONFIDE_MAIL_FROM: optional,
  CONFIDE_JWT_SECRET: optional.pipe(
    z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  ),
  CONFIDE_JWKS_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  CONFIDE_JWT_ISSUER: optional,
  CONFIDE_JWT_AUDIENCE: optional,
  CONFIDE_DEV: optional,
  CONFIDE_ALLOWED_ORIGINS: optional,
  CONFIDE_PORTAL_URL: optional.pipe(z.url().optional()),
  CONFIDE_FIRM_APP_URL: optional.pipe(z.url().optional()),
  CONFIDE_OUTBOX_LEASE_MS: optional.pipe(z.coerce.number<string | undefined>().int().min(1_000).optional()),
  CONFIDE_SEND_RATE_LIMIT: optional.pipe(z.coerce.number<string | undefined>().int().min(1).optional()),
  CONFIDE_DEV_TOKEN_RATE_LIMIT: optional.pipe(z.coerce.number<string | undefined>().int().min(1).optional()),
  CONFIDE_MAX_STREAMS_PER_PERSON: optional.pipe(
    z.coerce.number<string | undefined>().int().min(1).optional(),
  ),
  CONFIDE_LOG_REQUESTS: optional.pipe(
    z.enum(['1', 'true', '0', 'false'], { error: 'must be 1, true, 0 or false' }).optional(),
  ),
});

function readArguments(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}

function readAttachments(environment: Record<string, string | undefined>): AttachmentConfig {
  try {
    return readAttachmentConfig(environment);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}

/** Reads the command line and the environment; returns `'help'` for `--help`. Throws `ConfigError`. */
export function readServerConfig(
  argv: readonly string[],
  environment: Record<string, string | undefined>,
): ServerConfig | 'help' {
  const values = readArguments(argv);
  if (values.help) return 'help';
  const parsedEnvironment = EnvironmentSchema.safeParse(environment);
  if (!parsedEnvironment.success) {
    const issue = parsedEnvironment.error.issues[0];
    throw new ConfigError(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const env = parsedEnvironment.data;
  const parsedPort = values.port === undefined ? undefined : port.safeParse(values.port);
  if (parsedPort && !parsedPort.success) throw new ConfigError('--port must be a number from 0 to 65535');
  if (values.seed !== undefined && values.seed !== 'demo') throw new ConfigError('--seed takes only "demo"');
  const dev = env.CONFIDE_DEV === '1' || env.CONFIDE_DEV === 'true';
  if (!dev && env.CONFIDE_JWT_SECRET === undefined && env.CONFIDE_JWKS_URL === undefined) {
    throw new ConfigError('Set CONFIDE_JWT_SECRET or CONFIDE_JWKS_URL (or CONFIDE_DEV=1 for a dev server)');
  }
  const jwtSecretGenerated = dev && env.CONFIDE_JWT_SECRET === undefined;
  const allowedOrigins = (env.CONFIDE_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of allowedOrigins) {
    if (!z.url().safeParse(origin).success)
      throw new ConfigError(`CONFIDE_ALLOWED_ORIGINS: ${origin} is no URL`);
  }
  return {
    port: parsedPort?.data ?? env.PORT ?? DEFAULT_PORT,
    host: values.host ?? DEFAULT_HOST,
    dataDir: values.data ?? DEFAULT_DATA_DIR,
    seed: values.seed === 'demo' ? 'demo' : undefined,
    databaseUrl: env.DATABASE_URL,
    databaseSchema: env.CONFIDE_DATABASE_SCHEMA,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.CONFIDE_MAIL_FROM,
    // Dev mode without a secret: a random one per start, so dev tokens from an earlier run stop working.
    jwtSecret: env.CONFIDE_JWT_SECRET ?? (jwtSecretGenerated ? randomBytes(32).toString('hex') : undefined),
    jwtSecretGenerated,
    jwksUrl: env.CONFIDE_JWKS_URL,
    jwtIssuer: env.CONFIDE_JWT_ISSUER,
    jwtAudience: env.CONFIDE_JWT_AUDIENCE,
    dev,
    allowedOrigins,
    portalUrl: env.CONFIDE_PORTAL_URL ?? 'http://localhost:5174',
    firmAppUrl: env.CONFIDE_FIRM_APP_URL ?? 'http://localhost:5173',
    outboxLeaseMs: env.CONFIDE_OUTBOX_LEASE_MS ?? DEFAULT_OUTBOX_LEASE_MS,
    sendRateLimit: env.CONFIDE_SEND_RATE_LIMIT ?? DEFAULT_SEND_RATE_LIMIT.limit,
    devTokenRateLimit: env.CONFIDE_DEV_TOKEN_RATE_LIMIT ?? DEFAULT_DEV_TOKEN_RATE_LIMIT.limit,
    maxStreamsPerPerson: env.CONFIDE_MAX_STREAMS_PER_PERSON ?? DEFAULT_MAX_STREAMS_PER_PERSON,
    attachments: readAttachments(environment),
    logRequests: env.CONFIDE_LOG_REQUESTS === '1' || env.CONFIDE_LOG_REQUESTS === 'true',
  };
}
