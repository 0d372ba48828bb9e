import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memberSees } from './api.js';
import { collectProblems, launchChromium } from './browser.js';
import { openWorkPermitThread, startConversationFromHost } from './host-page.js';
import { run } from './run.js';
import { installHost } from './scratch.js';
import { serveStatic } from './static-server.js';

const apiUrl = inject('apiUrl');
const port = inject('vitePort');

let browser: Browser;
let server: Server;
let page: Page;
let problems: string[];

beforeAll(async () => {
  const host = await installHost('vite-react18', inject('packed'), [
    '@confide/protocol',
    '@confide/core',
    '@confide/react',
  ]);
  // React's development build, as in a developer's `vite dev`: StrictMode then mounts, cleans up and mounts every
  // effect again, which hid a send that never went out. Set here, not inherited from the test runner's NODE_ENV.
  await host.once('build', () =>
    run('npm', ['run', 'build'], { cwd: host.folder, env: { NODE_ENV: 'development' } }),
  );
  server = await serveStatic(join(host.folder, 'dist'), port);
  browser = await launchChromium();
  page = await browser.newPage();
  problems = collectProblems(page);
  await page.goto(`http://127.0.0.1:${port}/?api=${encodeURIComponent(apiUrl)}`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('a Vite single-page app on React 18.3 with the packed kit', () => {
  it('renders on React 18', async () => {
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/^Host app on React 18\.3\./);
  });

  it("lists the client's conversations and opens one with its whole chain", async () => {
    const thread = await openWorkPermitThread(page);
    expect(await thread.getByText('your work permit expires in three months').count()).toBe(1);
  });

  it('sends a reply that the firm receives', async () => {
    const thread = page.getByRole('region', { name: 'Open conversation' });
    const body = `Reply from the Vite host ${Date.now()}`;
    await thread.getByRole('textbox', { name: 'Reply' }).fill(body);
    await thread.getByRole('button', { name: 'Send', exact: true }).click();
    await thread.getByRole('article').filter({ hasText: body }).waitFor();
    // The reply shows while it is still on its way; the firm has it once the POST is answered.
    const ben = await memberSees(apiUrl, 'ben.cho@rivera-cho.test');
    await expect.poll(() => ben.messageBodies('cnv_daniel_work_permit'), { timeout: 10_000 }).toContain(body);
  });

  it('starts a new conversation that the firm receives', async () => {
    await startConversationFromHost(
      page,
      apiUrl,
      `Started in the Vite host ${Date.now()}`,
      'Hello from a host app on React 18.',
    );
  });

  it('reported no error and no warning in the console', () => {
    expect(problems).toEqual([]);
  });
});
