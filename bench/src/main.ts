/**
 * `pnpm bench [--quick] [--only size,render,server,sdk,uploads]`: prints each part's table and writes every figure to
 * bench/results/<date>.json. Exits non-zero when a size budget is exceeded.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureRendering, printRendering } from './render/run.js';
import { measureSdk, printSdk } from './sdk.js';
import { measureServer, printServer } from './server.js';
import { measureSizes, printSizes } from './size.js';
import { measureUploads, printUploads } from './uploads.js';

const PARTS = ['size', 'render', 'server', 'sdk', 'uploads'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = values.quick ?? false;
const only = values.only?.split(',').map((part) => part.trim()) ?? [...PARTS];
for (const part of only) {
  if (!PARTS.includes(part as Part)) {
    console.error(`Unknown part "${part}"; choose from ${PARTS.join(', ')}`);
    process.exit(2);
  }
}
const runs = (part: Part) => only.includes(part);

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 1024 ** 3),
  node: process.version,
};
console.log(
  `Confide benchmarks${quick ? ' (quick)' : ''}: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}`,
);

const results: Record<string, unknown> = { date: new Date().toISOString(), quick, machine };
let overBudget = false;

if (runs('size')) {
  const sizes = await measureSizes();
  printSizes(sizes);
  results.size = sizes;
  overBudget = sizes.some((size) => size.gzipBytes > size.budgetBytes);
}
if (runs('render')) {
  const rendering = await measureRendering({ quick });
  printRendering(rendering);
  results.render = rendering;
}
if (runs('server')) {
  const server = await measureServer({ quick });
  printServer(server);
  results.server = server;
}
if (runs('sdk')) {
  const sdk = await measureSdk({ quick });
  printSdk(sdk);
  results.sdk = sdk;
}
if (runs('uploads')) {
  const uploads = await measureUploads({ quick });
  printUploads(uploads);
  results.uploads = uploads;
}

const folder = join(import.meta.dirname, '..', 'results');
await mkdir(folder, { recursive: true });
const file = join(folder, `${new Date().toISOString().slice(0, 10)}${quick ? '-quick' : ''}.json`);
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote bench/results/${file.split('/').at(-1)}`);
if (overBudget) {
  console.error('A size budget is exceeded (see the Size table).');
  process.exitCode = 1;
}
