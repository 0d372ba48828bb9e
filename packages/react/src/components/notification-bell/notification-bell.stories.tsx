import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { confideParameters, framed, mockOf } from '../../stories/confide-story.js';
import { NotificationBell } from './notification-bell.js';

const meta = {
  title: 'Components/NotificationBell',
  component: NotificationBell,
  args: { onOpen: fn() },
  decorators: [framed({ display: 'flex', justifyContent: 'flex-end', minHeight: 420 })],
} satisfies Meta<typeof NotificationBell>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ben's bell with its unread count. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('button', { name: /^Notifications, \d+ unread$/ }),
    ).toBeInTheDocument();
  },
};

/** Opening a notification calls `onOpen` with its conversation and closes the list. */
export const OpenNotification: Story = {
  play: async ({ canvas, args }) => {
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
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /^Notifications/ }));
    await expect(await canvas.findByRole('region', { name: 'Notifications' })).toBeInTheDocument();
  },
};

/** Nothing to see: the empty account. */
export const Empty: Story = {
  parameters: confideParameters({ as: 'emptyOwner' }),
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Notifications' }));
    await expect(await canvas.findByText('No notifications.')).toBeInTheDocument();
  },
};

/** The dark theme, open. */
export const Dark: Story = { ...Open, globals: { theme: 'dark' } };

/** The feed cannot load; the list offers "Try again", which works once the server is back. */
export const ErrorWithRetry: Story = {
  name: 'Error',
  parameters: confideParameters({ mock: { scenario: { failures: { listNotifications: { status: 500 } } } } }),
  play: async ({ canvas, loaded }) => {
    await userEvent.click(await canvas.findByRole('button', { name: /^Notifications/ }));
    const retry = await canvas.findByRole('button', { name: 'Try again' });
    mockOf(loaded).setScenario({});
    await userEvent.click(retry);
    await expect(
      (await canvas.findAllByRole('button', { name: /^(?!Mark).*(replied in|started)/ })).length,
    ).toBeGreaterThan(0);
  },
};

/** Right-to-left layout, open. */
export const RightToLeft: Story = { ...Open, globals: { locale: 'ar-EG' } };

/** Without the kit's stylesheet, open. */
export const Unstyled: Story = { ...Open, globals: { stylesheet: 'none' } };
