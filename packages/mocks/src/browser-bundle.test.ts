import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Bundling the whole server app (with file-type's parsers for the in-memory uploads) takes seconds on a busy machine.
const BUNDLE_TIMEOUT_MS = 60_000;

describe('the browser entry point', () => {
  it('bundles for the browser without msw/node or any Node built-in', {
    timeout: BUNDLE_TIMEOUT_MS,
  }, async () => {
    const result = await build({
      entryPoints: [new URL('./browser.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      conditions: ['@confide/source'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('msw/lib/browser'))).toBe(true);
    expect(inputs.some((input) => input.includes('/server/src/app.ts'))).toBe(true);
    expect(inputs.some((input) => input.includes('/server/src/attachments/memory-uploads.ts'))).toBe(true);
    expect(
      inputs.filter(
        (input) => input.startsWith('node:') || input.includes('msw/lib/node') || input.includes('/src/node'),
      ),
    ).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});
