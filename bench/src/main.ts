/**
 * `pnpm bench [--quick] [--only size,render,server,sdk,uploads,streams]`: prints each part's table and writes every figure to
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
import { measureStreams, printStreams } from './streams.js';
import { measureUploads, printUploads } from './uploads.js';

/** A part measured, its table printed, and whether its figures exceed a budget. */
function part<Result>(
  measure: (options: { quick: boolean }) => Promise<Result>,
  print: (result: Result) => void,
  overBudget: (result: Result) => boolean = () => false,
) {
  return async (options: { quick: boolean }) => {
    const result = await measure(options);
    print(result);
    return { result, overBudget: overBudget(result) };
  };
}

/** The parts in the order they run. */
const PARTS = {
  size: part(measureSizes, printSizes, (sizes) => sizes.some((size) => size.gzipBytes > size.budgetBytes)),
  render: part(measureRendering, printRendering),
  server: part(measureServer, printServer),
  sdk: part(measureSdk, printSdk),
  uploads: part(measureUploads, printUploads),
  streams: part(measureStreams, printStreams),
};
type Part = keyof typeof PARTS;
const PART_NAMES = Object.keys(PARTS) as Part[];

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const quick = values.quick ?? false;
const only = values.only?.split(',').map((name) => name.trim()) ?? PART_NAMES;
for (const name of only) {
  if (!PART_NAMES.includes(name as Part)) {
    console.error(`Unknown part "${name}"; choose from ${PART_NAMES.join(', ')}`);
    process.exit(2);
  }
}

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

for (const name of PART_NAMES) {
  if (!only.includes(name)) continue;
  const measured = await PARTS[name]({ quick });
  results[name] = measured.result;
  overBudget ||= measured.overBudget;
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
