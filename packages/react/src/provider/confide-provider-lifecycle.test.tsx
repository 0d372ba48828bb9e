import { type ConversationId, httpTransport, type Transport } from '@confide/core';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Profiler, type ReactNode, StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ComposeSecureMessage } from '../components/compose-secure-message/compose-secure-message.js';
import { MessageIndex } from '../components/message-index/message-index.js';
import { NotificationBell } from '../components/notification-bell/notification-bell.js';
import { NotificationList } from '../components/notification-bell/notification-list.js';
import { NotificationSettingsForm } from '../components/notification-settings-form/notification-settings-form.js';
import { ThreadView } from '../components/thread-view/thread-view.js';
import { useViewer } from '../hooks/use-viewer.js';
import {
  clientFor,
  createMockServer,
  type DemoPerson,
  type MockServer,
  seedConversation,
  seedMessage,
  startWithElena,
  transportFor,
} from '../test/setup-client.js';
import { ConfideProvider } from './confide-provider.js';

/** A person's transport on `mock` that counts the event streams open through it. */
function countingTransport(mock: MockServer, person: DemoPerson) {
  const counts = { openStreams: 0 };
  const { baseUrl, fetch, getToken } = mock.as(person);
  const counted: typeof globalThis.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/v1/events')) {
      counts.openStreams += 1;
      init?.signal?.addEventListener('abort', () => {
        counts.openStreams -= 1;
      });
    }
    return fetch(input, init);
  };
  const transport: Transport = httpTransport({ baseUrl, getToken, fetch: counted });
  return { transport, counts };
}

/**
 * Timers and intervals started while a test runs and neither fired nor cleared: what an unmounted tree left behind.
 * The globals are wrapped, not faked, so the mocks' real asynchronous work runs as it does in an app.
 */
const pendingTimers = new Map<unknown, string>();
const originals = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
};

/** ResizeObservers (jsdom has none) that still observe an element: a leaked one keeps its callbacks alive. */
const liveObservers = new Set<CountingResizeObserver>();
class CountingResizeObserver {
  readonly observed = new Set<Element>();
  observe(element: Element) {
    this.observed.add(element);
    liveObservers.add(this);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
    if (this.observed.size === 0) liveObservers.delete(this);
  }
  disconnect() {
    this.observed.clear();
    liveObservers.delete(this);
  }
}

beforeEach(() => {
  pendingTimers.clear();
  liveObservers.clear();
  globalThis.ResizeObserver = CountingResizeObserver as unknown as typeof ResizeObserver;
  const track = (kind: 'setTimeout' | 'setInterval') =>
    ((handler: () => void, delay?: number, ...rest: unknown[]) => {
      const id: unknown = originals[kind](
        (...args: unknown[]) => {
          if (kind === 'setTimeout') pendingTimers.delete(id);
          (handler as (...inner: unknown[]) => void)(...args);
        },
        delay,
        ...rest,
      );
      pendingTimers.set(
        id,
        `${kind}(${delay ?? 0}) ${new Error().stack?.split('\n').slice(2, 5).join(' | ')}`,
      );
      return id;
    }) as typeof setTimeout;
  globalThis.setTimeout = track('setTimeout');
  globalThis.setInterval = track('setInterval') as unknown as typeof setInterval;
  globalThis.clearTimeout = ((id: unknown) => {
    pendingTimers.delete(id);
    originals.clearTimeout(id as never);
  }) as typeof clearTimeout;
  globalThis.clearInterval = ((id: unknown) => {
    pendingTimers.delete(id);
    originals.clearInterval(id as never);
  }) as typeof clearInterval;
});

afterEach(() => {
  Object.assign(globalThis, originals);
  delete (globalThis as { ResizeObserver?: unknown }).ResizeObserver;
});

const componentRows: {
  name: string;
  ui: (id: ConversationId) => ReactNode;
  ready: () => Promise<unknown>;
}[] = [
  { name: 'MessageIndex', ui: () => <MessageIndex />, ready: () => screen.findByRole('listbox') },
  {
    name: 'ThreadView',
    ui: (id) => <ThreadView conversationId={id} />,
    ready: () => screen.findByText('Hello Daniel'),
  },
  {
    name: 'ComposeSecureMessage',
    ui: () => <ComposeSecureMessage />,
    ready: () => screen.findByRole('textbox', { name: /subject/i }),
  },
  { name: 'NotificationBell', ui: () => <NotificationBell />, ready: () => screen.findByRole('button') },
  { name: 'NotificationList', ui: () => <NotificationList />, ready: () => screen.findByRole('list') },
  {
    name: 'NotificationSettingsForm',
    ui: () => <NotificationSettingsForm />,
    ready: () => screen.findAllByRole('radio'),
  },
];

function ViewerName() {
  const { viewer } = useViewer();
  return <p>{viewer ? `Signed in as ${viewer.name}` : 'Signing in'}</p>;
}

