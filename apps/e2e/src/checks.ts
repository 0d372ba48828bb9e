import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

/** The WCAG 2.1 A and AA rules. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** The WCAG 2.1 rules and WCAG 2.2's AA additions, among them the minimum target size. */
export const AXE_TAGS_WCAG22 = [...AXE_TAGS, 'wcag22aa'];

/**
 * Runs axe on the page as it is (or only on the elements `include` selects) and fails with each violation's rule
 * and elements.
 */
export async function expectNoAxeViolations(
  page: Page,
  tags: readonly string[] = AXE_TAGS,
  include?: string,
): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags([...tags]);
  const results = await (include ? builder.include(include) : builder).analyze();
  const violations = results.violations.map((violation) => ({
    rule: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
  expect(violations).toEqual([]);
}

/**
 * Saves a screenshot of the page into the test's output folder; with `CONFIDE_SCREENSHOTS_DIR` set (the
 * README's pictures are made this way), copies it there too.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  const folder = process.env.CONFIDE_SCREENSHOTS_DIR;
  if (folder) {
    await mkdir(folder, { recursive: true });
    await copyFile(path, join(folder, `${name}.png`));
  }
}

/**
 * Opens the work permit conversation of the index and runs axe on it, then again with the system preferring dark:
 * the demo pages are light only, whatever the system prefers.
 */
export async function expectOpenThreadAccessible(page: Page): Promise<void> {
  await page.getByRole('option', { name: /Work permit renewal/ }).click();
  await expect(page.getByRole('feed')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Presses `button` unless it goes away by itself first: a Retry that the SDK's own retry, or the event stream, may
 * take away at any moment. `if (await button.isVisible()) await button.click()` raced that: a click waiting for an
 * element that left the page waits out the whole test. Ends once the button was pressed or is gone.
 */
export async function pressUnlessGone(button: Locator, timeout = 30_000): Promise<void> {
  await expect(async () => {
    if ((await button.count()) === 0) return;
    await button.click({ timeout: 2_000 });
  }).toPass({ timeout });
}
