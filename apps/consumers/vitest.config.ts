import { defineConfig } from 'vitest/config';

// One file at a time: each host app's install and build already keeps both cores busy. The first run after the
// packages change installs and builds the hosts (minutes); later runs reuse them (see src/scratch.ts).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.int.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