describe('ConfideProvider lifecycle', () => {
  it.each(componentRows)(
    '$name under StrictMode opens one event stream and leaves no stream, timer or observer after unmount',
    async ({ ui, ready }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const { transport, counts } = countingTransport(mock, 'ben');
      const { unmount } = render(
        <StrictMode>
          <ConfideProvider transport={transport}>{ui(id)}</ConfideProvider>
        </StrictMode>,
      );
      await ready();
      await waitFor(() => expect(counts.openStreams).toBe(1));
      unmount();
      await waitFor(() => expect(counts.openStreams).toBe(0));
      expect([...liveObservers].map((observer) => observer.observed.size)).toEqual([]);
      // Let cleanups that wait for a microtask or a macrotask finish (on an untracked timer), then anything still
      // pending was started by the tree or its client and outlives both.
      await new Promise((resolve) => originals.setTimeout(resolve, 20));
      expect([...pendingTimers.values()]).toEqual([]);
    },
  );

  const liveRows: {
    name: string;
    ui: (id: ConversationId) => ReactNode;
    change: (mock: MockServer, id: ConversationId) => Promise<unknown>;
  }[] = [
    {
      name: 'MessageIndex',
      ui: () => <MessageIndex />,
      change: (mock, id) => seedMessage(mock, 'daniel', id, 'A live answer from Daniel'),
    },
    {
      name: 'ThreadView',
      ui: (id) => <ThreadView conversationId={id} />,
      change: (mock, id) => seedMessage(mock, 'daniel', id, 'A live answer from Daniel'),
    },
  ];

  it.each(liveRows)('$name under StrictMode shows what the event stream brings', async ({ ui, change }) => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { transport, counts } = countingTransport(mock, 'ben');
    render(
      <StrictMode>
        <ConfideProvider transport={transport}>{ui(id)}</ConfideProvider>
      </StrictMode>,
    );
    await screen.findAllByText('Hello Daniel');
    await waitFor(() => expect(counts.openStreams).toBe(1));
    await act(() => change(mock, id));
    expect(await screen.findByText('A live answer from Daniel')).toBeInTheDocument();
  });

  const sendRows: {
    name: string;
    ui: (id: ConversationId) => ReactNode;
    write: () => Promise<void>;
  }[] = [
    {
      name: 'a reply in ThreadView',
      ui: (id) => <ThreadView conversationId={id} />,
      write: () => userEvent.type(screen.getByRole('textbox', { name: 'Reply' }), 'Sent under StrictMode'),
    },
    {
      name: 'a new conversation in ComposeSecureMessage',
      ui: () => <ComposeSecureMessage audience="client" />,
      write: async () => {
        await userEvent.type(screen.getByRole('textbox', { name: 'Subject' }), 'Started under StrictMode');
        await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Sent under StrictMode');
      },
    },
  ];

  // StrictMode's re-run lets go of the viewer query while it loads, and query-core cancels that fetch: the client
  // took the cancellation for a refused viewer and never started its outbox, so every send stayed pending.
  it.each(sendRows)('$name under StrictMode reaches the server', async ({ ui, write }) => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { transport } = countingTransport(mock, 'daniel');
    render(
      <StrictMode>
        <ConfideProvider transport={transport}>{ui(id)}</ConfideProvider>
      </StrictMode>,
    );
    await screen.findByRole('button', { name: 'Send' });
    await write();
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const ben = transportFor(mock, 'ben');
    await waitFor(async () => {
      const conversations = (await ben.listConversations({})).items;
      const messages = await Promise.all(conversations.map((c) => ben.listMessages(c.id, {})));
      expect(messages.flatMap((page) => page.items.map((message) => message.body))).toContain(
        'Sent under StrictMode',
      );
    });
  });

  /** What is on screen, form values included: a search typed by Ben shows in an input's value, not its text. */
  const screenText = () =>
    [
      document.body.textContent ?? '',
      ...[...document.querySelectorAll('input, textarea')].map((field) => (field as HTMLInputElement).value),
    ].join('\n');

  const switchRows: {
    name: string;
    ui: (id: ConversationId) => ReactNode;
    /** What Ben does first, leaving something of his on screen. */
    act?: () => Promise<void>;
    bens: string;
    danielsReady: () => Promise<unknown>;
  }[] = [
    {
      name: 'the viewer',
      ui: () => <ViewerName />,
      bens: 'Signed in as Ben Cho',
      danielsReady: () => screen.findByText('Signed in as Daniel Okafor'),
    },
    {
      name: 'the index',
      ui: () => <MessageIndex />,
      bens: 'Only Ben sees this',
      danielsReady: () => screen.findByText('Visa documents'),
    },
    {
      name: "the index's search box",
      ui: () => <MessageIndex />,
      act: () => userEvent.type(screen.getByRole('searchbox'), 'Only Ben'),
      bens: 'Only Ben',
      danielsReady: () => screen.findByText('Visa documents'),
    },
    {
      name: 'a thread',
      ui: (id) => <ThreadView conversationId={id} />,
      bens: 'Only Ben and Elena read this',
      danielsReady: () => screen.findByRole('alert'),
    },
  ];

  it.each(switchRows)(
    "shows nothing of the previous viewer's in any commit after the client changes: $name",
    async ({ ui, act: before, bens, danielsReady }) => {
      const mock = createMockServer();
      await seedConversation(mock);
      const elenas = await startWithElena(mock, 'Only Ben sees this', {
        body: 'Only Ben and Elena read this',
      });
      const ben = await clientFor(mock, 'ben');
      const daniel = await clientFor(mock, 'daniel');
      let switched = false;
      const leaks: string[] = [];
      const onRender = () => {
        if (switched && screenText().includes(bens)) leaks.push(screenText());
      };
      const tree = (client: typeof ben) => (
        <Profiler id="kit" onRender={onRender}>
          <ConfideProvider client={client}>{ui(elenas)}</ConfideProvider>
        </Profiler>
      );
      const view = render(tree(ben));
      await waitFor(() => expect(screenText()).toContain(bens));
      await before?.();
      await waitFor(() => expect(screenText()).toContain(bens));
      switched = true;
      act(() => view.rerender(tree(daniel)));
      await danielsReady();
      expect(screenText()).not.toContain(bens);
      expect(leaks).toEqual([]);
    },
  );
});
