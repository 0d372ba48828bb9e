/**
 * `tsx src/profile-summary.ts FILE.cpuprofile [top] [fromSecond] [toSecond]`: where a V8 CPU profile (node
 * --cpu-prof) spends its time, as self time per package (our packages by source folder) and the top functions,
 * optionally only between two moments of the profile (to leave out start-up). Used to profile the server
 * under the send load of `pnpm bench --only server` with CONFIDE_BENCH_PROFILE_DIR set.
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The package a script belongs to: a dependency's name, one of our folders, or Node itself. */
function ownerOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency?.[1]) return dependency[1];
  const ours = /packages\/([^/]+)\/src\/([^/]+)/.exec(url);
  if (ours) return `@confide/${ours[1]} ${ours[2]}`;
  if (url.startsWith('node:')) return 'node (built-in modules)';
  return url;
}

const [file, topArgument, fromArgument, toArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary FILE.cpuprofile [top]');
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const fromMicros = Number(fromArgument ?? 0) * 1e6;
const toMicros = toArgument === undefined ? Number.POSITIVE_INFINITY : Number(toArgument) * 1e6;
const selfMicros = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  elapsed += delta;
  if (elapsed < fromMicros || elapsed > toMicros) return;
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
});
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const node = byId.get(id);
  if (!node) continue;
  const owner = ownerOf(node.callFrame.url, node.callFrame.functionName);
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + micros);
  const name = `${node.callFrame.functionName || '(anonymous)'} ${owner}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
}
const top = Number(topArgument ?? 15);
const print = (title: string, rows: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, micros] of [...rows].sort((left, right) => right[1] - left[1]).slice(0, top)) {
    console.log(
      `${((micros / total) * 100).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${name}`,
    );
  }
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
print('Self time by package', byOwner);
print('Self time by function', byFunction);
