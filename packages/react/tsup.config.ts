import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', primitives: 'src/primitives/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['react', 'react-dom', '@tanstack/react-query', '@confide/core', 'zustand'],
  // Every entry holds client components and hooks: the directive keeps them usable from Server Components.
  banner: { js: '"use client";' },
  async onSuccess() {
    await mkdir('dist', { recursive: true });
    // One stylesheet for hosts: the tokens, the components, narrow containers and touch, then the dark theme,
    // in cascade order.
    const parts = await Promise.all(
      ['tokens', 'index', 'responsive', 'dark'].map((name) => readFile(`src/styles/${name}.css`, 'utf8')),
    );
    await writeFile('dist/styles.css', parts.join('\n'));
  },
});
