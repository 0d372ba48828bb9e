/**
 * The render benchmark's page, built for production. It mounts either the kit's component (over @confide/mocks:
 * the reference server's rules in the page, through the SDK's HTTP transport and the mock's in-process fetch)
 * or the baseline: a minimal react-virtuoso list of plain bubbles fed the same data. The runner drives it
 * through `window.bench`.
 *
 * The mock server runs in the page's own thread, where a real server would run on another machine. So that
 * `mount` measures the component and not that server, requests the component makes while mounting (the
 * index's next page, the thread's mark-read) are held until the newest item is on screen, as if the network
 * took longer than the mount; `mount` then lets them through and waits for the server's answers outside the
 * measured window. Everything after mount (appends, scrolling to the oldest) runs unheld.
 */
import '@confide/react/styles.css';
import { type ConfideClient, type ConversationId, createConfideClient, httpTransport } from '@confide/core';
import { createMockServer, DEMO_IDS, type MockServer } from '@confide/mocks';
import { ConfideProvider, MessageIndex, ThreadView } from '@confide/react';
import { randomId } from '@confide/server';
import { type ReactElement, useMemo, useSyncExternalStore } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Virtuoso } from 'react-virtuoso';
import { type Observable, until } from '../until.js';
import { type BenchMessage, benchMessages, NEWEST, OLDEST } from './data.js';

const BEN = { kind: 'member', id: DEMO_IDS.ben } as const;
const DANIEL = { kind: 'client', id: DEMO_IDS.daniel } as const;

type Library = 'ours' | 'baseline';
interface Setup {
  readonly library: Library;
  readonly kind: 'thread' | 'index';
  readonly count: number;
}

interface Bubble {
  readonly id: string;
  readonly author: string;
  readonly body: string;
  /** When it was written, as ISO text: formatted while rendering, as the kit does. */
  readonly at: string;
}

let baselineDates: Intl.DateTimeFormat | undefined;
/**
 * The baseline's dates, in the locale and time zone the kit is given. Formatting is part of rendering, so the
 * formatter is made on first use, inside the measured window, as the kit makes its own.
 */
function formatAt(iso: string) {
  baselineDates ??= new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return baselineDates.format(new Date(iso));
}

/** The page size both sides load at a time, as the SDK's thread does. */
const PAGE = 30;
/** Virtuoso's `firstItemIndex` starts high so that prepending older pages can count down from it. */
const FIRST_INDEX = 1_000_000;

/**
 * The baseline's data, in a tiny external store: all items are in memory, the list shows the newest page and
 * loads older pages of the same size on reaching the top (one macrotask later, like a cached fetch).
 */
function createBubbleStore(all: Bubble[], paged: boolean) {
  let state = { bubbles: all, loadedFrom: paged ? Math.max(0, all.length - PAGE) : 0 };
  const listeners = new Set<() => void>();
  const set = (next: typeof state) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    append(bubble: Bubble) {
      set({ ...state, bubbles: [...state.bubbles, bubble] });
    },
    loadOlder() {
      if (state.loadedFrom === 0) return;
      setTimeout(() => set({ ...state, loadedFrom: Math.max(0, state.loadedFrom - PAGE) }));
    },
  };
}
type BubbleStore = ReturnType<typeof createBubbleStore>;

function BaselineList({ store }: { readonly store: BubbleStore }) {
  const { bubbles, loadedFrom } = useSyncExternalStore(store.subscribe, store.get);
  const shown = useMemo(() => bubbles.slice(loadedFrom), [bubbles, loadedFrom]);
  return (
    <Virtuoso
      style={{ height: '100%' }}
      data={shown}
      firstItemIndex={FIRST_INDEX + loadedFrom}
      initialTopMostItemIndex={shown.length - 1}
      startReached={store.loadOlder}
      followOutput="auto"
      computeItemKey={(_index, bubble) => bubble.id}
      itemContent={(_index, bubble) => (
        <div style={{ padding: '4px 12px' }}>
          <div style={{ fontSize: 12, color: '#555' }}>
            {bubble.author} · {formatAt(bubble.at)}
          </div>
          <div style={{ background: '#eef', borderRadius: 8, padding: 8, whiteSpace: 'pre-wrap' }}>
            {bubble.body}
          </div>
        </div>
      )}
    />
  );
}

const host = document.getElementById('bench-root') as HTMLElement;
let root: Root | undefined;
let mock: MockServer | undefined;
let daniel: ReturnType<typeof httpTransport> | undefined;
let client: ConfideClient | undefined;
let conversationId: ConversationId | undefined;
let bubbles: BubbleStore | undefined;
let messages: BenchMessage[] = [];
let element: ReactElement | undefined;
let appended = 0;

