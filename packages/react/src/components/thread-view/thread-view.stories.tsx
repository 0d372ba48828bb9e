import type { ConversationId } from '@confide/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ComponentProps } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { MessageBodyProps } from '../../provider/components.js';
import { confideParameters, loadedOf, mockOf, useConfideStory } from '../../stories/confide-story.js';
import { ThreadView } from './thread-view.js';

const WORK_PERMIT = 'cnv_daniel_work_permit' as ConversationId;

/** Renders the thread of the story's setup data (`conversationId`), else the `conversationId` arg. */
function StoryThread(props: Partial<ComponentProps<typeof ThreadView>>) {
  const { data } = useConfideStory();
  const conversationId = (data.conversationId ?? props.conversationId ?? WORK_PERMIT) as ConversationId;
  return (
    <div style={{ height: 520, display: 'flex', flexDirection: 'column' }}>
      <ThreadView {...props} conversationId={conversationId} />
    </div>
  );
}

const meta = {
  title: 'Components/ThreadView',
  component: ThreadView,
  args: { conversationId: WORK_PERMIT },
  render: (args) => <StoryThread {...args} />,
} satisfies Meta<typeof ThreadView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ben (firm side) reads the work-permit thread: an internal note, the client's "Seen", a reply box. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/employer letter still missing/)).toBeInTheDocument();
    await expect(canvas.getAllByText('Internal note').length).toBeGreaterThan(0);
  },
};

/** Daniel (client side) sees the same thread without the internal note. */
export const ClientAudience: Story = {
  parameters: confideParameters({ as: 'daniel' }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/letter from your employer/);
    await expect(canvas.queryByText(/employer letter still missing/)).toBeNull();
  },
};

/** Daniel replies while Ben reads: the message arrives over the live event stream (SSE through MSW). */
export const LiveArrival: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/letter from your employer/);
    const { mock, client } = loadedOf(loaded);
    await waitFor(() => expect(client.stores.connection.getState().status).toBe('open'));
    // Sent as Daniel straight to the API: Ben's open thread only learns of it from the event stream.
    const response = await fetch(`${mock.baseUrl}/v1/conversations/${WORK_PERMIT}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await mock.tokenFor('daniel.okafor@client.test')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ body: 'The letter is uploaded.', idempotencyKey: 'story_live_arrival_1' }),
    });
    await expect(response.status).toBe(201);
    await expect(await canvas.findByText('The letter is uploaded.')).toBeInTheDocument();
  },
};

/** The first page is on its way (the network never answers in this story). */
export const Loading: Story = {
  parameters: confideParameters({ mock: { scenario: { latencyMs: 600_000 } } }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status', { name: 'Loading…' })).toBeInTheDocument();
  },
};

/** A conversation without messages yet. */
export const Empty: Story = {
  parameters: confideParameters({
    setup: async (mock) => {
      const now = new Date().toISOString();
      await mock.store.insertConversation({
        id: 'cnv_story_empty',
        firmId: 'firm_rivera_cho',
        contactId: 'con_elena',
        subject: 'Nothing said yet',
        matterId: null,
        matterLabel: null,
        startedBy: { kind: 'member', id: 'mem_ben' },
        createdAt: now,
      });
      return { conversationId: 'cnv_story_empty' };
    },
  }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No messages yet.')).toBeInTheDocument();
  },
};

/** The server fails (500); "Try again" loads the thread once it recovers. */
export const ErrorWithRetry: Story = {
  name: 'Error',
  parameters: confideParameters({ mock: { scenario: { failures: { listMessages: { status: 500 } } } } }),
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const retry = await canvas.findByRole('button', { name: 'Try again' });
    mockOf(loaded).setScenario({});
    await userEvent.click(retry);
    await expect(await canvas.findByText(/letter from your employer/)).toBeInTheDocument();
  },
};

/** 10,000 messages, virtualized: only the newest few are in the DOM. */
export const Long: Story = {
  parameters: confideParameters({
    setup: async (mock) => ({ conversationId: await mock.addLongThread({ messages: 10_000 }) }),
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/^10000\. /);
    await expect(canvasElement.querySelectorAll('article').length).toBeLessThan(200);
  },
};

/** The device is offline: a banner says that sends wait. */
export const Offline: Story = {
  parameters: confideParameters({ online: false }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/You are offline/)).toBeInTheDocument();
  },
};

/** A reply the server refuses (403) shows "Not sent." with Retry and Discard. */
export const SendFailed: Story = {
  parameters: confideParameters({ mock: { scenario: { failures: { sendMessage: { code: 'forbidden' } } } } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const reply = await canvas.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(reply, 'Here is the letter.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await expect(await canvas.findByText('Not sent.')).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  },
};

/** A reply on a slow network stays "Sending…" until the server answers. */
export const Sending: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const reply = await canvas.findByRole('textbox', { name: 'Reply' });
    mockOf(loaded).setScenario({
      latencyMs: 600_000,
    });
    await userEvent.type(reply, 'On its way.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(canvas.getAllByText('Sending…').length).toBeGreaterThan(0));
  },
};

function QuotedBody({ message }: MessageBodyProps) {
  return <blockquote style={{ margin: 0, fontStyle: 'italic' }}>{message.body}</blockquote>;
}

/** Strings and the message body replaced for this component only. */
export const Overrides: Story = {
  args: {
    overrides: { MESSAGE_SEEN: 'Read by client', MESSAGE_INTERNAL: 'Firm only' },
    components: { MessageBody: QuotedBody },
  },
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findAllByText('Firm only')).not.toHaveLength(0);
  },
};

/** The dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Right-to-left layout (Arabic locale for dates). */
export const RightToLeft: Story = { globals: { locale: 'ar-EG' } };

/** Without the kit's stylesheet: the bare parts a host styles through their class names and `data-*` states. */
export const Unstyled: Story = { globals: { stylesheet: 'none' } };
