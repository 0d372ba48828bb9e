#!/usr/bin/env node
// `pnpm start`: the reference server with the demo data and both demo apps, in parallel, until Ctrl-C.
// Each child runs in its own process group so that stopping it also stops what it started (pnpm → tsx → node,
// pnpm → vite); nothing is left listening after Ctrl-C.
import { spawn } from 'node:child_process';
import { stopProcessGroup } from './process-group.ts';

const API_PORT = '8787';
const API_URL = `http://localhost:${API_PORT}`;

// The server's `start` script runs `confide-server` on PGlite (data in packages/server/.confide-data) with the
// demo data in dev mode. The packages run from source (their `@confide/source` export condition), so nothing
// needs building first.
const services = [
  {
    name: 'server',
    label: 'API server',
    command: ['pnpm', '--filter', '@confide/server', 'start'],
    env: {},
  },
  {
    name: 'firm',
    label: 'Firm app (CaseDesk)',
    command: ['pnpm', '--filter', '@confide/app-firm', 'dev'],
    env: { VITE_CONFIDE_API_URL: API_URL },
  },
  {
    name: 'portal',
    label: 'Client portal',
    command: ['pnpm', '--filter', '@confide/app-portal', 'dev'],
    env: { VITE_CONFIDE_API_URL: API_URL },
  },
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters.
const ANSI = /\u001b\[[0-9;]*m/g;
const URL_PATTERN = /(https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\]):\d+)/;

const running = new Map();
const urls = new Map();
let stopping = false;

function prefixLines(name, chunk, onLine) {
  // While stopping, pnpm reports its killed children as failures: that noise is not news.
  if (stopping) return;
  for (const line of chunk.toString().split('\n')) {
    const text = line.replace(ANSI, '').trimEnd();
    if (!text) continue;
    onLine(text);
    process.stdout.write(`[${name}] ${text}\n`);
  }
}

function printBanner() {
  const width = Math.max(...services.map((service) => service.label.length)) + 2;
  const rows = services.map((service) => `  ${service.label.padEnd(width)}${urls.get(service.name)}`);
  rows.push(
    `  ${'Dev mail page'.padEnd(width)}${urls.get('server')}/dev/mail   (e-mails are kept there; without SMTP_URL none is sent)`,
  );
  // Requests are not logged one by one unless asked for: this banner and the errors stay easy to find.
  const requests = /^(1|true)$/.test(process.env.CONFIDE_LOG_REQUESTS ?? '')
    ? 'Every request is logged (CONFIDE_LOG_REQUESTS).'
    : 'Only errors are logged; CONFIDE_LOG_REQUESTS=1 pnpm start logs every request.';
  process.stdout.write(`\nConfide is running:\n${rows.join('\n')}\n\n${requests}\nPress Ctrl-C to stop.\n\n`);
}

function start(service) {
  const [command, ...args] = service.command;
  const child = spawn(command, args, {
    env: { ...process.env, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.set(service.name, child);
  const onLine = (text) => {
    if (urls.has(service.name)) return;
    const match = URL_PATTERN.exec(text);
    if (!match?.[1]) return;
    urls.set(service.name, match[1]);
    if (urls.size === services.length) printBanner();
  };
  child.stdout.on('data', (chunk) => prefixLines(service.name, chunk, onLine));
  child.stderr.on('data', (chunk) => prefixLines(service.name, chunk, () => {}));
  child.on('exit', (code, signal) => {
    running.delete(service.name);
    if (stopping) return;
    process.stderr.write(
      `\n[${service.name}] stopped (${signal ?? `exit code ${code}`}); stopping everything.\n`,
    );
    void stopAll(1);
  });
}

async function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping…\n');
  await Promise.all([...running.values()].map((child) => stopProcessGroup(child)));
  process.stdout.write('Stopped.\n');
  process.exit(exitCode);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
for (const service of services) start(service);
