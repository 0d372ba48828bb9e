import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { confideParameters, mockOf } from '../../stories/confide-story.js';
import { ComposeSecureMessage } from './compose-secure-message.js';

const meta = {
  title: 'Components/ComposeSecureMessage',
  component: ComposeSecureMessage,
  args: { onSent: fn() },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 640 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof ComposeSecureMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

async function pickDaniel(canvas: ReturnType<typeof within>) {
  await userEvent.click(await canvas.findByRole('combobox', { name: 'Client' }));
  await userEvent.click(await canvas.findByRole('option', { name: /Daniel Okafor/ }));
}

/** The firm's form: pick a client (Farid's inactive portal is shown disabled with the reason), subject, body. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('combobox', { name: 'Client' }));
    const farid = await canvas.findByRole('option', { name: /Farid Haddad/ });
    await expect(farid).toHaveAttribute('aria-disabled', 'true');
  },
};

/** Sends with Ctrl+Enter; `onSent` gets the new conversation's id. */
export const SendFromComposer: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await pickDaniel(canvas);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Subject' }), 'Passport scan');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Please upload it.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(args.onSent).toHaveBeenCalledTimes(1));
  },
};

/** "Insert template" fills merge fields from the chosen client. */
export const InsertTemplate: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await pickDaniel(canvas);
    await userEvent.click(canvas.getByRole('button', { name: 'Insert template' }));
    await userEvent.click(await canvas.findByRole('radio', { name: 'Document request' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Use this template' }));
    const body = canvas.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    await waitFor(() => expect(body.value).toMatch(/^Dear Daniel,/));
    await expect(canvas.getByRole('textbox', { name: 'Subject' })).toHaveValue(
      'Documents needed for your case',
    );
  },
};

/** The portal's "Create new conversation" form (client audience): no client picker, no templates. */
export const ClientAudience: Story = {
  args: { audience: 'client' },
  parameters: confideParameters({ as: 'daniel' }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('heading', { name: 'Create new conversation' })).toBeInTheDocument();
    await expect(canvas.queryByRole('combobox', { name: 'Client' })).toBeNull();
  },
};

/** Daniel's portal has been deactivated: the firm cannot pick him, and says why. */
export const PortalInactive: Story = {
  parameters: confideParameters({ mock: { inactivePortals: ['con_daniel'] } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('combobox', { name: 'Client' }));
    await expect(await canvas.findByRole('option', { name: /Daniel Okafor/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  },
};

/** On a slow network the form shows its progress until the server answers. */
export const Sending: Story = {
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await pickDaniel(canvas);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Subject' }), 'Slow link');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'This takes a while.');
    mockOf(loaded).setScenario({ latencyMs: 600_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(await canvas.findByRole('button', { name: 'Sending…' })).toBeInTheDocument();
  },
};

/** The server refuses the send: the form says so and keeps the draft. */
export const SendFailed: Story = {
  parameters: confideParameters({
    mock: { scenario: { failures: { startConversation: { code: 'forbidden' } } } },
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await pickDaniel(canvas);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Subject' }), 'Refused');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'The server says no.');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(await canvas.findByText('Your message could not be sent.')).toBeInTheDocument();
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toHaveValue('The server says no.');
  },
};

/** The device is offline. */
export const Offline: Story = {
  parameters: confideParameters({ online: false }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/You are offline/)).toBeInTheDocument();
  },
};

/** The dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Right-to-left layout. */
export const RightToLeft: Story = { globals: { locale: 'ar-EG' } };

/** Without the kit's stylesheet: the bare parts a host styles through their class names and `data-*` states. */
export const Unstyled: Story = { globals: { stylesheet: 'none' } };
