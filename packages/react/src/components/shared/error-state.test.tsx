import { ConfideError, type ConfideErrorCode, type Transport } from '@confide/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  clientFor,
  createMockServer,
  renderWith,
  seedConversation,
  transportFor,
} from '../../test/setup-client.js';
import { ThreadView } from '../thread-view/thread-view.js';

// A thread that could not load said "Something went wrong." whatever the reason, so a reader whose connection had
// dropped, or whose session had ended, was not told what to do. Each reason a person can act on is said in words.
describe('the error state of a failed load', () => {
  const rows: [ConfideErrorCode, RegExp][] = [
    ['network', /^No answer from the server\. Check your connection/],
    ['timeout', /^The server took too long to answer\./],
    ['internal', /^The server had a problem\./],
    ['rate_limited', /^Too many requests for now\./],
    ['unauthenticated', /^Your session has ended\. Sign in again\.$/],
    ['forbidden', /^You do not have access to this\.$/],
    ['not_found', /^This is no longer available, or you do not have access to it\.$/],
    ['conflict', /^Something went wrong\.$/], // guard: a code with no words of its own
  ];

  it.each(rows)('%s: says %s, with Try again', async (code, said) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, { subject: 'Failing to load' });
    const base = transportFor(mock, 'ben');
    // Not retryable, so the query shows the error at once instead of after its retries.
    const transport: Transport = {
      ...base,
      listMessages: () => Promise.reject(new ConfideError(code, 'Failed by the test', { retryable: false })),
    };
    const client = await clientFor(mock, 'ben', { transport });
    renderWith(client, <ThreadView conversationId={id} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveAttribute('data-code', code);
    expect(alert.querySelector('p')?.textContent).toMatch(said);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
