import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { quickStart } from './quick-start.js';

describe('README examples', () => {
  it('creates clients, lists conversations, opens a thread, sends and receives a reply live', async () => {
    const lines: string[] = [];
    await quickStart((line) => lines.push(line));
    expect(lines).toContain('index: Documents for your visa application');
    expect(lines).toContain('reply: Daniel Okafor: Uploaded. The birth certificate follows tomorrow.');
    expect(lines.at(-1)).toBe('thread: 3 messages, unread 0');
  });

  // The custom-transport example is run by its own test; here both are checked against the README.
  it.each(['quick-start.ts', 'custom-transport.ts'])(
    '%s is the code the README shows, character for character',
    async (file) => {
      const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
      const source = await readFile(new URL(`./${file}`, import.meta.url), 'utf8');
      expect(readme).toContain(source.trim());
    },
  );
});
