import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How long clamd may take to load its (one-line) database and listen. */
const CLAMD_START_TIMEOUT_MS = 60_000;

/**
 * The EICAR anti-malware test file (68 bytes): harmless, and detected by every scanner by design. Built from two
 * halves so that a scanner on a developer's machine does not flag this source file.
 */
export const EICAR = `X5O!P%@AP[4\\PZX54(P^)7CC)7}$${'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'}`;

/** Where clamd is on this machine, or undefined. */
export function findClamd(): string | undefined {
  const candidates = [
    process.env.CONFIDE_CLAMD_PATH,
    '/usr/sbin/clamd',
    '/usr/bin/clamd',
    '/usr/local/sbin/clamd',
  ];
  return candidates.find(
    (candidate): candidate is string => candidate !== undefined && existsSync(candidate),
  );
}

/** Why the ClamAV test cannot run here, or undefined when it can. */
export function clamdSkipReason(): string | undefined {
  return findClamd() === undefined
    ? 'clamd is not installed (run packages/server/scripts/ensure-clamav.sh as root, or install clamav-daemon)'
    : undefined;
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString();
    });
    socket.on('end', () => resolve(reply.includes('PONG')));
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.end('zPING\0'));
  });
}

/** A clamd of our own: a private config and a hash database with only the EICAR file. */
export interface ClamdTestDaemon {
  readonly socketPath: string;
  stop(): Promise<void>;
}

/** Starts clamd from a temporary folder and resolves once it answers PING. */
export async function startClamdTestDaemon(): Promise<ClamdTestDaemon> {
  const clamd = findClamd();
  if (!clamd) throw new Error(clamdSkipReason());
  const directory = await mkdtemp(join(tmpdir(), 'confide-clamd-'));
  await mkdir(join(directory, 'db'));
  await mkdir(join(directory, 'tmp'));
  const eicar = Buffer.from(EICAR);
  const md5 = createHash('md5').update(eicar).digest('hex');
  await writeFile(join(directory, 'db', 'test.hdb'), `${md5}:${eicar.byteLength}:Confide-Test-EICAR\n`);
  const socketPath = join(directory, 'clamd.sock');
  const config = [
    `DatabaseDirectory ${join(directory, 'db')}`,
    `LocalSocket ${socketPath}`,
    `TemporaryDirectory ${join(directory, 'tmp')}`,
    'Foreground yes',
    'LogFile /dev/null',
    'StreamMaxLength 300M',
    'MaxFileSize 300M',
    'MaxScanSize 300M',
  ].join('\n');
  await writeFile(join(directory, 'clamd.conf'), `${config}\n`);
  const child: ChildProcess = spawn(clamd, [`--config-file=${join(directory, 'clamd.conf')}`], {
    stdio: 'ignore',
  });
  const started = Date.now();
  while (!(existsSync(socketPath) && (await ping(socketPath)))) {
    if (child.exitCode !== null) throw new Error(`clamd exited with ${child.exitCode}`);
    if (Date.now() - started > CLAMD_START_TIMEOUT_MS) throw new Error('clamd did not start in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    socketPath,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
