import { type ConfideClient, type ConversationId, createConfideClient, httpTransport } from '@confide/core';
import { QueryClient } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ComposeSecureMessage } from '../components/compose-secure-message/compose-secure-message.js';
import { MessageIndex } from '../components/message-index/message-index.js';
import { ThreadView } from '../components/thread-view/thread-view.js';
import { useViewer } from '../hooks/use-viewer.js';
import {
  createMockServer,
  type DemoPerson,
  type MockServer,
  seedConversation,
  seedMessage,
  startWithElena,
  transportFor,
} from '../test/setup-client.js';
import { ConfideProvider } from './confide-provider.js';

/** Which requests a gate holds: a method and a test on the URL. */
type Held = (request: Request) => boolean;

/**
 * A mounted client of `person` on `mock` whose requests wait while a gate holding them is closed, as on a slow
 * network; an aborted request stops waiting and fails at once, as a real one does.
 */
function gatedClient(mock: MockServer, person: DemoPerson) {
  const gates: { held: Held; open: Promise<void>; answer: (() => Response) | undefined }[] = [];
  const { baseUrl, fetch, getToken } = mock.as(person);
  const gatedFetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const gate = gates.find(({ held }) => held(request));
    if (gate)
      await Promise.race([
        gate.open,
        new Promise((_, reject) =>
          request.signal.addEventListener('abort', () => reject(request.signal.reason)),
        ),
      ]);
    return gate?.answer?.() ?? fetch(request);
  };
  const client = createConfideClient({ transport: httpTransport({ baseUrl, getToken, fetch: gatedFetch }) });
  client.mount();
  onTestFinished(() => client.dispose());
  /** Holds matching requests until the returned function is called; then `answer` answers them, if given. */
  const hold = (held: Held, answer?: () => Response) => {
    let release = () => {};
    const gate = { held, answer, open: new Promise<void>((resolve) => (release = resolve)) };
    gates.push(gate);
    return () => {
      gates.splice(gates.indexOf(gate), 1);
      release();
    };
  };
  return { client, hold };
}

const path = (request: Request) => new URL(request.url).pathname;
const olderPage = (request: Request) => new URL(request.url).searchParams.has('before');
const isGet = (request: Request) => request.method === 'GET';
const isMessages = (request: Request) => /\/messages$/.test(path(request));

const tree = (client: ConfideClient, ui: ReactNode) => (
  <ConfideProvider client={client} timeZone="UTC" locale="en-GB">
    {ui}
  </ConfideProvider>
);

/** A few milliseconds of real time: a router switching screens while their data loads. */
const moment = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 3)));

/** Mounts and unmounts `ui` `times` times, a few milliseconds apart (a user clicking quickly through routes). */
async function flicker(client: ConfideClient, ui: ReactNode, times = 3) {
  for (let count = 0; count < times; count += 1) {
    const view = render(tree(client, ui));
    await moment();
    view.unmount();
    await moment();
  }
}

/** Bodies of the thread's articles on screen, oldest first. */
const shownBodies = () =>
  within(screen.getByRole('feed'))
    .getAllByRole('article')
    .map((article) => article.textContent ?? '');

/** The message bodies of conversation `id` on the server, as Ben sees them. */
async function serverBodies(mock: MockServer, id: ConversationId) {
  return (await transportFor(mock, 'ben').listMessages(id, { limit: 100 })).items.map(
    (message) => message.body,
  );
}

