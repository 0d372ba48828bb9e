import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memberSees } from './api.js';
import { collectProblems, launchChromium } from './browser.js';
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
    const row = page
      .getByRole('listbox', { name: 'Conversations' })
      .getByRole('option', { name: /Work permit renewal/ });
    await row.click();
    const thread = page.getByRole('region', { name: 'Open conversation' });
    await thread.getByText('We also need a letter from your employer').waitFor();
    expect(await thread.getByText('employer letter still missing').count()).toBe(0);
  });

  it('starts a new conversation that the firm receives', async () => {
    const compose = page.getByRole('region', { name: 'New conversation' });
    const subject = `Started in the Next.js host ${Date.now()}`;
    await compose.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await compose.getByRole('textbox', { name: 'Message' }).fill('Hello from a Next.js host on React 19.');
    await compose.getByRole('button', { name: 'Send', exact: true }).click();
    await page
      .getByRole('region', { name: 'Open conversation' })
      .getByText('Hello from a Next.js host on React 19.')
      .waitFor();
    const ben = await memberSees(apiUrl, 'ben.cho@rivera-cho.test');
    const conversation = await ben.conversation(subject);
    expect(conversation && (await ben.messageBodies(conversation.id))).toEqual([
      'Hello from a Next.js host on React 19.',
    ]);
  });

  it('reported no hydration warning, no error and no warning in the console', () => {
    expect(problems).toEqual([]);
  });
});
