import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@confide/source'] },
  ssr: { resolve: { conditions: ['@confide/source'] } },
  test: {
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    // A guard against hangs, not a speed check: CI shares two cores between several suites.
    testTimeout: 30_000,
  },
});
