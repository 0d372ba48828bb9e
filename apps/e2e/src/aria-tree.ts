import { expect, type Locator } from '@playwright/test';

/** Roles that name a place a screen reader lists and jumps to (landmarks), and the dialog, which is one too. */
const PLACES = new Set([
  'banner',
  'complementary',
  'contentinfo',
  'dialog',
  'form',
  'main',
  'navigation',
  'region',
  'search',
]);
/** Landmarks a page has at most one of, named or not (ARIA's banner, main and contentinfo). */
const ONE_PER_PAGE = new Set(['banner', 'main', 'contentinfo']);

// A line of Playwright's ARIA snapshot: `- role "name" [attributes]:`, the name quoted as a JSON string.
const LINE = /^\s*- (\w+)(?: ("(?:[^"\\]|\\.)*"))?/;

/**
 * What the accessibility tree of an ARIA snapshot says twice: two headings of the same text, two places (a dialog and
 * the landmarks) of the same name (a form named like the dialog around it), or a second banner, main or contentinfo.
 * A place named by its own heading is one name, said once each way, and is not counted.
 */
export function repeatedNames(snapshot: string): string[] {
  const headings = new Map<string, number>();
  const places = new Map<string, number>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const line of snapshot.split('\n')) {
    const match = LINE.exec(line);
    if (!match?.[1]) continue;
    const role = match[1];
    const name = match[2] ? (JSON.parse(match[2]) as string) : '';
    if (role === 'heading') count(headings, `heading "${name}"`);
    if (PLACES.has(role) && name !== '') count(places, `place "${name}"`);
    if (ONE_PER_PAGE.has(role)) count(places, role);
  }
  return [...headings, ...places]
    .filter(([, times]) => times > 1)
    .map(([what, times]) => `${what} × ${times}`);
}

/** Fails with what the accessibility tree under `scope` says twice (see `repeatedNames`). */
export async function expectNothingSaidTwice(scope: Locator): Promise<void> {
  expect(repeatedNames(await scope.ariaSnapshot())).toEqual([]);
}
