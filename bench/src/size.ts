/**
 * Size: what a host ships, measured the way a production bundler would (esbuild, minified, browser, ES2022,
 * NODE_ENV=production, gzip level 9), with workspace packages resolved to their sources.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { printTable } from './stats.js';

const root = join(import.meta.dirname, '..', '..');
const KB = 1024;

/** The budgets from the benchmarks issue, in bytes. */
export const BUDGETS = { core: 20 * KB, kit: 45 * KB, css: 8 * KB } as const;

/** A typical import of the SDK alone: client, HTTP transport, queries and stores. */
const CORE_ENTRY = `export {
  createConfideClient, httpTransport, conversationQueries, notificationQueries, templateQueries, viewerQueries,
  createConfideKeys, createComposerStore, createOutboxStore, createIndexStore, createConnectionStore, localStorageAdapter,
  ConfideError,
} from '@confide/core';`;

/** All five components with what a host needs to connect them. */
const KIT_ENTRY = `export {
  ConfideProvider, ThreadView, MessageIndex, ComposeSecureMessage, NotificationBell, NotificationList,
  NotificationSettingsForm,
} from '@confide/react';
export { httpTransport, localStorageAdapter } from '@confide/core';`;

/** The host app brings these (peer dependencies of @confide/react). */
const PEERS = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@tanstack/query-core'];

export interface SizeResult {
  readonly name: string;
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  readonly budgetBytes: number;
  /** Minified bytes per package, largest first. */
  readonly byPackage: readonly { readonly name: string; readonly bytes: number }[];
  /** What loads only through a dynamic import (gzip summed per chunk), not counted against the budget. */
  readonly lazy?: Pick<SizeResult, 'minifiedBytes' | 'gzipBytes' | 'byPackage'>;
}

function packageOf(path: string): string {
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (dependency?.[1]) return dependency[1];
  const workspace = /packages\/(\w+)\/src\//.exec(path);
  return workspace?.[1] ? `@confide/${workspace[1]}` : path;
}

async function measureEntry(name: string, contents: string, external: string[], budgetBytes: number) {
  const result = await build({
    stdin: { contents, resolveDir: join(root, 'bench'), loader: 'ts', sourcefile: `${name}.ts` },
    bundle: true,
    // Dynamic imports become chunks of their own, as in the hosts' bundlers (Vite, webpack): the budget counts what
    // a page loads at start; what loads later (tus-js-client, on the first upload) is reported on its own line.
    splitting: true,
    outdir: 'size-out',
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    conditions: ['@confide/source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    write: false,
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint);
  // The entry and every chunk it imports statically load at start; the rest only through import().
  const atStart = new Set<string>();
  const visit = (path: string) => {
    if (atStart.has(path)) return;
    atStart.add(path);
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  if (entry) visit(entry);
  const files = result.outputFiles.filter((file) => file.path.endsWith('.js'));
  const sizes = (start: boolean) => {
    const chosen = files.filter((file) => atStart.has(relative(process.cwd(), file.path)) === start);
    // esbuild puts each module that the entry and a lazy chunk share into a small chunk of its own; Vite (Rollup) and
    // webpack keep such modules in the entry's file, since it has loaded before any import() runs. So what loads at
    // start is gzipped as that one file; each lazy chunk is a request of its own and is gzipped alone.
    const gzip = start
      ? gzipSync(Buffer.concat(chosen.map((file) => file.contents)), { level: 9 }).length
      : chosen.reduce((sum, file) => sum + gzipSync(file.contents, { level: 9 }).length, 0);
    return { minified: chosen.reduce((sum, file) => sum + file.contents.length, 0), gzip };
  };
  const byPackage = (start: boolean) => {
    const totals = new Map<string, number>();
    for (const [path, output] of Object.entries(outputs)) {
      if (atStart.has(path) !== start) continue;
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const owner = packageOf(input);
        totals.set(owner, (totals.get(owner) ?? 0) + bytesInOutput);
      }
    }
    return [...totals]
      .filter(([, bytes]) => bytes > 0)
      .map(([owner, bytes]) => ({ name: owner, bytes }))
      .sort((left, right) => right.bytes - left.bytes);
  };
  const start = sizes(true);
  const later = sizes(false);
  return {
    name,
    minifiedBytes: start.minified,
    gzipBytes: start.gzip,
    budgetBytes,
    byPackage: byPackage(true),
    lazy: { minifiedBytes: later.minified, gzipBytes: later.gzip, byPackage: byPackage(false) },
  } satisfies SizeResult;
}

async function measureCss(): Promise<SizeResult> {
  const parts = ['tokens', 'index', 'dark'];
  const css = (
    await Promise.all(
      parts.map((part) => readFile(join(root, 'packages/react/src/styles', `${part}.css`), 'utf8')),
    )
  ).join('\n');
  // Measured as shipped (comments kept): minifying CSS is the host bundler's job.
  const bytes = Buffer.byteLength(css);
  return {
    name: '@confide/react/styles.css',
    minifiedBytes: bytes,
    gzipBytes: gzipSync(css, { level: 9 }).length,
    budgetBytes: BUDGETS.css,
    byPackage: [],
  };
}

export async function measureSizes(): Promise<SizeResult[]> {
  return [
    // query-core is a peer of the SDK (the host's react-query brings it), as react-query is of the kit.
    await measureEntry('@confide/core, typical import', CORE_ENTRY, ['@tanstack/query-core'], BUDGETS.core),
    await measureEntry('@confide/react + core, all five components', KIT_ENTRY, PEERS, BUDGETS.kit),
    await measureCss(),
  ];
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

export function printSizes(results: readonly SizeResult[]) {
  printTable(
    'Size (esbuild, minified, gzip -9; peers react, react-dom, @tanstack/react-query excluded from the kit)',
    ['bundle', 'minified', 'min+gzip', 'budget', 'verdict'],
    results.map((result) => [
      result.name,
      kb(result.minifiedBytes),
      kb(result.gzipBytes),
      kb(result.budgetBytes),
      result.gzipBytes <= result.budgetBytes
        ? 'within'
        : `OVER by ${kb(result.gzipBytes - result.budgetBytes)}`,
    ]),
  );
  for (const result of results.filter((entry) => entry.byPackage.length > 0)) {
    const parts = result.byPackage.map((entry) => `${entry.name} ${kb(entry.bytes)}`).join(', ');
    console.log(`  ${result.name}, minified by package: ${parts}`);
    if (result.lazy?.minifiedBytes) {
      const later = result.lazy.byPackage.map((entry) => `${entry.name} ${kb(entry.bytes)}`).join(', ');
      console.log(
        `  ${result.name}, loaded later (dynamic import): ${kb(result.lazy.minifiedBytes)} minified, ${kb(result.lazy.gzipBytes)} min+gzip: ${later}`,
      );
    }
  }
}
