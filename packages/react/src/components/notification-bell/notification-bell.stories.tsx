import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { confideParameters, framed, mockOf } from '../../stories/confide-story.js';
import { ringInside } from '../../stories/focus-ring.js';
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

/** Tabbing into the list: the focused notification's ring is whole, not cut off by the scrolling list's edges. */
export const KeyboardFocus: Story = {
  play: async ({ canvas }) => {
    const bell = await canvas.findByRole('button', { name: /^Notifications, \d+ unread$/ });
    bell.focus();
    await userEvent.keyboard('{Enter}');
    const list = await canvas.findByRole('region', { name: 'Notifications' });
    const [first] = await within(list).findAllByRole('button', { name: /^(?!Mark).*(replied in|started)/ });
    if (!first) throw new Error('No notification to focus');
    await userEvent.tab();
    await userEvent.tab();
    await expect(first).toHaveFocus();
    await expect(first.matches(':focus-visible')).toBe(true);
    const scroller = first.closest('ul');
    if (!scroller) throw new Error('No list around the notification');
    await expect(ringInside(first, scroller)).toEqual({ left: true, right: true, top: true });
    const [markRead] = within(list).getAllByRole('button', { name: /^Mark as read/ });
    if (!markRead) throw new Error('No unread notification');
    await userEvent.tab();
    await expect(markRead).toHaveFocus();
    await expect(ringInside(markRead, scroller)).toEqual({ left: true, right: true, top: true });
  },
};

/** The same from right to left, where the list's start edge is on the right. */
export const KeyboardFocusRightToLeft: Story = { ...KeyboardFocus, globals: { locale: 'ar-EG' } };

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
