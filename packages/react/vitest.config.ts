import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@confide/source'] },
  ssr: { resolve: { conditions: ['@confide/source'] } },
  test: {
    // A guard against hangs, not a speed check: CI shares two cores between several suites.
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['./vitest.setup.ts'],
        },
      },
    ],
  },
});