/** Resolves once a headless part of the SDK has loaded (its query is in the cache). */
async function loaded(source: Observable<{ status: string }>) {
  const state = await until(source, (current) => current.status === 'success' || current.status === 'error');
  if (state.status === 'error') throw new Error('The bench data did not load');
}

/**
 * Holds the requests of `fetch` while `hold()` is in force; `release()` lets them through and resolves once the
 * server has answered them all.
 */
function createRequestGate(fetch: typeof globalThis.fetch) {
  let held: { opened: Promise<void>; open: () => void } | undefined;
  const answers: Promise<unknown>[] = [];
  return {
    fetch: (async (input, init) => {
      if (!held) return fetch(input, init);
      const answer = held.opened.then(() => fetch(input, init));
      answers.push(answer.catch(() => {}));
      return answer;
    }) as typeof globalThis.fetch,
    hold() {
      let open = () => {};
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      held = { opened, open };
    },
    async release() {
      held?.open();
      held = undefined;
      await Promise.all(answers.splice(0));
    },
  };
}
let gate: ReturnType<typeof createRequestGate> | undefined;

/** Ben's client on `mock`, its requests going through a gate that `mount` can hold. */
function benClient(server: MockServer): ConfideClient {
  const connection = server.as('ben');
  gate = createRequestGate(connection.fetch);
  const created = createConfideClient({ transport: httpTransport({ ...connection, fetch: gate.fetch }) });
  created.mount();
  return created;
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** The element whose own text contains `text`, if it is rendered and inside the visible root. */
function visibleText(text: string): boolean {
  const match = document.evaluate(
    `//*[text()[contains(., '${text}')]]`,
    host,
    null,
    XPathResult.FIRST_ORDERED_NODE_TYPE,
    null,
  ).singleNodeValue as Element | null;
  if (!match) return false;
  const box = match.getBoundingClientRect();
  const view = host.getBoundingClientRect();
  return box.height > 0 && box.bottom > view.top && box.top < view.bottom;
}

/** Frames and milliseconds from `start` until `text` is on screen (checked once per animation frame). */
async function untilVisible(text: string, start: number, limitMs = 60_000) {
  let frames = 0;
  for (;;) {
    await frame();
    frames += 1;
    if (visibleText(text)) return { ms: performance.now() - start, frames };
    if (performance.now() - start > limitMs) throw new Error(`"${text}" never became visible`);
  }
}

async function prepareThread(library: Library, count: number) {
  messages = benchMessages(count);
  if (library === 'baseline') {
    bubbles = createBubbleStore(
      messages.map((message, index) => ({
        id: `b${index}`,
        author: message.fromClient ? 'Daniel Okafor' : 'Ben Cho',
        body: message.body,
        at: new Date(message.at).toISOString(),
      })),
      true,
    );
    element = <BaselineList store={bubbles} />;
    return;
  }
  mock = createMockServer();
  await mock.ready;
  const id = randomId('cnv');
  const [first] = messages;
  // Straight into the mock's store, with the bench data's own timestamps: the store keeps activity and unread
  // counts by its rules, as the server's sends would.
  await mock.store.transaction(async (tx) => {
    await tx.insertConversation({
      id,
      firmId: DEMO_IDS.riveraCho,
      contactId: DEMO_IDS.daniel,
      subject: 'Work permit renewal',
      matterId: null,
      matterLabel: null,
      startedBy: BEN,
      createdAt: new Date(first?.at ?? Date.now()).toISOString(),
    });
    for (const [index, message] of messages.entries()) {
      await tx.insertMessage({
        id: randomId('msg'),
        conversationId: id,
        firmId: DEMO_IDS.riveraCho,
        author: message.fromClient ? DANIEL : BEN,
        body: message.body,
        internal: false,
        idempotencyKey: `bench_msg_${String(index).padStart(6, '0')}`,
        createdAt: new Date(message.at).toISOString(),
      });
    }
  });
  conversationId = id as ConversationId;
  client = benClient(mock);
  daniel = httpTransport(mock.as('daniel'));
  await client.ready;
  // Fetch the newest page into the client's cache first, as the baseline has its data in memory: the mount
  // then measures rendering, not the mock server.
  await loaded(client.thread(conversationId));
  element = (
    <ConfideProvider client={client} locale="en-GB" timeZone="UTC">
      <ThreadView conversationId={conversationId} showReplyBox={false} style={{ height: '100%' }} />
    </ConfideProvider>
  );
}

/** Conversation subjects for the index; the newest is marked. */
async function prepareIndex(library: Library, count: number) {
  const start = Date.parse('2025-01-06T09:00:00Z');
  const subjects = Array.from({ length: count }, (_, index) =>
    index === count - 1 ? `Matter ${index} ${NEWEST}` : `Matter ${index} ${index === 0 ? OLDEST : ''}`.trim(),
  );
  if (library === 'baseline') {
    // Newest first, as an inbox lists them.
    bubbles = createBubbleStore(
      subjects
        .map((subject, index) => ({
          id: `c${index}`,
          author: 'Daniel Okafor',
          body: subject,
          at: new Date(start + index * 60_000).toISOString(),
        }))
        .reverse(),
      false,
    );
    element = <BaselineIndex store={bubbles} />;
    return;
  }
  mock = createMockServer();
  await mock.ready;
  const store = mock.store;
  // The bench's conversations end a minute before now, so they lead the index above the demo's own.
  const first = Date.now() - count * 60_000;
  await store.transaction(async (tx) => {
    for (const [index, subject] of subjects.entries()) {
      const id = randomId('cnv');
      const at = new Date(first + index * 60_000).toISOString();
      await tx.insertConversation({
        id,
        firmId: DEMO_IDS.riveraCho,
        contactId: DEMO_IDS.daniel,
        subject,
        matterId: null,
        matterLabel: null,
        startedBy: BEN,
        createdAt: at,
      });
      await tx.insertMessage({
        id: randomId('msg'),
        conversationId: id,
        firmId: DEMO_IDS.riveraCho,
        author: BEN,
        body: 'Opening message of the matter',
        internal: false,
        idempotencyKey: `bench_conv_${String(index).padStart(6, '0')}`,
        createdAt: at,
      });
    }
  });
  client = benClient(mock);
  await client.ready;
  await loaded(client.conversations);
  element = (
    <ConfideProvider client={client} locale="en-GB" timeZone="UTC">
      <MessageIndex style={{ height: '100%' }} />
    </ConfideProvider>
  );
}

function BaselineIndex({ store }: { readonly store: BubbleStore }) {
  const rows = useSyncExternalStore(store.subscribe, store.get).bubbles;
  return (
    <Virtuoso
      style={{ height: '100%' }}
      data={rows}
      computeItemKey={(_index, row) => row.id}
      itemContent={(_index, row) => (
        <div style={{ padding: 8, borderBottom: '1px solid #ddd' }}>
          <div>{row.author}</div>
          <div>{row.body}</div>
          <div style={{ fontSize: 12 }}>{formatAt(row.at)}</div>
        </div>
      )}
    />
  );
}

const bench = {
  /** Builds the data (not timed). */
  async prepare(setup: Setup) {
    if (setup.kind === 'thread') await prepareThread(setup.library, setup.count);
    else await prepareIndex(setup.library, setup.count);
    return true;
  },
  /** Mounts and measures until the newest item is on screen (requests made meanwhile held, see above). */
  async mount() {
    gate?.hold();
    const start = performance.now();
    root = createRoot(host);
    root.render(element);
    const timing = await untilVisible(NEWEST, start);
    await gate?.release();
    return timing;
  },
  /** Adds one message from the client and measures until it is on screen. */
  async append() {
    appended += 1;
    const body = `Appended reply ${appended} APPEND-${appended}`;
    const start = performance.now();
    if (bubbles) {
      bubbles.append({
        id: `a${appended}`,
        author: 'Daniel Okafor',
        body,
        at: new Date().toISOString(),
      });
    } else if (mock && conversationId) {
      void daniel?.sendMessage(conversationId, { body, idempotencyKey: `bench_append_${appended}` });
    }
    return untilVisible(`APPEND-${appended}`, start);
  },
  /** Scrolls to the top every frame until the oldest message is on screen (loading older pages on the way). */
  async scrollToOldest() {
    const scroller = [...host.querySelectorAll<HTMLElement>('*')].find(
      (candidate) =>
        candidate.scrollHeight > candidate.clientHeight + 1 &&
        getComputedStyle(candidate).overflowY !== 'visible',
    );
    if (!scroller) throw new Error('No scrolling element');
    const start = performance.now();
    let frames = 0;
    while (!visibleText(OLDEST)) {
      scroller.scrollTop = 0;
      await frame();
      frames += 1;
      if (performance.now() - start > 120_000) throw new Error('Never reached the oldest message');
    }
    return { ms: performance.now() - start, frames };
  },
  domNodes: () => document.getElementsByTagName('*').length,
};

Object.assign(window, { bench });
