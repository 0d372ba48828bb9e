import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/system-chromium.js';

const configDir = fileURLToPath(new URL('.', import.meta.url));
// Every story renders in headless Chromium, runs its play function, then axe: a violation fails the test.
export default defineConfig({
  plugins: [storybookTest({ configDir })],
  resolve: { conditions: ['@confide/source', ...defaultClientConditions] },
  test: {
    name: 'storybook',
    browser: {
      enabled: true,
      headless: true,
      instances: [{ browser: 'chromium' }],
      provider: playwright({
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
        },
      }),
    },
    setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
    // A story's play function waits on the real server rules in the page (up to 20 s for a burst of live messages);
    // on two busy cores the longest take about 30 s, over the default 15 s. A story that hangs still fails.
    testTimeout: 60_000,
  },
});
