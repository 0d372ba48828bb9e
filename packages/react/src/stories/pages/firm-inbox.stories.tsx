import type { ConversationId } from '@confide/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent } from 'storybook/test';
import { ComposeSecureMessage } from '../../components/compose-secure-message/compose-secure-message.js';
import { MessageIndex } from '../../components/message-index/message-index.js';
import { NotificationBell } from '../../components/notification-bell/notification-bell.js';
import { ThreadView } from '../../components/thread-view/thread-view.js';
import { confideParameters } from '../confide-story.js';
import { PageLayout, Placeholder } from './page-layout.js';

type Detail = { readonly kind: 'thread'; readonly id: ConversationId } | { readonly kind: 'compose' } | null;

/** A firm's inbox page: the index, the open thread, the notification bell and a "New message" form. */
function FirmInbox() {
  const [detail, setDetail] = useState<Detail>(null);
  const open = (id: ConversationId) => setDetail({ kind: 'thread', id });
  return (
    <PageLayout
      title="Rivera & Cho Immigration — Messages"
      actions={
        <>
          <button type="button" onClick={() => setDetail({ kind: 'compose' })}>
            New message
          </button>
          <NotificationBell onOpen={open} />
        </>
      }
      index={<MessageIndex onOpen={open} />}
      detail={
        detail === null ? (
          <Placeholder>Choose a conversation.</Placeholder>
        ) : detail.kind === 'compose' ? (
          <ComposeSecureMessage onSent={open} />
        ) : (
          <ThreadView key={detail.id} conversationId={detail.id} />
        )
      }
    />
  );
}

const meta = {
  title: 'Pages/Firm inbox',
  component: FirmInbox,
  parameters: confideParameters({ as: 'ben' }),
} satisfies Meta<typeof FirmInbox>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ben opens Elena's conversation from the index and reads it. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('option', { name: /Question about my residence card/ }));
    await expect(
      await canvas.findByRole('feed', { name: /Question about my residence card/ }),
    ).toBeInTheDocument();
  },
};

/** A firm with a long index (10,000 conversations). */
export const BusyFirm: Story = {
  parameters: confideParameters({
    as: 'ben',
    setup: async (mock) => {
      await mock.addConversations({ count: 10_000 });
      return {};
    },
  }),
};

/** The dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };
