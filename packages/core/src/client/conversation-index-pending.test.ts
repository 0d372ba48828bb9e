import type { ContactId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { clientFor, createMockServer, type MockServer, transportFor } from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';
import type { ConfideClient } from './create-confide-client.js';

const daniel = 'con_daniel' as ContactId;
// Retries come quickly and the outbox gives up after two server answers, so the table runs in milliseconds.
const QUICK_OUTBOX = { baseDelayMs: 1, maxDelayMs: 5, maxServerAttempts: 2 };

/** Every conversation `person` has on the server with `subject`. */
async function onServer(mock: MockServer, subject: string, person: 'ben' | 'daniel' = 'daniel') {
  const page = await transportFor(mock, person).listConversations({ limit: 100 });
  return page.items.filter((conversation) => conversation.subject === subject);
}

/** Daniel (a client) fills the start form with `subject` and sends it; the promise is left to the caller. */
async function startAs(client: ConfideClient, subject: string) {
  await until(client.conversations, (state) => state.status === 'success');
  const composer = client.composer();
  composer.setSubject(subject);
  composer.setBody('Can we talk about my visa?');
  const key = stateOf(composer).draft.idempotencyKey;
  const sent = composer.send();
  sent.catch(() => {});
  return { composer, key, sent };
}

interface Row {
  /** What keeps the start from reaching the server at first. */
  readonly hold: (mock: MockServer, client: ConfideClient) => void;
  /** What lets it through again. */
  readonly release: (mock: MockServer, client: ConfideClient) => void;
  /** How the index shows it while held. */
  readonly shown: { readonly state: 'sending' | 'failed'; readonly failure: unknown };
  /** Whether the person has to press Retry (a send the outbox gave up on). */
  readonly retries: boolean;
}

const rows: [string, Row][] = [
  [
    'offline',
    {
      hold: (_mock, client) => client.setOnline(false),
      release: (_mock, client) => client.setOnline(true),
      shown: { state: 'sending', failure: null },
      retries: false,
    },
  ],
  [
    'rate-limited (waiting for its retry)',
    {
      hold: (mock) =>
        mock.setScenario({ failures: { startConversation: { code: 'rate_limited', retryAfterSeconds: 0 } } }),
      release: (mock) => mock.setScenario({}),
      shown: {
        state: 'sending',
        failure: expect.objectContaining({ code: 'rate_limited', retryable: true }),
      },
      retries: false,
    },
  ],
  [
    'failed after its retries (server error)',
    {
      hold: (mock) => mock.setScenario({ failures: { startConversation: { code: 'internal' } } }),
      release: (mock) => mock.setScenario({}),
      shown: { state: 'failed', failure: expect.objectContaining({ code: 'internal', retryable: true }) },
      retries: true,
    },
  ],
];

describe('conversation index: conversations started but not confirmed', () => {
  it.each(rows)(
    '%s: shows the start at the top as pending, frees the form, and turns it into the real conversation once',
    async (_label, row) => {
      const mock = createMockServer();
      const client = await clientFor(mock, 'daniel', { outbox: QUICK_OUTBOX });
      const subject = `Started while held (${_label})`;
      row.hold(mock, client);
      const { composer, key, sent } = await startAs(client, subject);

      const held = await until(client.conversations, (state) =>
        state.pending.some(
          (pending) =>
            pending.id === key &&
            pending.state === row.shown.state &&
            (pending.failure === null) === (row.shown.failure === null),
        ),
      );
      expect(held.pending).toEqual([
        expect.objectContaining({ id: key, subject, state: row.shown.state, failure: row.shown.failure }),
      ]);
      expect(held.conversations.some((conversation) => conversation.subject === subject)).toBe(false);
      // The form is handed over: empty and ready for another conversation, not holding "Sending…".
      const form = await until(composer, (state) => state.status === 'queued');
      expect(form.draft).toMatchObject({ subject: '', body: '' });
      expect(form.draft.idempotencyKey).not.toBe(key);

      row.release(mock, client);
      if (row.retries) {
        // The outbox gave up, so the send's promise has settled: the index's Retry takes it from here.
        await expect(sent).rejects.toMatchObject({ code: 'internal' });
        client.conversations.retry(key);
      } else {
        const started = await sent;
        expect('conversation' in started && started.conversation.subject).toBe(subject);
      }
      const delivered = await until(client.conversations, (state) => state.pending.length === 0);
      expect(delivered.conversations.filter((conversation) => conversation.subject === subject)).toHaveLength(
        1,
      );
      expect(delivered.conversations[0]?.subject).toBe(subject);
      expect(await onServer(mock, subject)).toHaveLength(1);
      // The next draft is the person's own: the delivered start neither resets it nor marks it sent.
      expect(stateOf(composer).status).toBe('queued');
    },
  );

  it('discards a start the outbox gave up on: gone from the index, never on the server', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'daniel', { outbox: QUICK_OUTBOX });
    mock.setScenario({ failures: { startConversation: { code: 'internal' } } });
    const { key, sent } = await startAs(client, 'Discarded start');
    await until(client.conversations, (state) => state.pending[0]?.state === 'failed');
    mock.setScenario({});
    await expect(sent).rejects.toMatchObject({ code: 'internal' });
    client.conversations.discard(key);
    expect(stateOf(client.conversations).pending).toEqual([]);
    expect(client.stores.outbox.getState().entries).toEqual([]);
    expect(await onServer(mock, 'Discarded start')).toHaveLength(0);
  });

  it('keeps the form in charge of a start that goes through at once, with a pending row until it is confirmed', async () => {
    const mock = createMockServer();
    const client = await clientFor(mock, 'ben');
    await untilState(client.stores.connection, (state) => state.status === 'open');
    await until(client.conversations, (state) => state.status === 'success');
    const composer = client.composer();
    await until(composer, (state) => state.recipients !== null);
    composer.setContact(daniel);
    composer.setSubject('Straight through');
    composer.setBody('Hello Daniel');
    const rows: string[] = [];
    const stop = client.conversations.observe((state) => {
      const subjects = [...state.pending, ...state.conversations]
        .map((entry) => entry.subject)
        .filter((subject) => subject === 'Straight through');
      rows.push(subjects.length === 0 ? 'none' : subjects.length === 1 ? 'one' : 'two');
    });
    await composer.send();
    await until(client.conversations, (state) => state.conversations[0]?.subject === 'Straight through');
    stop();
    expect(stateOf(composer).status).toBe('sent');
    // Pending, then the real conversation: never twice, and never missing once shown.
    expect(rows.slice(rows.indexOf('one'))).not.toContain('none');
    expect(rows).not.toContain('two');
    expect(await onServer(mock, 'Straight through', 'ben')).toHaveLength(1);
  });

  it('shows pending starts only in lists they belong to: not among unread ones nor in a search', async () => {
    const client = await clientFor(createMockServer(), 'daniel');
    client.setOnline(false);
    const { key } = await startAs(client, 'Filtered start');
    await until(client.conversations, (state) => state.pending.length === 1);
    client.conversations.setFilters({ unread: true });
    expect(stateOf(client.conversations).pending).toEqual([]);
    client.conversations.setFilters({ unread: false, query: 'Filtered' });
    expect(stateOf(client.conversations).pending).toEqual([]);
    client.conversations.setFilters({ query: '' });
    expect(stateOf(client.conversations).pending.map((pending) => pending.id)).toEqual([key]);
  });
});
