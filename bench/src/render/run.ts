/**
 * Rendering, in headless Chromium (the one scripts/system-chromium.ts finds), on a production build of the bench page: our component and the
 * react-virtuoso baseline take turns on the same data (interleaved runs, a fresh page each), and each figure
 * is the median over the runs.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/system-chromium.js';
import { format, median, printTable } from '../stats.js';

// Precise heap figures need this flag on top of the shared ones.
const LAUNCH_ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info'];

type Library = 'ours' | 'baseline';
interface Timing {
  readonly ms: number;
  readonly frames: number;
}

export interface RenderRow {
  readonly scenario: string;
  readonly library: Library;
  readonly runs: number;
  readonly mountMs: number;
  readonly mountFrames: number;
  readonly heapMiB: number;
  readonly heapAddedMiB: number;
  readonly domNodes: number;
  readonly appendMs?: number;
  readonly appendFrames?: number;
  readonly scrollToOldestMs?: number;
}

async function buildPage(folder: string) {
  await build({
    entryPoints: [join(import.meta.dirname, 'page.tsx')],
    outdir: folder,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    conditions: ['@confide/source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
}

function serve(folder: string, page: string) {
  const types: Record<string, string> = {
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.html': 'text/html',
  };
  const server = createServer((request, response) => {
    const name = (request.url ?? '/').split('?')[0] === '/' ? 'index.html' : (request.url ?? '').slice(1);
    const file = name === 'index.html' ? page : join(folder, name.replace(/[^\w.-]/g, ''));
    response.setHeader('content-type', types[extname(file)] ?? 'application/octet-stream');
    createReadStream(file)
      .on('error', () => {
        response.statusCode = 404;
        response.end();
      })
      .pipe(response);
  });
  return new Promise<{ url: string; close: () => void }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    });
  });
}

async function heapMiB(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize / 1024 ** 2;
}

interface Scenario {
  readonly name: string;
  readonly kind: 'thread' | 'index';
  readonly count: number;
  readonly appends: number;
  readonly scroll: boolean;
}

interface Sample {
  mount: Timing;
  heap: number;
  heapAdded: number;
  nodes: number;
  append: Timing[];
  scroll?: Timing;
}

async function sample(browser: Browser, url: string, scenario: Scenario, library: Library): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`  page error (${library}): ${error.message}`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window);
    const setup = { library, kind: scenario.kind, count: scenario.count };
    await page.evaluate((value) => (window as never as BenchWindow).bench.prepare(value), setup);
    const heapBefore = await heapMiB(page);
    const mount = await page.evaluate(() => (window as never as BenchWindow).bench.mount());
    // Let virtualizers settle their measurements before weighing the page.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    const heap = await heapMiB(page);
    const nodes = await page.evaluate(() => (window as never as BenchWindow).bench.domNodes());
    const append: Timing[] = [];
    for (let index = 0; index < scenario.appends; index += 1) {
      append.push(await page.evaluate(() => (window as never as BenchWindow).bench.append()));
    }
    const scroll = scenario.scroll
      ? await page.evaluate(() => (window as never as BenchWindow).bench.scrollToOldest())
      : undefined;
    return { mount, heap, heapAdded: heap - heapBefore, nodes, append, ...(scroll ? { scroll } : {}) };
  } catch (error) {
    const pill = await page
      .evaluate(() => document.querySelector('[class*="pill"]')?.textContent ?? 'no pill')
      .catch(() => 'page gone');
    throw new Error(`${scenario.name}, ${library}: ${(error as Error).message} (${pill})`, { cause: error });
  } finally {
    await context.close();
  }
}

interface BenchWindow {
  bench: {
    prepare(setup: { library: Library; kind: 'thread' | 'index'; count: number }): Promise<boolean>;
    mount(): Promise<Timing>;
    append(): Promise<Timing>;
    scrollToOldest(): Promise<Timing>;
    domNodes(): number;
  };
}

export async function measureRendering(options: { quick: boolean }): Promise<RenderRow[]> {
  const runs = options.quick ? 2 : 5;
  const appends = options.quick ? 5 : 20;
  let scenarios: Scenario[] = options.quick
    ? [
        { name: 'ThreadView, 1,000 messages', kind: 'thread', count: 1_000, appends, scroll: true },
        { name: 'MessageIndex, 1,000 conversations', kind: 'index', count: 1_000, appends: 0, scroll: false },
      ]
    : [
        { name: 'ThreadView, 1,000 messages', kind: 'thread', count: 1_000, appends, scroll: true },
        { name: 'ThreadView, 10,000 messages', kind: 'thread', count: 10_000, appends, scroll: false },
        {
          name: 'MessageIndex, 10,000 conversations',
          kind: 'index',
          count: 10_000,
          appends: 0,
          scroll: false,
        },
      ];
  // CONFIDE_BENCH_SCENARIO=<part of a name> runs only the matching scenarios (for investigating one).
  const only = process.env.CONFIDE_BENCH_SCENARIO;
  if (only) scenarios = scenarios.filter((scenario) => scenario.name.includes(only));
  const folder = await mkdtemp(join(tmpdir(), 'confide-bench-'));
  await buildPage(folder);
  const server = await serve(folder, join(import.meta.dirname, 'index.html'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: LAUNCH_ARGS });
  const rows: RenderRow[] = [];
  try {
    for (const scenario of scenarios) {
      const samples: Record<Library, Sample[]> = { ours: [], baseline: [] };
      for (let run = 0; run < runs; run += 1) {
        // Alternate which goes first, so drift on a shared machine hits both alike.
        const order: Library[] = run % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
        for (const library of order)
          samples[library].push(await sample(browser, server.url, scenario, library));
      }
      for (const library of ['ours', 'baseline'] as const) {
        const taken = samples[library];
        const appendTimes = taken.flatMap((entry) => entry.append);
        const scrolls = taken.flatMap((entry) => (entry.scroll ? [entry.scroll.ms] : []));
        rows.push({
          scenario: scenario.name,
          library,
          runs,
          mountMs: median(taken.map((entry) => entry.mount.ms)),
          mountFrames: median(taken.map((entry) => entry.mount.frames)),
          heapMiB: median(taken.map((entry) => entry.heap)),
          heapAddedMiB: median(taken.map((entry) => entry.heapAdded)),
          domNodes: median(taken.map((entry) => entry.nodes)),
          ...(appendTimes.length > 0
            ? {
                appendMs: median(appendTimes.map((timing) => timing.ms)),
                appendFrames: median(appendTimes.map((timing) => timing.frames)),
              }
            : {}),
          ...(scrolls.length > 0 ? { scrollToOldestMs: median(scrolls) } : {}),
        });
      }
    }
  } finally {
    await browser.close();
    server.close();
    await rm(folder, { recursive: true, force: true });
  }
  return rows;
}

const ratio = (ours: number | undefined, baseline: number | undefined) =>
  ours === undefined || baseline === undefined || baseline === 0 ? 'n/a' : `${(ours / baseline).toFixed(2)}x`;

export function printRendering(rows: readonly RenderRow[]) {
  const table: string[][] = [];
  for (const row of rows) {
    table.push([
      row.scenario,
      row.library,
      `${format(row.mountMs, 'ms', 0)} (${row.mountFrames} fr)`,
      format(row.heapMiB, 'MiB'),
      format(row.heapAddedMiB, 'MiB'),
      String(row.domNodes),
      row.appendMs === undefined ? '' : `${format(row.appendMs, 'ms')} (${row.appendFrames} fr)`,
      row.scrollToOldestMs === undefined ? '' : format(row.scrollToOldestMs, 'ms', 0),
    ]);
    if (row.library === 'baseline') {
      const ours = rows.find((other) => other.scenario === row.scenario && other.library === 'ours');
      table.push([
        '',
        'ours/baseline',
        ratio(ours?.mountMs, row.mountMs),
        ratio(ours?.heapMiB, row.heapMiB),
        ratio(ours?.heapAddedMiB, row.heapAddedMiB),
        ratio(ours?.domNodes, row.domNodes),
        ratio(ours?.appendMs, row.appendMs),
        ratio(ours?.scrollToOldestMs, row.scrollToOldestMs),
      ]);
    }
  }
  printTable(
    `Rendering (headless Chromium, production build, median of ${rows[0]?.runs ?? 0} interleaved runs; fr = animation frames)`,
    [
      'scenario',
      'library',
      'mount -> newest visible',
      'JS heap after',
      'heap added by mount',
      'DOM nodes',
      'append -> visible',
      'scroll to oldest',
    ],
    table,
  );
}
