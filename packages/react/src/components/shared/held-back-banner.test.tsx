import { type Clock, httpTransport } from '@confide/core';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  axeViolations,
  clientFor,
  createMockServer,
  renderWith,
  seedConversation,
  seedMessage,
} from '../../test/setup-client.js';
import { MessageIndex } from '../message-index/message-index.js';
import { ThreadView } from '../thread-view/thread-view.js';

/** The server's limit of open streams per person in one process (DEFAULT_MAX_STREAMS_PER_PERSON). */
const STREAMS_PER_PERSON = 32;
const HELD_BACK = /too many tabs or devices open/;

/** How long a wait for the streams may take on a busy machine (a bound on waiting, not a timing check). */
const PATIENCE = { timeout: 15_000 };

/** Timers that wait at most 20 ms, so that the server's `Retry-After: 30` passes within the test. */
const hurriedClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, Math.min(ms, 20)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

describe('a page past the most live streams one person may hold open', () => {
  it.each([{ parts: ['thread'] }, { parts: ['index'] }, { parts: ['index', 'thread'] }])(
    'says once that new messages are paused ($parts), then catches up when another tab closes',
    async ({ parts }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const others = [];
      for (let index = 0; index < STREAMS_PER_PERSON; index += 1) {
        const other = await clientFor(mock, 'ben');
        await waitFor(() => expect(other.stores.connection.getState().status).toBe('open'), PATIENCE);
        others.push(other);
      }
      const client = await clientFor(mock, 'ben', {
        transport: httpTransport({ ...mock.as('ben'), events: { clock: hurriedClock } }),
      });
      const { container } = renderWith(
        client,
        parts.map((part) =>
          part === 'index' ? <MessageIndex key={part} /> : <ThreadView key={part} conversationId={id} />,
        ),
      );

      const heldBackNotices = () =>
        screen.getAllByRole('status').filter((status) => HELD_BACK.test(status.textContent ?? ''));
      await waitFor(() => expect(heldBackNotices()).toHaveLength(1), PATIENCE);
      expect(await axeViolations(container)).toEqual([]);

      await seedMessage(mock, 'daniel', id, 'Sent while this page was paused');
      others.pop()?.dispose();
      await waitFor(() => expect(screen.queryByText(HELD_BACK)).not.toBeInTheDocument(), PATIENCE);
      if (parts.includes('thread'))
        expect(await screen.findByText('Sent while this page was paused', {}, PATIENCE)).toBeInTheDocument();
    },
    // Thirty-three clients on a machine shared with other test runs.
    60_000,
  );
});
