import type { Message, Transport } from '@confide/core';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientFor,
  createMockServer,
  renderWith,
  seedConversation,
  seedMessage,
  transportFor,
} from '../../test/setup-client.js';
import { ThreadView } from './thread-view.js';

// jsdom has no layout. Give the feed a 400 px viewport and a content height of one estimated row (96 px) per
// message, and let it remember its scroll position, so the windowing and pinning logic runs as in a browser.
const VIEWPORT_PX = 400;
const ROW_PX = 96;
const scrollTops = new WeakMap<Element, number>();
const originals = {
  clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
  scrollHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight'),
  scrollTop: Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop'),
};
const isFeed = (element: Element) => element.getAttribute('role') === 'feed';

beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return isFeed(this) ? VIEWPORT_PX : 0;
    },
  });
  Object.defineProperty(Element.prototype, 'scrollHeight', {
    configurable: true,
    get(this: Element) {
      const total = Number(this.querySelector('[role="article"]')?.getAttribute('aria-setsize') ?? 0);
      return isFeed(this) ? total * ROW_PX : 0;
    },
  });
  Object.defineProperty(Element.prototype, 'scrollTop', {
    configurable: true,
    get(this: Element) {
      return scrollTops.get(this) ?? 0;
    },
    set(this: Element, value: number) {
      scrollTops.set(this, Math.max(0, Math.min(value, Math.max(0, this.scrollHeight - this.clientHeight))));
    },
  });
});

afterAll(() => {
  for (const [name, descriptor] of Object.entries(originals)) {
    const target = name === 'clientHeight' ? HTMLElement.prototype : Element.prototype;
    if (descriptor) Object.defineProperty(target, name, descriptor);
  }
});

function scrollFeedTo(feed: HTMLElement, top: number) {
  feed.scrollTop = top;
  fireEvent.scroll(feed);
}

describe('ThreadView scrolling', () => {
  it('opens at the newest message, and offers a "new messages" pill after the reader scrolled up', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, { replies: 9 });
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ThreadView conversationId={id} />);
    const feed = await screen.findByRole('feed');
    await waitFor(() => expect(feed.scrollTop).toBe(10 * ROW_PX - VIEWPORT_PX));
    act(() => scrollFeedTo(feed, 0));
    await act(async () => {
      await seedMessage(mock, 'daniel', id, 'While you were reading');
    });
    const pill = await screen.findByRole('button', { name: '1 new message' });
    expect(feed.scrollTop).toBe(0);
    await userEvent.click(pill);
    expect(feed.scrollTop).toBe(11 * ROW_PX - VIEWPORT_PX);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: /new message/ })).not.toBeInTheDocument(),
    );
  });

  it('stays pinned to the bottom when a message arrives while the reader is there', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, { replies: 9 });
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ThreadView conversationId={id} />);
    const feed = await screen.findByRole('feed');
    await act(async () => {
      await seedMessage(mock, 'daniel', id, 'Arrives at the bottom');
    });
    await screen.findByText('Arrives at the bottom');
    await waitFor(() => expect(feed.scrollTop).toBe(11 * ROW_PX - VIEWPORT_PX));
    expect(screen.queryByRole('button', { name: /new message/ })).not.toBeInTheDocument();
  });

  it('loads older messages on scrolling to the top and keeps the reader on the same message', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, { replies: 40 });
    const client = await clientFor(mock, 'ben');
    renderWith(client, <ThreadView conversationId={id} />);
    const feed = await screen.findByRole('feed');
    await waitFor(() => expect(feed.scrollTop).toBeGreaterThan(0));
    act(() => scrollFeedTo(feed, 0));
    await waitFor(() =>
      expect(within(feed).getAllByRole('article')[0]).toHaveAttribute('aria-setsize', '41'),
    );
    // The message that was first (Reply 10) is now the 12th; the view moved down by the 11 rows added above it.
    expect(feed.scrollTop).toBe(11 * ROW_PX);
  });

  it('opens a 10,000-message thread rendering only a window of it', async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock);
    const base = transportFor(mock, 'ben');
    const start = Date.parse('2026-01-01T00:00:00Z');
    const items: Message[] = Array.from({ length: 10_000 }, (_, index) => ({
      id: `msg_${index}` as Message['id'],
      conversationId: id,
      author:
        index % 2
          ? { kind: 'client', id: 'con_daniel', name: 'Daniel Okafor' }
          : { kind: 'member', id: 'mem_ben', name: 'Ben Cho' },
      body: `Message ${index}`,
      createdAt: new Date(start + index * 60_000).toISOString(),
      internal: false,
      idempotencyKey: `key_${String(index).padStart(8, '0')}`,
    })) as Message[];
    const transport: Transport = { ...base, listMessages: async () => ({ items, nextCursor: null }) };
    const client = await clientFor(mock, 'ben', { transport });
    renderWith(client, <ThreadView conversationId={id} />);
    await screen.findByText('Message 9999');
    const articles = within(screen.getByRole('feed')).getAllByRole('article');
    expect(articles.length).toBeLessThan(100);
    expect(articles.at(-1)).toHaveAttribute('aria-posinset', '10000');
    expect(articles.at(-1)).toHaveAttribute('aria-setsize', '10000');
  });
});
