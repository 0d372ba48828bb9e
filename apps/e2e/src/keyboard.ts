import { expect, type Locator, type Page } from '@playwright/test';

/** How many Tab presses may separate two controls on our pages. */
const MAX_TAB_STOPS = 40;

/** Presses Tab until `target` has the focus, as a keyboard user would; fails if it never gets it. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < MAX_TAB_STOPS; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** Fails unless the focused element shows a focus indicator (an outline or a box shadow). */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const indicator = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element) return 'none';
    const style = getComputedStyle(element);
    return style.outlineStyle !== 'none' && style.outlineWidth !== '0px' ? 'outline' : style.boxShadow;
  });
  expect(indicator).not.toBe('none');
}
