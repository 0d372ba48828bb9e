import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (name: string) =>
  readFileSync(new URL(`./${name}.css`, import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const files = {
  tokens: read('tokens'),
  index: read('index'),
  responsive: read('responsive'),
  dark: read('dark'),
};

/** Splits a selector list at its top-level commas (not those inside `:where(…)`). */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of list) {
    if (character === '(') depth += 1;
    if (character === ')') depth -= 1;
    if (character === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += character;
  }
  parts.push(current.trim());
  return parts;
}

/** Every style-rule selector of a stylesheet (at-rules and keyframe steps left out). */
function selectorsOf(css: string): string[] {
  const selectors: string[] = [];
  for (const match of css.matchAll(/([^{};]+)\{/g)) {
    const prelude = (match[1] ?? '').trim();
    if (prelude.startsWith('@') || /^(from|to|\d+%)$/.test(prelude)) continue;
    selectors.push(...splitTopLevel(prelude));
  }
  return selectors;
}

function hex(css: string, name: string): string {
  const value = new RegExp(`--confide-${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)?.[1];
  if (!value) throw new Error(`No hex value for --confide-${name}`);
  return value;
}

const channels = (color: string) =>
  [1, 3, 5].map((index) => Number.parseInt(color.slice(index, index + 2), 16));
const mix = (first: string, second: string, share: number) =>
  `#${channels(first)
    .map((value, index) => Math.round(value * share + (channels(second)[index] ?? 0) * (1 - share)))
    .map((value) => value.toString(16).padStart(2, '0'))
    .join('')}`;
function luminance(color: string): number {
  const [red = 0, green = 0, blue = 0] = channels(color).map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}
function contrast(first: string, second: string): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((left, right) => right - left);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

describe('styles.css', () => {
  it('keeps every rule inside the confide cascade layer', () => {
    for (const css of Object.values(files)) {
      expect(css.trim().startsWith('@layer confide {')).toBe(true);
      expect(css.trim().endsWith('}')).toBe(true);
    }
  });

  it('scopes every selector to the kit root, never styling host elements', () => {
    for (const css of Object.values(files)) {
      for (const selector of selectorsOf(css)) {
        expect(selector, selector).toMatch(/(^|\s|\])\.confide([.:\s[]|$)/);
        expect(selector, selector).toMatch(/^(\.confide|\[data-theme="dark"\] \.confide)/);
      }
    }
  });

  it("adapts to each component's container, never to the window's width", () => {
    for (const css of Object.values(files)) expect(css).not.toMatch(/@media[^{]*width/);
    for (const root of ['index', 'thread', 'compose', 'notifications']) {
      expect(files.responsive).toMatch(
        new RegExp(`\\.confide\\.confide-${root}[,\\s][^}]*container-type: inline-size`),
      );
    }
  });

  it('uses logical properties so right-to-left layouts mirror', () => {
    const physical =
      /(^|[\s;{])(margin|padding|border)-(left|right|top|bottom)\s*:|(^|[\s;{])(left|right|top|bottom)\s*:|text-align:\s*(left|right)/;
    for (const css of Object.values(files)) expect(css).not.toMatch(physical);
  });

  it('fades nothing but disabled controls and keyframes, so text keeps its contrast', () => {
    for (const css of Object.values(files)) {
      for (const match of css.matchAll(/([^{};]+)\{([^{}]*)\}/g)) {
        const [, prelude = '', body = ''] = match;
        if (!/(^|[\s;])opacity\s*:/.test(body)) continue;
        expect(prelude.trim(), prelude).toMatch(/^(from|to|\d+%)$|disabled/);
      }
    }
  });

  it.each([
    ['light', files.tokens],
    ['dark', files.dark],
  ])('meets WCAG AA contrast for text in the %s theme', (_theme, css) => {
    const foreground = hex(css, 'foreground');
    const background = hex(css, 'background');
    const accent = hex(css, 'accent');
    const muted = mix(foreground, background, 0.68);
    expect(contrast(foreground, background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(muted, background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(accent, background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(hex(css, 'accent-foreground'), accent)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(hex(css, 'danger'), background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(foreground, mix(accent, background, 0.1))).toBeGreaterThanOrEqual(4.5);
  });
});