describe('quick route changes while the data loads', () => {
  const rows: {
    name: string;
    held: Held;
    ui: (id: ConversationId) => ReactNode;
    loaded: () => Promise<unknown>;
  }[] = [
    {
      name: 'ThreadView',
      held: (request) => isGet(request) && isMessages(request),
      ui: (id) => <ThreadView conversationId={id} />,
      loaded: () => screen.findByText('Hello Daniel'),
    },
    {
      name: 'MessageIndex',
      held: (request) => isGet(request) && path(request) === '/v1/conversations',
      ui: () => <MessageIndex />,
      loaded: () => screen.findByText('Visa documents'),
    },
    {
      name: 'ComposeSecureMessage',
      held: (request) => path(request) === '/v1/contacts',
      ui: () => <ComposeSecureMessage />,
      loaded: async () => {
        await userEvent.click(await screen.findByRole('combobox', { name: 'Client' }));
        return screen.findByRole('option', { name: /Daniel Okafor/ });
      },
    },
  ];

  it.each(rows)('$name mounted again after quick unmounts loads', async ({ held, ui, loaded }) => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { client, hold } = gatedClient(mock, 'ben');
    await client.ready;
    const release = hold(held);
    await flicker(client, ui(id));
    release();
    render(tree(client, ui(id)));
    expect(await loaded()).toBeInTheDocument();
  });

  it('a reply sent just before the thread unmounts shows once when it mounts again, sending and then sent', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { client, hold } = gatedClient(mock, 'daniel');
    await client.ready;
    const first = render(tree(client, <ThreadView conversationId={id} />));
    await screen.findByText('Hello Daniel');
    const release = hold((request) => request.method === 'POST' && isMessages(request));
    await userEvent.type(screen.getByRole('textbox', { name: 'Reply' }), 'Sent on the way out');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    first.unmount();
    await flicker(client, <ThreadView conversationId={id} />);
    render(tree(client, <ThreadView conversationId={id} />));
    await screen.findByText('Sent on the way out');
    release();
    await waitFor(async () => expect(await serverBodies(mock, id)).toContain('Sent on the way out'));
    await waitFor(() => expect(screen.queryByText('Sending…')).not.toBeInTheDocument());
    expect(shownBodies().filter((body) => body.includes('Sent on the way out'))).toHaveLength(1);
  });

  it('a load of older messages cancelled by an unmount can be made again when the thread mounts again', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, { replies: 40 });
    const { client, hold } = gatedClient(mock, 'ben');
    const first = render(tree(client, <ThreadView conversationId={id} />));
    await screen.findByRole('feed');
    const release = hold(olderPage);
    await userEvent.click(screen.getByRole('button', { name: 'Load older messages' }));
    first.unmount();
    release();
    render(tree(client, <ThreadView conversationId={id} />));
    await userEvent.click(await screen.findByRole('button', { name: 'Load older messages' }));
    await waitFor(() =>
      expect(within(screen.getByRole('feed')).getAllByRole('article')[0]).toHaveAttribute(
        'aria-setsize',
        '41',
      ),
    );
  });
});

describe('a ThreadView whose conversation changes while work on the previous one is in flight', () => {
  async function twoThreads() {
    const mock = createMockServer();
    const first = await seedConversation(mock, { subject: 'First', body: 'First thread', replies: 40 });
    const second = await seedConversation(mock, { subject: 'Second', body: 'Second thread' });
    const { client, hold } = gatedClient(mock, 'daniel');
    await client.ready;
    const view = render(tree(client, <ThreadView conversationId={first} />));
    await screen.findByText('Reply 40');
    const show = (id: ConversationId) => view.rerender(tree(client, <ThreadView conversationId={id} />));
    return { mock, first, second, client, hold, show };
  }

  it('a reply in flight lands in its own thread, not in the one now shown', async () => {
    const { mock, first, second, hold, show } = await twoThreads();
    const release = hold((request) => request.method === 'POST' && isMessages(request));
    await userEvent.type(screen.getByRole('textbox', { name: 'Reply' }), 'Meant for the first');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    show(second);
    await screen.findByText('Second thread');
    release();
    await waitFor(async () => expect(await serverBodies(mock, first)).toContain('Meant for the first'));
    expect(await serverBodies(mock, second)).not.toContain('Meant for the first');
    expect(screen.queryByText('Meant for the first')).not.toBeInTheDocument();
    show(first);
    expect(await screen.findByText('Meant for the first')).toBeInTheDocument();
  });

  it("the draft of one thread never shows in the other's reply box", async () => {
    const { first, second, show } = await twoThreads();
    await userEvent.type(screen.getByRole('textbox', { name: 'Reply' }), 'Draft for the first');
    show(second);
    await screen.findByText('Second thread');
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveValue('');
    show(first);
    await screen.findByText('Reply 40');
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveValue('Draft for the first');
  });

  it("an older page in flight never shows in the next thread, and the next thread's own pages load", async () => {
    const { first, second, hold, show } = await twoThreads();
    const release = hold(olderPage);
    await userEvent.click(screen.getByRole('button', { name: 'Load older messages' }));
    show(second);
    await screen.findByText('Second thread');
    release();
    await waitFor(() => expect(screen.queryByText('First thread')).not.toBeInTheDocument());
    expect(shownBodies()).toEqual([expect.stringContaining('Second thread')]);
    show(first);
    await screen.findByText('Reply 40');
    const older = screen.queryByRole('button', { name: 'Load older messages' });
    if (older) await userEvent.click(older);
    await waitFor(() =>
      expect(within(screen.getByRole('feed')).getAllByRole('article')[0]).toHaveAttribute(
        'aria-setsize',
        '41',
      ),
    );
  });

  it("opening another conversation announces none of its messages as new, and shows no 'new messages' pill", async () => {
    const { second, show } = await twoThreads();
    show(second);
    await screen.findByText('Second thread');
    expect(screen.queryByText(/^New message from/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /new message/ })).not.toBeInTheDocument();
  });
});

