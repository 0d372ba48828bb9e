import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@confide/source'] },
  ssr: { resolve: { conditions: ['@confide/source'] } },
  test: { environment: 'node', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] },
});
