import { chromium } from '@playwright/test';

const [url, out, email, key = 'casedesk.signed-in-as', actions = ''] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
if (email) await context.addInitScript(([k, e]) => sessionStorage.setItem(k, e), [key, email]);
const page = await context.newPage();
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.text());
});
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(2500);
for (const a of actions.split(';').filter(Boolean)) {
  const [kind, arg] = a.split('=');
  if (kind === 'click') await page.getByText(arg, { exact: false }).first().click();
  if (kind === 'role') {
    const [r, n] = arg.split(':');
    await page.getByRole(r, { name: n }).first().click();
  }
  if (kind === 'key') await page.keyboard.press(arg);
  if (kind === 'type') await page.keyboard.type(arg);
  if (kind === 'wait') await page.waitForTimeout(Number(arg));
}
await page.waitForTimeout(800);
await page.screenshot({ path: out });
await browser.close();