describe('a reply sent while the viewer is still loading', () => {
  const refused = () =>
    new Response(JSON.stringify({ error: { code: 'forbidden', message: 'Refused (test)' } }), {
      status: 403,
      headers: { 'Content-Type': 'application/json' },
    });
  const rows: { name: string; answer?: () => Response; offline?: boolean }[] = [
    {
      name: 'and the viewer is then refused (403): the send still gets the server’s answer',
      answer: refused,
    },
    { name: 'on a device gone offline: it waits, and goes out once back online', offline: true },
  ];

  it.each(rows)('shows at once $name', async ({ answer, offline }) => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const { client, hold } = gatedClient(mock, 'daniel');
    const release = hold((request) => path(request) === '/v1/me', answer);
    render(tree(client, <ThreadView conversationId={id} />));
    await screen.findByText('Hello Daniel');
    if (offline) act(() => client.setOnline(false));
    await userEvent.type(screen.getByRole('textbox', { name: 'Reply' }), 'Written before the viewer loaded');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const feed = within(screen.getByRole('feed'));
    expect(await feed.findByText('Written before the viewer loaded')).toBeInTheDocument();
    release();
    await (answer ? expect(client.ready).rejects.toThrow() : client.ready);
    if (offline) {
      expect(feed.getByText('Sending…')).toBeInTheDocument();
      expect(await serverBodies(mock, id)).not.toContain('Written before the viewer loaded');
      act(() => client.setOnline(true));
    }
    await waitFor(async () =>
      expect(await serverBodies(mock, id)).toContain('Written before the viewer loaded'),
    );
    await waitFor(() => expect(feed.queryByText('Sending…')).not.toBeInTheDocument());
  });
});

function ViewerName() {
  const { viewer } = useViewer();
  return <p>{viewer ? `Signed in as ${viewer.name}` : 'Signing in'}</p>;
}

describe('providers and clients side by side', () => {
  // `undefined` is the provider's own client, built over Daniel's transport.
  const switches: [string, ('ben' | 'daniel' | undefined)[], () => Promise<unknown>][] = [
    ['A→B→A quickly', ['daniel', 'ben', 'daniel'], moment],
    ['its own→a host’s→its own', [undefined, 'ben', undefined], moment],
    [
      'its own→a host’s→its own, each loaded first',
      [undefined, 'ben', undefined],
      () => screen.findByText(/^Signed in as/),
    ],
    ['a host’s→its own', ['ben', undefined], moment],
  ];

  it.each(switches)(
    'a client prop switched %s shows the last client, and nothing of the others',
    async (_name, order, pause) => {
      const mock = createMockServer();
      await seedConversation(mock);
      await startWithElena(mock, 'Only Ben sees this');
      const clients = { ben: gatedClient(mock, 'ben').client, daniel: gatedClient(mock, 'daniel').client };
      const own = transportFor(mock, 'daniel');
      const ui = (
        <>
          <ViewerName />
          <MessageIndex />
        </>
      );
      const page = (person: 'ben' | 'daniel' | undefined) =>
        person ? tree(clients[person], ui) : <ConfideProvider transport={own}>{ui}</ConfideProvider>;
      const view = render(page(order[0]));
      for (const person of order.slice(1)) {
        await pause();
        view.rerender(page(person));
      }
      expect(await screen.findByText('Signed in as Daniel Okafor')).toBeInTheDocument();
      await screen.findByText('Visa documents');
      expect(screen.queryByText('Only Ben sees this')).not.toBeInTheDocument();
    },
  );

  it('a firm provider and a portal provider over one QueryClient each show their own person, also after one goes', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    await seedMessage(mock, 'ben', id, 'A note only the firm sees', { internal: true });
    const queryClient = new QueryClient();
    const side = (person: DemoPerson) => (
      <section aria-label={person}>
        <ConfideProvider transport={transportFor(mock, person)} queryClient={queryClient}>
          <ViewerName />
          <ThreadView conversationId={id} />
        </ConfideProvider>
      </section>
    );
    const page = (withFirm: boolean) => (
      <>
        {withFirm && side('ben')}
        {side('daniel')}
      </>
    );
    const view = render(page(true));
    const firm = within(screen.getByRole('region', { name: 'ben' }));
    const portal = within(screen.getByRole('region', { name: 'daniel' }));
    expect(await firm.findByText('Signed in as Ben Cho')).toBeInTheDocument();
    expect(await portal.findByText('Signed in as Daniel Okafor')).toBeInTheDocument();
    expect(await firm.findByText('A note only the firm sees')).toBeInTheDocument();
    await portal.findByText('Hello Daniel');
    expect(portal.queryByText('A note only the firm sees')).not.toBeInTheDocument();
    view.rerender(page(false));
    await act(() => seedMessage(mock, 'ben', id, 'After the firm page closed'));
    expect(await portal.findByText('After the firm page closed')).toBeInTheDocument();
  });
});
