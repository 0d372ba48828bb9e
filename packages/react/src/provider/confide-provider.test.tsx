import {
  type ConfideClient,
  type ConversationId,
  httpTransport,
  memoryStorage,
  type NetworkStatus,
  type Transport,
} from '@confide/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useEffect, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useStore } from 'zustand';
import { ComposeSecureMessage } from '../components/compose-secure-message/compose-secure-message.js';
import { MessageIndex } from '../components/message-index/message-index.js';
import { useConfideClient } from '../hooks/use-client.js';
import { useThread } from '../hooks/use-thread.js';
import { useViewer } from '../hooks/use-viewer.js';
import {
  createMockServer,
  type DemoPerson,
  type MockServer,
  seedConversation,
} from '../test/setup-client.js';
import { ConfideProvider } from './confide-provider.js';

/** The clients the provider has mounted and not yet disposed: a leaked client stays in here. */
const liveClients = vi.hoisted(() => new Set<ConfideClient>());

vi.mock('@confide/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@confide/core')>();
  return {
    ...core,
    createConfideClient: (options: Parameters<typeof core.createConfideClient>[0]) => {
      const client = core.createConfideClient(options);
      return {
        ...client,
        mount: () => {
          liveClients.add(client);
          client.mount();
        },
        dispose: () => {
          liveClients.delete(client);
          client.dispose();
        },
      };
    },
  };
});

/** A person's transport on `mock` that counts open event streams and the sends made through it. */
function countingTransport(mock: MockServer, person: DemoPerson) {
  const counts = { openStreams: 0, sends: 0 };
  const { baseUrl, fetch, getToken } = mock.as(person);
  const counted: typeof globalThis.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
    if (url.endsWith('/v1/events')) {
      counts.openStreams += 1;
      init?.signal?.addEventListener('abort', () => {
        counts.openStreams -= 1;
      });
    }
    if (method === 'POST' && url.includes('/messages')) counts.sends += 1;
    return fetch(input, init);
  };
  const transport: Transport = httpTransport({ baseUrl, getToken, fetch: counted });
  return { transport, counts };
}

function ViewerName() {
  const { viewer } = useViewer();
  return <p>{viewer?.name ?? 'loading'}</p>;
}

