import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the isomorphic entry point', () => {
  it('bundles for the browser with no Node built-in anywhere in its dependency tree', async () => {
    const result = await build({
      entryPoints: [new URL('./index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      conditions: ['@confide/source'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('hono'))).toBe(true);
    expect(inputs.filter((input) => input.startsWith('node:') || input.includes('/src/node/'))).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});
