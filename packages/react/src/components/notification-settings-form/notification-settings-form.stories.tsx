import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { confideParameters, framed, mockOf } from '../../stories/confide-story.js';
import { NotificationSettingsForm } from './notification-settings-form.js';

const meta = {
  title: 'Components/NotificationSettingsForm',
  component: NotificationSettingsForm,
  decorators: [framed({ maxWidth: 520 })],
} satisfies Meta<typeof NotificationSettingsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** An admin (Ben) changes and saves who is notified of client-started conversations. */
export const Editable: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('radio', { name: 'All members' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    await expect(await canvas.findByText('Saved.')).toBeInTheDocument();
  },
};

/** A plain member (Carla) sees the setting read-only. */
export const ReadOnly: Story = {
  parameters: confideParameters({ as: 'carla' }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText('Only owners and admins can change this setting.'),
    ).toBeInTheDocument();
  },
};

/** The setting is on its way. */
export const Loading: Story = {
  parameters: confideParameters({ mock: { scenario: { latencyMs: 600_000 } } }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('status', { name: 'Loading…' })).toBeInTheDocument();
  },
};

/** The setting cannot be loaded; "Try again" loads it once the server recovers. */
export const ErrorWithRetry: Story = {
  name: 'Error',
  parameters: confideParameters({
    mock: { scenario: { failures: { getNotificationSettings: { status: 500 } } } },
  }),
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const retry = await canvas.findByRole('button', { name: 'Try again' });
    mockOf(loaded).setScenario({});
    await userEvent.click(retry);
    await expect(await canvas.findByRole('radio', { name: 'All members' })).toBeInTheDocument();
  },
};

/** The dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Without the kit's stylesheet: the bare parts a host styles through their class names and `data-*` states. */
export const Unstyled: Story = { globals: { stylesheet: 'none' } };
