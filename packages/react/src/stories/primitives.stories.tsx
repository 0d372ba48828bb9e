import type { ConversationId } from '@confide/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { useComposer } from '../hooks/use-composer.js';
import { useThread } from '../hooks/use-thread.js';
import { Composer, Thread } from '../primitives/index.js';

const WORK_PERMIT = 'cnv_daniel_work_permit' as ConversationId;

/** A host's own reply UI: the unstyled primitives plus the hooks, styled by the host (here, inline). */
function CustomReply() {
  const thread = useThread(WORK_PERMIT);
  const composer = useComposer({ conversationId: WORK_PERMIT });
  return (
    <Thread.Root style={{ display: 'grid', gap: 8, maxWidth: 560 }}>
      <Thread.Messages role="log" aria-label="Work permit renewal" style={{ display: 'grid', gap: 6 }}>
        {thread.messages.map((message) => (
          <Thread.Message
            key={message.idempotencyKey}
            direction={message.author?.kind === 'member' ? 'outbound' : 'inbound'}
            state={message.state}
            internal={message.internal}
            style={{ padding: 8, border: '1px solid currentColor', borderRadius: 12 }}
          >
            {message.body}
          </Thread.Message>
        ))}
      </Thread.Messages>
      <Composer.Root
        state={composer.status}
        onSubmit={(event) => {
          event.preventDefault();
          void composer.send().catch(() => {});
        }}
        style={{ display: 'flex', gap: 8 }}
      >
        <Composer.Body
          aria-label="Your reply"
          value={composer.draft.body}
          onValueChange={composer.setBody}
          style={{ flex: 1 }}
        />
        <Composer.Submit state={composer.status}>Send reply</Composer.Submit>
      </Composer.Root>
    </Thread.Root>
  );
}

const meta = {
  title: 'Primitives/Composer',
  component: CustomReply,
} satisfies Meta<typeof CustomReply>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A reply built from `Thread.*` and `Composer.*` with `useThread` and `useComposer`; Ctrl+Enter sends. */
export const CustomUi: Story = {
  play: async ({ canvas }) => {
    await canvas.findByText(/letter from your employer/);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Your reply' }), 'Sent from a custom UI.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(canvas.getAllByText('Sent from a custom UI.')).toHaveLength(1));
    await waitFor(() => expect(canvas.getByRole('textbox', { name: 'Your reply' })).toHaveValue(''));
  },
};
