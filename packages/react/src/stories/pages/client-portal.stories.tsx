import type { ConversationId } from '@confide/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { ComposeSecureMessage } from '../../components/compose-secure-message/compose-secure-message.js';
import { MessageIndex } from '../../components/message-index/message-index.js';
import { ThreadView } from '../../components/thread-view/thread-view.js';
import { confideParameters } from '../confide-story.js';
import { PageLayout, Placeholder } from './page-layout.js';

type Detail = { readonly kind: 'thread'; readonly id: ConversationId } | { readonly kind: 'compose' } | null;

/** A client's portal page: their conversations, the open thread, and "Create new conversation". */
function ClientPortal() {
  const [detail, setDetail] = useState<Detail>(null);
  const open = (id: ConversationId) => setDetail({ kind: 'thread', id });
  return (
    <PageLayout
      title="Your secure messages"
      actions={
        <button type="button" onClick={() => setDetail({ kind: 'compose' })}>
          Create new conversation
        </button>
      }
      index={<MessageIndex onOpen={open} />}
      detail={
        detail === null ? (
          <Placeholder>Choose a conversation.</Placeholder>
        ) : detail.kind === 'compose' ? (
          <ComposeSecureMessage audience="client" onSent={open} />
        ) : (
          <ThreadView key={detail.id} conversationId={detail.id} />
        )
      }
    />
  );
}

const meta = {
  title: 'Pages/Client portal',
  component: ClientPortal,
  parameters: confideParameters({ as: 'daniel' }),
} satisfies Meta<typeof ClientPortal>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Daniel opens his conversation and replies. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('option', { name: /Work permit renewal/ }));
    const reply = await canvas.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(reply, 'I will ask HR for the letter today.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() =>
      expect(canvas.getAllByRole('article').at(-1)).toHaveTextContent('I will ask HR for the letter today.'),
    );
  },
};

/** Daniel starts a new conversation; the thread opens once it is sent. */
export const StartConversation: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Create new conversation' }));
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Subject' }), 'Change of address');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'I am moving next month.');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(await canvas.findByRole('feed', { name: /Change of address/ })).toBeInTheDocument();
  },
};

/** A client of the empty account: nothing yet. */
export const Empty: Story = { parameters: confideParameters({ as: 'emptyClient' }) };

/** Right-to-left layout. */
export const RightToLeft: Story = { globals: { locale: 'ar-EG' } };
