import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { run } from './run.js';

const nodeHost = inject('nodeHost');
const apiUrl = inject('apiUrl');

describe('a Node host using the packed packages', () => {
  it('starts the reference server from @confide/server/node (the server these tests use)', async () => {
    const response = await fetch(`${apiUrl}/healthz`);
    expect(response.status).toBe(200);
  });

  it.each([
    { script: 'headless.mjs', format: 'an ES module', body: 'Sent from a Node ES module.' },
    { script: 'headless.cjs', format: 'a CommonJS script', body: 'Sent from a CommonJS script.' },
  ])('runs the SDK headless from $format', async ({ script, body }) => {
    const output = await run(process.execPath, [join(nodeHost, script), apiUrl], { cwd: nodeHost });
    const result = JSON.parse(output.trim().split('\n').at(-1) ?? '');
    // Other hosts' tests add conversations to the same server: the seeded one is there, Elena's never is.
    expect(result).toEqual({
      viewer: 'Daniel Okafor',
      subjects: expect.arrayContaining(['Work permit renewal']),
      sent: body,
      refusal: 'not_found',
    });
    expect(result.subjects).not.toContain('Question about my residence card');
  });
});
