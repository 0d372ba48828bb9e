// Measures what a host ships for all five components: @confide/react + @confide/core with their dependencies
// (protocol, zod, ky, zustand), bundled, minified and gzipped, with the peers left out (react, react-dom,
// @tanstack/react-query and @tanstack/query-core). Also measures styles.css. Exits non-zero over budget.
// Run: pnpm --filter @confide/react size
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The budgets from the kit's issue, in bytes: 45 KB min+gzip JS, 8 KB gzip CSS. */
const JS_BUDGET_BYTES = 45 * 1024;
const CSS_BUDGET_BYTES = 8 * 1024;

const ALL_COMPONENTS = `
export {
  ConfideProvider, ThreadView, MessageIndex, ComposeSecureMessage, NotificationBell, NotificationList,
  NotificationSettingsForm,
} from './src/index.ts';
export { httpTransport, localStorageAdapter } from '@confide/core';
`;
const PEERS = ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', '@tanstack/query-core'];

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bundle = (external) =>
  build({
    stdin: {
      contents: ALL_COMPONENTS,
      resolveDir: packageDir,
      loader: 'ts',
      sourcefile: 'all-components.ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    // Resolve workspace packages to their sources, as the apps' bundlers do in development.
    conditions: ['@confide/source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    write: false,
    logLevel: 'error',
  });
const gzipOf = (built) => gzipSync(built.outputFiles[0].contents, { level: 9 }).length;
const result = await bundle(PEERS);
// Two reference points: without zod (which the protocol's schemas pull in whole), and the kit's own code alone.
const withoutZod = gzipOf(await bundle([...PEERS, 'zod']));
const reactOnly = gzipOf(
  await bundle([...PEERS, 'zod', 'ky', 'zustand', 'zustand/*', '@confide/core', '@confide/protocol']),
);

const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;

const byPackage = new Map();
const [output] = Object.values(result.metafile.outputs);
for (const [path, input] of Object.entries(output.inputs)) {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  const workspace = /(?:^|\.\.\/)(?:(\w+)\/)?src\//.exec(path);
  const name = match ? match[1] : workspace ? `@confide/${workspace[1] ?? 'react'}` : path;
  byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
}

const css = (
  await Promise.all(
    ['tokens', 'index', 'dark'].map((name) => readFile(`${packageDir}src/styles/${name}.css`, 'utf8')),
  )
).join('\n');
// The shipped stylesheet keeps its comments; minifying it is the host bundler's job, so measure it as shipped.
const cssGzipped = gzipSync(css, { level: 9 }).length;

console.log(
  `JS, all five components with @confide/core and its dependencies (peers excluded): ${kilobytes(code.length)} minified, ${kilobytes(gzipped)} min+gzip (budget ${kilobytes(JS_BUDGET_BYTES)})`,
);
for (const [name, bytes] of [...byPackage].sort((left, right) => right[1] - left[1])) {
  console.log(`  ${name.padEnd(24)} ${kilobytes(bytes)} minified`);
}
console.log(`  all of it except zod: ${kilobytes(withoutZod)} min+gzip`);
console.log(`  @confide/react's own code alone: ${kilobytes(reactOnly)} min+gzip`);
console.log(
  `CSS, styles.css: ${kilobytes(css.length)}, ${kilobytes(cssGzipped)} gzip (budget ${kilobytes(CSS_BUDGET_BYTES)})`,
);

let over = false;
if (gzipped > JS_BUDGET_BYTES) {
  console.error(`JS over budget by ${kilobytes(gzipped - JS_BUDGET_BYTES)}.`);
  over = true;
}
if (cssGzipped > CSS_BUDGET_BYTES) {
  console.error(`CSS over budget by ${kilobytes(cssGzipped - CSS_BUDGET_BYTES)}.`);
  over = true;
}
if (over) process.exit(1);
