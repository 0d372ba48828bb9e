// Measures a typical import of @confide/core (client + HTTP transport + queries + stores) bundled with all of
// its dependencies (protocol, zod, ky, zustand, query-core), minified and gzipped, and fails over budget.
// Run: pnpm --filter @confide/core size
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The budget from the SDK's issue: 30 KB min+gzip, in bytes. */
const BUDGET_BYTES = 30 * 1024;

const TYPICAL_IMPORT = `
import {
  createConfideClient, httpTransport, conversationQueries, notificationQueries, templateQueries, viewerQueries,
  confideKeys, createComposerStore, createOutboxStore, createIndexStore, createConnectionStore, localStorageAdapter,
  ConfideError,
} from './src/index.ts';
export {
  createConfideClient, httpTransport, conversationQueries, notificationQueries, templateQueries, viewerQueries,
  confideKeys, createComposerStore, createOutboxStore, createIndexStore, createConnectionStore, localStorageAdapter,
  ConfideError,
};
`;

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const result = await build({
  stdin: { contents: TYPICAL_IMPORT, resolveDir: packageDir, loader: 'ts', sourcefile: 'typical-import.ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  // Resolve workspace packages to their sources, as the apps' bundlers do in development.
  conditions: ['@confide/source'],
  metafile: true,
  write: false,
  logLevel: 'error',
});

const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
const kilobytes = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const byPackage = new Map();
const [output] = Object.values(result.metafile.outputs);
for (const [path, input] of Object.entries(output.inputs)) {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  const name = match ? match[1] : path.includes('protocol/src') ? '@confide/protocol' : '@confide/core';
  byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
}

console.log(
  `@confide/core typical import: ${kilobytes(code.length)} minified, ${kilobytes(gzipped)} min+gzip (budget ${kilobytes(BUDGET_BYTES)})`,
);
for (const [name, bytes] of [...byPackage].sort((left, right) => right[1] - left[1])) {
  console.log(`  ${name.padEnd(24)} ${kilobytes(bytes)} minified`);
}
if (gzipped > BUDGET_BYTES) {
  console.error(`Over budget by ${kilobytes(gzipped - BUDGET_BYTES)}.`);
  process.exit(1);
}
