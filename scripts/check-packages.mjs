#!/usr/bin/env node
// `pnpm check:packages` (after `pnpm build`): every publishable package passes publint in strict mode (warnings
// count as errors) and "are the types wrong" (types resolve, and match the JavaScript, for each entry point under
// every TypeScript module resolution a host app may use). A package's `.attw.json` names the entry points that
// carry no types (a stylesheet).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('../packages/', import.meta.url));

const publishable = readdirSync(packagesDir).filter((name) => {
  const manifest = JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8'));
  return manifest.private !== true;
});

const checks = [
  ['publint', ['exec', 'publint', '--strict']],
  ['attw', ['exec', 'attw', '--pack', '.', '--format', 'ascii']],
];

const failures = [];
for (const name of publishable) {
  for (const [label, args] of checks) {
    const result = spawnSync('pnpm', args, { cwd: join(packagesDir, name), encoding: 'utf8' });
    const passed = result.status === 0;
    process.stdout.write(`${passed ? 'ok  ' : 'FAIL'} ${label} packages/${name}\n`);
    if (!passed) {
      failures.push(`${label} packages/${name}`);
      process.stdout.write(`${result.stdout}${result.stderr}\n`);
    }
  }
}

if (failures.length > 0) {
  process.stderr.write(`Package checks failed: ${failures.join(', ')}\n`);
  process.exit(1);
}
