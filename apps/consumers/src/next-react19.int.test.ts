import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collectProblems, launchChromium } from './browser.js';
import { openWorkPermitThread, startConversationFromHost } from './host-page.js';
import { type StartedProcess, startProcess } from './process.js';
import { run } from './run.js';
import { installHost } from './scratch.js';

const apiUrl = inject('apiUrl');
const port = inject('nextPort');
const appUrl = `http://127.0.0.1:${port}/`;
const NEXT_ENV = { NEXT_TELEMETRY_DISABLED: '1' };

let browser: Browser;
let next: StartedProcess;
let page: Page;
let problems: string[];

beforeAll(async () => {
  const host = await installHost('next-react19', inject('packed'), [
    '@confide/protocol',
    '@confide/core',
    '@confide/react',
  ]);
  await host.once('build', () => run('npm', ['run', 'build'], { cwd: host.folder, env: NEXT_ENV }));
  next = await startProcess('npm', ['run', 'start', '--', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: host.folder,
    env: { ...NEXT_ENV, CONFIDE_API_URL: apiUrl },
    ready: /Ready in/,
    timeoutMs: 60_000,
  });
  browser = await launchChromium();
  page = await browser.newPage();
  problems = collectProblems(page);
});

afterAll(async () => {
  await browser?.close();
  await next?.stop();
});

describe('a Next.js app (app router, React 19) with the packed kit', () => {
  it('server-renders the kit into the HTML', async () => {
    const html = await (await fetch(appUrl)).text();
    expect(html).toMatch(/Host app on React (<!-- -->)?19\./);
    // The composer is part of the server's HTML, before any script runs.
    expect(html).toContain('class="confide');
    expect(html).toContain('Subject');
  });

  it('hydrates: the index loads and a conversation opens with its whole chain', async () => {
    await page.goto(appUrl);
    await openWorkPermitThread(page);
  });

  it('starts a new conversation that the firm receives', async () => {
    await startConversationFromHost(
      page,
      apiUrl,
      `Started in the Next.js host ${Date.now()}`,
      'Hello from a Next.js host on React 19.',
    );
  });

  it('reported no hydration warning, no error and no warning in the console', () => {
    expect(problems).toEqual([]);
  });
});
