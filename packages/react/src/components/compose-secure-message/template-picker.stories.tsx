import type { ContactId } from '@confide/core';
import { DEMO_IDS } from '@confide/mocks';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { defaultMessages } from '../../provider/messages.js';
import { framed } from '../../stories/confide-story.js';
import { TemplatePicker } from './template-picker.js';

const meta = {
  title: 'Components/ComposeSecureMessage/TemplatePicker',
  component: TemplatePicker,
  args: { messages: defaultMessages, written: [], onInsert: fn(), contactId: DEMO_IDS.daniel as ContactId },
  // Inside the kit's root class, as in the message form, so the kit's styles apply.
  render: (args) => (
    <div className="confide confide-compose">
      <TemplatePicker {...args} />
    </div>
  ),
  decorators: [framed({ maxWidth: 560 })],
} satisfies Meta<typeof TemplatePicker>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ben writes to Daniel: the preview shows the template as inserting it would write it, Daniel's name filled in. */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Insert template' }));
    await userEvent.click(await canvas.findByRole('radio', { name: 'Appointment reminder' }));
    const preview = canvasElement.querySelector<HTMLElement>('.confide-template-preview');
    await expect(preview).not.toBeNull();
    if (!preview) return;
    await within(preview).findByText('Reminder: your appointment with Rivera & Cho Immigration');
    await expect(preview).toHaveTextContent('Hello Daniel Okafor,');
    await expect(preview).not.toHaveTextContent('{{');
  },
};

/** No client chosen yet: the client's fields stay as typed, as inserting leaves them for the composer to flag. */
export const NoClient: Story = {
  args: { contactId: null },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Insert template' }));
    await userEvent.click(await canvas.findByRole('radio', { name: 'Appointment reminder' }));
    const preview = canvasElement.querySelector<HTMLElement>('.confide-template-preview');
    if (!preview) throw new Error('No preview');
    await within(preview).findByText('Reminder: your appointment with Rivera & Cho Immigration');
    await expect(preview).toHaveTextContent('Hello {{client.name}},');
  },
};
