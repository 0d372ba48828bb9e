import { onlineManager } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfideProvider } from '../../provider/confide-provider.js';
import type { ConfideOverrides } from '../../provider/messages.js';
import { axeViolations, clientFor, createMockServer, seedConversation } from '../../test/setup-client.js';
import { MessageIndex } from '../message-index/message-index.js';
import { NotificationList } from '../notification-bell/notification-list.js';
import { NotificationSettingsForm } from '../notification-settings-form/notification-settings-form.js';
import { ThreadView } from '../thread-view/thread-view.js';

/**
 * Hosts' own words for loading, in languages that say "loading" and "this will load" alike: a part must tell the two
 * apart by the connection, not by comparing its words.
 */
const LANGUAGES: readonly { language: string; overrides: ConfideOverrides }[] = [
  { language: 'German', overrides: { LOADING: 'Wird geladen …', LOADING_OFFLINE: 'Wird geladen …' } },
  { language: 'Arabic', overrides: { LOADING: 'جارٍ التحميل…', LOADING_OFFLINE: 'جارٍ التحميل…' } },
  { language: 'Hebrew', overrides: { LOADING: 'בטעינה…', LOADING_OFFLINE: 'בטעינה…' } },
];

/** The parts that show placeholder rows while their first page loads. */
const PARTS: readonly {
  part: string;
  render: (conversationId: string) => ReactNode;
  loaded: () => HTMLElement;
}[] = [
  { part: 'the index', render: () => <MessageIndex />, loaded: () => screen.getByRole('listbox') },
  {
    part: 'a thread',
    render: (id) => <ThreadView conversationId={id as never} />,
    loaded: () => screen.getByRole('feed'),
  },
  { part: 'the notifications', render: () => <NotificationList />, loaded: () => screen.getByRole('list') },
  {
    part: 'the notification settings',
    render: () => <NotificationSettingsForm />,
    loaded: () => screen.getAllByRole('radio')[0]!,
  },
];

const ROWS = LANGUAGES.flatMap((language) => PARTS.map((part) => ({ ...language, ...part })));

afterEach(() => onlineManager.setOnline(true));

describe('Skeleton with the host’s own words', () => {
  it.each(ROWS)(
    '$part in $language: offline, says it waits for the connection (no placeholder rows); online, loads',
    async ({ overrides, render: part, loaded }) => {
      const mock = createMockServer();
      const id = await seedConversation(mock);
      const client = await clientFor(mock, 'ben');
      // As in a browser: the SDK's network status and query-core's both go offline.
      onlineManager.setOnline(false);
      client.setOnline(false);
      const viewerQuery = client.queries.viewer.viewer();
      const viewer = client.queryClient.getQueryData(viewerQuery.queryKey);
      client.queryClient.clear();
      client.queryClient.setQueryData(viewerQuery.queryKey, viewer);
      const { container } = render(
        <ConfideProvider client={client} timeZone="UTC" locale="en-GB" overrides={overrides}>
          {part(id)}
        </ConfideProvider>,
      );

      const waiting = await screen.findByText(overrides.LOADING_OFFLINE as string);
      expect(waiting).toHaveAttribute('role', 'status');
      expect(waiting).toHaveAttribute('data-state', 'waiting');
      expect(container.querySelector('.confide-skeleton')).toBeNull();
      expect(await axeViolations(container)).toEqual([]);

      act(() => {
        onlineManager.setOnline(true);
        client.setOnline(true);
      });
      await waitFor(() => expect(loaded()).toBeInTheDocument());
      expect(container.querySelector('[data-state="waiting"]')).toBeNull();
    },
  );
});
