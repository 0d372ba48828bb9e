import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { confideParameters, framed, loadingStory, mockOf } from '../../stories/confide-story.js';
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
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('radio', { name: 'All members' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    await expect(await canvas.findByText('Saved.')).toBeInTheDocument();
  },
};

/** A plain member (Carla) sees the setting read-only. */
export const ReadOnly: Story = {
  parameters: confideParameters({ as: 'carla' }),
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByText('Only owners and admins can change this setting.'),
    ).toBeInTheDocument();
  },
};

/** The setting is on its way. */
export const Loading: Story = loadingStory;

/** The setting cannot be loaded; "Try again" loads it once the server recovers. */
export const ErrorWithRetry: Story = {
  name: 'Error',
  parameters: confideParameters({
    mock: { scenario: { failures: { getNotificationSettings: { status: 500 } } } },
  }),
  play: async ({ canvas, loaded }) => {
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
