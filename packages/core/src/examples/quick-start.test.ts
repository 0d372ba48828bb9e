import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { quickStart } from './quick-start.js';

describe('README quick start', () => {
  it('creates clients, lists conversations, opens a thread, sends and receives a reply live', async () => {
    const lines: string[] = [];
    await quickStart((line) => lines.push(line));
    expect(lines).toContain('index: Documents for your visa application');
    expect(lines).toContain('reply: Daniel Okafor: Uploaded. The birth certificate follows tomorrow.');
    expect(lines.at(-1)).toBe('thread: 3 messages, unread 0');
  });

  it('is the code the README shows, character for character', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const source = await readFile(new URL('./quick-start.ts', import.meta.url), 'utf8');
    expect(readme).toContain(source.trim());
  });
});
