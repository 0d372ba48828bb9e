import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { confideParameters, mockOf } from '../../stories/confide-story.js';
import { NotificationList } from './notification-list.js';

const meta = {
  title: 'Components/NotificationList',
  component: NotificationList,
  args: { onOpen: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 420 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof NotificationList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ben's notifications, newest first; unread ones marked. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await expect((await within(canvasElement).findAllByRole('listitem')).length).toBeGreaterThan(0);
  },
};

/** "Mark all as read" clears the unread marks. */
export const MarkAllRead: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Mark all as read' }));
    await expect(await canvas.findAllByRole('listitem')).not.toHaveLength(0);
  },
};

/** The first page is on its way. */
export const Loading: Story = {
  parameters: confideParameters({ mock: { scenario: { latencyMs: 600_000 } } }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status', { name: 'Loading…' })).toBeInTheDocument();
  },
};

/** No notifications (the empty account). */
export const Empty: Story = {
  parameters: confideParameters({ as: 'emptyOwner' }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText('No notifications.')).toBeInTheDocument();
  },
};

/** The server fails; "Try again" loads the feed once it recovers. */
export const ErrorWithRetry: Story = {
  name: 'Error',
  parameters: confideParameters({ mock: { scenario: { failures: { listNotifications: { status: 500 } } } } }),
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const retry = await canvas.findByRole('button', { name: 'Try again' });
    mockOf(loaded).setScenario({});
    await userEvent.click(retry);
    await expect((await canvas.findAllByRole('listitem')).length).toBeGreaterThan(0);
  },
};

/** The dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Without the kit's stylesheet: the bare parts a host styles through their class names and `data-*` states. */
export const Unstyled: Story = { globals: { stylesheet: 'none' } };