describe('ConfideProvider', () => {
  it('builds a client from a transport and keeps its data in the host QueryClient under confide keys', async () => {
    const hostClient = new QueryClient();
    render(
      <ConfideProvider transport={httpTransport(createMockServer().as('ben'))} queryClient={hostClient}>
        <ViewerName />
      </ConfideProvider>,
    );
    expect(await screen.findByText('Ben Cho')).toBeInTheDocument();
    const keys = hostClient
      .getQueryCache()
      .getAll()
      .map((query) => query.queryKey[0]);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys)).toEqual(new Set(['confide']));
  });

  // A provider built from a transport never heard that the browser went offline: the kit never said so, and coming
  // back did not reopen the live stream early. It watches the browser's connectivity unless the host says otherwise.
  it('says the device is offline when the browser goes offline, and stops saying so when it is back', async () => {
    render(
      <ConfideProvider transport={httpTransport(createMockServer().as('ben'))}>
        <MessageIndex onOpen={() => {}} />
      </ConfideProvider>,
    );
    await screen.findAllByRole('option');
    act(() => void window.dispatchEvent(new Event('offline')));
    expect(await screen.findByText(/^You are offline\./)).toBeInTheDocument();
    act(() => void window.dispatchEvent(new Event('online')));
    await waitFor(() => expect(screen.queryByText(/^You are offline\./)).not.toBeInTheDocument());
  });

  it("never writes into the host's default react-query client", async () => {
    const defaultClient = new QueryClient();
    render(
      <QueryClientProvider client={defaultClient}>
        <ConfideProvider transport={httpTransport(createMockServer().as('ben'))}>
          <ViewerName />
        </ConfideProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Ben Cho')).toBeInTheDocument();
    expect(defaultClient.getQueryCache().getAll()).toHaveLength(0);
  });

  it("applies the provider's strings to every component, a component's own overrides winning", async () => {
    render(
      <ConfideProvider
        transport={httpTransport(createMockServer().as('ben'))}
        overrides={{ COMPOSER_SEND: 'Envoyer', LOADING: 'Chargement…' }}
      >
        <ComposeSecureMessage overrides={{ COMPOSER_SEND: 'Expédier' }} />
        <MessageIndex />
      </ConfideProvider>,
    );
    expect(screen.getByRole('button', { name: 'Expédier' })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Chargement…' })).toBeInTheDocument();
  });

  it('explains a missing provider', () => {
    expect(() => render(<ViewerName />)).toThrow(/inside <ConfideProvider>/);
  });

  it('disposes the client it built when it unmounts', async () => {
    const { transport, counts } = countingTransport(createMockServer(), 'ben');
    const { unmount } = render(
      <ConfideProvider transport={transport}>
        <ViewerName />
      </ConfideProvider>,
    );
    await screen.findByText('Ben Cho');
    await waitFor(() => expect(counts.openStreams).toBe(1));
    unmount();
    await waitFor(() => expect(counts.openStreams).toBe(0));
  });

  it('leaves no second client or stream behind under StrictMode', async () => {
    const { transport, counts } = countingTransport(createMockServer(), 'ben');
    const { unmount } = render(
      <StrictMode>
        <ConfideProvider transport={transport}>
          <ViewerName />
        </ConfideProvider>
      </StrictMode>,
    );
    await screen.findByText('Ben Cho');
    await waitFor(() => expect(counts.openStreams).toBe(1));
    // Effects have run (render is wrapped in act): a stray client is one mounted and never disposed.
    expect(liveClients.size).toBe(1);
    unmount();
    // Disposed a microtask after unmount, once every component below has let go of the client's queries.
    await waitFor(() => expect(liveClients.size).toBe(0));
    await waitFor(() => expect(counts.openStreams).toBe(0));
  });

  it("shows and sends nothing of the previous person's on a shared QueryClient and storage", async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, { subject: 'Shared device' });
    const queryClient = new QueryClient();
    const storage = memoryStorage();
    const ben = countingTransport(mock, 'ben');
    const network = networkThatDrops();
    const first = render(
      <ConfideProvider
        transport={ben.transport}
        queryClient={queryClient}
        storage={storage}
        network={network}
      >
        <ViewerName />
        <SendOffline conversationId={id} goOffline={network.drop} />
      </ConfideProvider>,
    );
    await screen.findByText('Ben Cho');
    await screen.findByText('queued');
    first.unmount();

    const daniel = countingTransport(mock, 'daniel');
    render(
      <ConfideProvider transport={daniel.transport} queryClient={queryClient} storage={storage}>
        <ViewerName />
        <ThreadBodies conversationId={id} />
        <SendWhenReady conversationId={id} body="Daniel checks in" />
      </ConfideProvider>,
    );
    expect(await screen.findByText('Daniel Okafor')).toBeInTheDocument();
    expect(screen.queryByText('Ben Cho')).not.toBeInTheDocument();
    // The outbox sends oldest first: a restored entry of Ben's would reach the server before Daniel's own send.
    await screen.findByText('sent');
    await screen.findByText('Shared device: Daniel checks in');
    expect(screen.queryByText(/Written by Ben offline/)).not.toBeInTheDocument();
    expect(daniel.counts.sends).toBe(1);
    expect(ben.counts.sends).toBe(0);
  });
});

/** A device online until `drop()`, then offline for good. */
function networkThatDrops(): NetworkStatus & { drop(): void } {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drop() {
      online = false;
      for (const listener of listeners) listener(false);
    },
  };
}

/** Ben, signed in, loses the network and queues a reply (shown as "queued" once the outbox holds it). */
function SendOffline(props: { readonly conversationId: ConversationId; readonly goOffline: () => void }) {
  const { conversationId, goOffline } = props;
  const client = useConfideClient();
  const entries = useStore(client.stores.outbox, (state) => state.entries);
  useEffect(() => {
    void client.ready.then(() => {
      goOffline();
      client
        .thread(conversationId)
        .send('Written by Ben offline')
        .catch(() => {});
    });
  }, [client, conversationId, goOffline]);
  return <p>{entries.length > 0 ? 'queued' : 'empty'}</p>;
}

/** Sends `body` once the client is ready and says when the server has it. */
function SendWhenReady(props: { readonly conversationId: ConversationId; readonly body: string }) {
  const { conversationId, body } = props;
  const client = useConfideClient();
  const [state, setState] = useState('waiting');
  useEffect(() => {
    void client.ready
      .then(() => client.thread(conversationId).send(body))
      .then(
        () => setState('sent'),
        () => setState('failed'),
      );
  }, [client, conversationId, body]);
  return <p>{state}</p>;
}

/** The thread's subject and message bodies as the signed-in person sees them. */
function ThreadBodies({ conversationId }: { readonly conversationId: ConversationId }) {
  const thread = useThread(conversationId);
  return (
    <ul>
      {thread.messages.map((message) => (
        <li key={message.id}>{`${thread.conversation?.subject ?? ''}: ${message.body}`}</li>
      ))}
    </ul>
  );
}
