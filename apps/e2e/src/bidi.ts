import type { Page } from '@playwright/test';

/** Where a piece of user text sits on the page without an isolate of its own around it alone. */
export interface UnisolatedText {
  /** The start of the text node that carries the user's text. */
  readonly text: string;
  /** What the nearest isolating element around it holds, or `null` when nothing isolates it. */
  readonly isolatedBy: string | null;
}

/**
 * Every text node on the page that carries `token` (a marker inside the user's text) and is not isolated on its own:
 * the nearest ancestor whose computed `unicode-bidi` isolates it (`isolate`, `plaintext`, `isolate-override`: what
 * `<bdi>` and `dir` give) must hold only user text, i.e. be part of one of `userTexts` (whitespace collapsed, as
 * previews show it, and an ellipsis at the end allowed, as a cut preview ends). The kit's own words next to a
 * name or subject would otherwise be reordered by a right-to-left override inside it.
 */
export function unisolatedUserText(
  page: Page,
  token: string,
  userTexts: readonly string[],
): Promise<UnisolatedText[]> {
  return page.evaluate(
    ({ token, userTexts }) => {
      const ISOLATING = ['isolate', 'plaintext', 'isolate-override'];
      const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
      const known = userTexts.map(oneLine);
      const found: { text: string; isolatedBy: string | null }[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.nodeValue?.includes(token)) continue;
        let element = node.parentElement;
        while (
          element &&
          element !== document.body &&
          !ISOLATING.includes(getComputedStyle(element).unicodeBidi)
        ) {
          element = element.parentElement;
        }
        const isolated = element && element !== document.body ? oneLine(element.textContent ?? '') : null;
        const part = isolated?.replace(/…$/, '');
        if (part !== undefined && known.some((text) => text.includes(part))) continue;
        found.push({
          text: node.nodeValue.slice(0, 60),
          isolatedBy: isolated === null ? null : isolated.slice(0, 80),
        });
      }
      return found;
    },
    { token, userTexts: [...userTexts] },
  );
}

/**
 * The parts wider than their box or reaching out of the window, so that they scroll or are cut sideways: the page,
 * a heading, the thread's feed, one of its messages, a row of the index. Empty when everything wraps.
 */
export function overflowsSideways(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) wide.push('page');
    for (const element of document.querySelectorAll(
      'h1, h2, h3, [role=feed], [role=feed] [role=article], [role=option]',
    )) {
      // A box grown to its content's width and cut by a container reaches out of the window instead.
      const box = element.getBoundingClientRect();
      const cut = box.left < -1 || box.right > window.innerWidth + 1;
      if (cut || element.scrollWidth > element.clientWidth + 1)
        wide.push(
          `${element.getAttribute('role') ?? element.tagName.toLowerCase()}: ${(element.textContent ?? '').slice(0, 40)}`,
        );
    }
    return wide;
  });
}
