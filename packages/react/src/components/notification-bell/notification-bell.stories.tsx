import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { confideParameters } from '../../stories/confide-story.js';
import { NotificationBell } from './notification-bell.js';

const meta = {
  title: 'Components/NotificationBell',
  component: NotificationBell,
  args: { onOpen: fn() },
  decorators: [
    (Story) => (
      <div style={{ display: 'flex', justifyContent: 'flex-end', minHeight: 420 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof NotificationBell>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ben's bell with its unread count. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByRole('button', { name: /^Notifications, \d+ unread$/ }),
    ).toBeInTheDocument();
  },
};

/** Opening a notification calls `onOpen` with its conversation and closes the list. */
export const OpenNotification: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /^Notifications, \d+ unread$/ }));
    const list = await canvas.findByRole('region', { name: 'Notifications' });
    const [first] = await within(list).findAllByRole('button', { name: /^(?!Mark).*(replied in|started)/ });
    if (!first) throw new Error('No notification to open');
    await userEvent.click(first);
    await waitFor(() => expect(args.onOpen).toHaveBeenCalledTimes(1));
    await expect(canvas.queryByRole('region', { name: 'Notifications' })).toBeNull();
  },
};

/** The list, open. */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: /^Notifications/ }));
    await expect(await canvas.findByRole('region', { name: 'Notifications' })).toBeInTheDocument();
  },
};

/** Nothing to see: the empty account. */
export const Empty: Story = {
  parameters: confideParameters({ as: 'emptyOwner' }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Notifications' }));
    await expect(await canvas.findByText('No notifications.')).toBeInTheDocument();
  },
};

/** The dark theme, open. */
export const Dark: Story = { ...Open, globals: { theme: 'dark' } };
