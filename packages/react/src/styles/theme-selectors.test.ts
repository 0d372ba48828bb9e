// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dark = readFileSync(join(import.meta.dirname, 'dark.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const [explicitRule = '', systemRule = ''] = [...dark.matchAll(/([^{};@]+)\{\s*--confide-accent/g)].map(
  (match) => (match[1] ?? '').trim(),
);
const declarations = [...dark.matchAll(/\{(\s*--confide-accent[^}]*)\}/g)].map((match) =>
  (match[1] ?? '').replace(/\s+/g, ' ').trim(),
);

/** Builds `<div data-theme=ancestor><div class="confide" data-theme=own>` and returns the kit root. */
function kitRoot(ancestor: string | undefined, own: string | undefined): Element {
  document.body.innerHTML = '';
  const outer = document.createElement('div');
  if (ancestor) outer.dataset.theme = ancestor;
  const root = document.createElement('div');
  root.className = 'confide';
  if (own) root.dataset.theme = own;
  outer.append(root);
  document.body.append(outer);
  return root;
}

describe('dark theme selectors', () => {
  it('finds the explicit rule and the system rule with the same palette', () => {
    expect(explicitRule).toContain('[data-theme="dark"]');
    expect(systemRule).toContain(':where(');
    expect(declarations).toHaveLength(2);
    expect(declarations[0]).toBe(declarations[1]);
  });

  it.each([
    // ancestor, own, dark when the system is light, dark when the system is dark
    [undefined, undefined, false, true],
    [undefined, 'light', false, false],
    [undefined, 'dark', true, true],
    ['light', undefined, false, false],
    ['dark', undefined, true, true],
    ['dark', 'light', false, false],
    ['light', 'dark', true, true],
  ])(
    'ancestor %s, root %s: dark under a light system %s, under a dark system %s',
    (ancestor, own, underLight, underDark) => {
      const root = kitRoot(ancestor, own);
      const explicit = root.matches(explicitRule);
      expect(explicit).toBe(underLight);
      expect(explicit || root.matches(systemRule)).toBe(underDark);
    },
  );
});
