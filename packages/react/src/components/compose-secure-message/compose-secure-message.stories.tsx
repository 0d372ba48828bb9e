import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { confideParameters, framed, mockOf } from '../../stories/confide-story.js';
import { FULL_STORAGE, IME_ENTERS, pressImeEnter } from '../../stories/fixtures.js';
import { ComposeSecureMessage } from './compose-secure-message.js';

const meta = {
  title: 'Components/ComposeSecureMessage',
  component: ComposeSecureMessage,
  args: { onSent: fn() },
  decorators: [framed({ maxWidth: 640 })],
} satisfies Meta<typeof ComposeSecureMessage>;

export default meta;
type Story = StoryObj<typeof meta>;

async function pickDaniel(canvas: ReturnType<typeof within>) {
  await userEvent.click(await canvas.findByRole('combobox', { name: 'Client' }));
  await userEvent.click(await canvas.findByRole('option', { name: /Daniel Okafor/ }));
}

/** Picks Daniel and inserts the "Document request" template; returns the message field once it is filled in. */
async function documentRequestForDaniel(canvas: ReturnType<typeof within>) {
  await pickDaniel(canvas);
  await userEvent.click(canvas.getByRole('button', { name: 'Insert template' }));
  await userEvent.click(await canvas.findByRole('radio', { name: 'Document request' }));
  await userEvent.click(canvas.getByRole('button', { name: 'Use this template' }));
  const body = canvas.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  await waitFor(() => expect(body.value).toMatch(/^Dear Daniel,/));
  return body;
}

/** The firm's form: pick a client (Farid's inactive portal is shown disabled with the reason), subject, body. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('combobox', { name: 'Client' }));
    const farid = await canvas.findByRole('option', { name: /Farid Haddad/ });
    await expect(farid).toHaveAttribute('aria-disabled', 'true');
  },
};

/** Sends with Ctrl+Enter; `onSent` gets the new conversation's id. */
export const SendFromComposer: Story = {
  play: async ({ canvas, args }) => {
    await pickDaniel(canvas);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Subject' }), 'Passport scan');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Please upload it.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(args.onSent).toHaveBeenCalledTimes(1));
  },
};

/** "Insert template" fills merge fields from the chosen client. */
export const InsertTemplate: Story = {
  play: async ({ canvas }) => {
    await documentRequestForDaniel(canvas);
    await expect(canvas.getByRole('textbox', { name: 'Subject' })).toHaveValue(
      'Documents needed for your case',
    );
  },
};

/** A character of 33 code points: one more than a new template may hold, saved before that limit existed. */
const STORED_CLUSTER = `e${'\u0301'.repeat(32)}`;

/**
 * A template saved before the protocol capped a character at 32 code points (written straight into the store):
 * it still lists and previews, each overlong character takes the width of one, and a word longer than the panel
 * wraps inside it instead of widening the form.
 */
export const TemplateStoredBeforeARule: Story = {
  parameters: confideParameters({
    setup: async (mock) => {
      const now = new Date().toISOString();
      await mock.ready;
      await mock.store.insertTemplate({
        id: 'tpl_stored_before_a_rule',
        firmId: 'firm_rivera_cho',
        name: `Old reminder ${STORED_CLUSTER}`,
        subject: `Visa ${STORED_CLUSTER} renewal ${'x'.repeat(300)}`,
        body: `Dear client,\n${STORED_CLUSTER.repeat(40)}\n${'y'.repeat(2000)}`,
        createdAt: now,
        updatedAt: now,
      });
      return {};
    },
  }),
  play: async ({ canvas, canvasElement }) => {
    await pickDaniel(canvas);
    await userEvent.click(canvas.getByRole('button', { name: 'Insert template' }));
    await userEvent.click(await canvas.findByRole('radio', { name: /^Old reminder/ }));
    const preview = await waitFor(() => {
      const element = canvasElement.querySelector<HTMLElement>('.confide-template-preview');
      if (!element?.textContent?.includes('Dear client'))
        throw new Error('No preview of the stored template');
      return element;
    });
    const form = canvasElement.querySelector<HTMLElement>('.confide-compose');
    for (const element of [preview, form]) {
      await expect(element?.scrollWidth).toBeLessThanOrEqual(element?.clientWidth ?? 0);
    }
    // Forty overlong characters lay out as forty characters on one line, not as 1,320 marks that wrap.
    const walker = document.createTreeWalker(preview, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    const line = STORED_CLUSTER.repeat(40);
    while (node && !node.textContent?.includes(line)) node = walker.nextNode();
    const start = node?.textContent?.indexOf(line) ?? -1;
    if (!node || start < 0) throw new Error('No text of stored characters');
    const clusters = document.createRange();
    clusters.setStart(node, start);
    clusters.setEnd(node, start + line.length);
    await expect(clusters.getClientRects().length).toBe(1);
    await expect(clusters.getBoundingClientRect().width).toBeLessThanOrEqual(preview.clientWidth);
  },
};

/** The portal's "Create new conversation" form (client audience): no client picker, no templates. */
export const ClientAudience: Story = {
  args: { audience: 'client' },
  parameters: confideParameters({ as: 'daniel' }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: 'Create new conversation' })).toBeInTheDocument();
    await expect(canvas.queryByRole('combobox', { name: 'Client' })).toBeNull();
  },
};

/** Daniel's portal has been deactivated: the firm cannot pick him, and says why. */
export const PortalInactive: Story = {
  parameters: confideParameters({ mock: { inactivePortals: ['con_daniel'] } }),
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('combobox', { name: 'Client' }));
    await expect(await canvas.findByRole('option', { name: /Daniel Okafor/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  },
};

/** On a slow network the form shows its progress until the server answers. */
export const Sending: Story = {
  play: async ({ canvas, loaded }) => {
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
  play: async ({ canvas }) => {
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
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/You are offline/)).toBeInTheDocument();
  },
};

/** The device's storage is full: once something is written, the form says under the text that the draft is not saved. */
export const StorageFull: Story = {
  parameters: confideParameters({ storage: FULL_STORAGE }),
  play: async ({ canvas }) => {
    const body = await canvas.findByRole('textbox', { name: 'Message' });
    await userEvent.type(body, 'Written on a full device');
    const notice = await canvas.findByText(/Your draft is not saved on this device/);
    await expect(notice).toBeVisible();
    await expect(body).toHaveAccessibleDescription(expect.stringContaining('Your draft is not saved'));
  },
};

/**
 * An input method (pinyin, kana, Hangul) commits its composition with Enter: in no field does that Enter pick a
 * client, submit the form or send. Each field is tried with both ways browsers mark that Enter.
 */
export const InputMethodEnter: Story = {
  play: async ({ canvas, args }) => {
    const noSubmit = () => {
      // A submitted incomplete form lists what is missing at once.
      expect(canvas.queryByText('Choose a client.')).toBeNull();
      expect(args.onSent).not.toHaveBeenCalled();
    };
    const combobox = await canvas.findByRole('combobox', { name: 'Client' });
    await userEvent.type(combobox, 'el');
    await canvas.findByRole('option', { name: /Elena Petrova/ });
    for (const ime of IME_ENTERS) {
      pressImeEnter(combobox, ime);
      await expect(combobox).toHaveValue('el');
      await expect(combobox).toHaveAttribute('aria-expanded', 'true');
      await expect(canvas.getByRole('option', { name: /Elena Petrova/ })).toHaveAttribute(
        'aria-selected',
        'false',
      );
      noSubmit();
    }
    const subject = canvas.getByRole('textbox', { name: 'Subject' });
    await userEvent.type(subject, '日本');
    await userEvent.click(canvas.getByRole('button', { name: 'Insert template' }));
    const search = await canvas.findByRole('searchbox', { name: 'Search templates' });
    await userEvent.type(search, '文書');
    const body = canvas.getByRole('textbox', { name: 'Message' });
    await userEvent.type(body, '書類');
    for (const ime of IME_ENTERS) {
      // An Enter in a one-line field would submit the form: the handler must stop it.
      await expect(pressImeEnter(subject, ime).defaultPrevented).toBe(true);
      await expect(pressImeEnter(search, ime).defaultPrevented).toBe(true);
      pressImeEnter(body, ime, { ctrlKey: true });
      noSubmit();
    }
  },
};

/** Counts are what a person sees, as the server counts them: 101 × 👍 is 101 of 200. Too long says why at once. */
export const CharacterCounts: Story = {
  play: async ({ canvas }) => {
    await pickDaniel(canvas);
    await userEvent.click(canvas.getByRole('textbox', { name: 'Subject' }));
    await userEvent.paste('👍'.repeat(101));
    await expect(canvas.getByText('101 of 200 characters')).toBeInTheDocument();
    await userEvent.paste('👍🏽'.repeat(100));
    await expect(canvas.getByText('201 of 200 characters')).toHaveAttribute('data-over');
    await expect(canvas.getByText('The subject is too long: shorten it to send.')).toBeInTheDocument();
    await userEvent.click(canvas.getByRole('textbox', { name: 'Message' }));
    await userEvent.paste('a'.repeat(20_001));
    await expect(await canvas.findByText('20,001 of 20,000 characters')).toBeInTheDocument();
    await expect(canvas.getByText('The message is too long: shorten it to send.')).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Send' })).toHaveAttribute('aria-disabled', 'true');
  },
};

/** Text with nothing visible (zero-width spaces, fillers) is empty: Send stays disabled and says what is missing. */
export const InvisibleText: Story = {
  play: async ({ canvas, args }) => {
    await pickDaniel(canvas);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Subject' }), 'Visa');
    const send = canvas.getByRole('button', { name: 'Send' });
    for (const invisible of ['\u200b', '\u3164\u2800', '\u200d\u2060\ufeff']) {
      await userEvent.clear(canvas.getByRole('textbox', { name: 'Message' }));
      await userEvent.click(canvas.getByRole('textbox', { name: 'Message' }));
      await userEvent.paste(invisible);
      await expect(send).toHaveAttribute('aria-disabled', 'true');
    }
    await userEvent.click(send);
    await expect(await canvas.findByText('Write a message.')).toBeInTheDocument();
    await expect(args.onSent).not.toHaveBeenCalled();
  },
};

/** A template filled in for Daniel is filled in again for Elena when the client changes: she never gets his name. */
export const TemplateForAnotherClient: Story = {
  play: async ({ canvas, args }) => {
    const body = await documentRequestForDaniel(canvas);
    const combobox = canvas.getByRole('combobox', { name: 'Client' });
    await userEvent.clear(combobox);
    await userEvent.type(combobox, 'Elena');
    await userEvent.click(await canvas.findByRole('option', { name: /Elena Petrova/ }));
    await waitFor(() => expect(body.value).toMatch(/^Dear Elena,/));
    await expect(body.value).not.toMatch(/Daniel|Okafor/);
    // Typed back in by hand, the first client's name blocks sending with a warning.
    await userEvent.type(body, ' Daniel Okafor');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(await canvas.findByText(/filled in for another client/)).toBeInTheDocument();
    await expect(args.onSent).not.toHaveBeenCalled();
  },
};

/** The dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Right-to-left layout. */
export const RightToLeft: Story = { globals: { locale: 'ar-EG' } };

/** Without the kit's stylesheet: the bare parts a host styles through their class names and `data-*` states. */
export const Unstyled: Story = { globals: { stylesheet: 'none' } };

/**
 * Daniel starts a conversation with only a file, which he pastes into the message (a screenshot): the chip
 * uploads, Send waits for it, and the conversation starts without any text.
 */
export const StartWithPastedFile: Story = {
  parameters: confideParameters({ as: 'daniel' }),
  play: async ({ canvas, args }) => {
    await userEvent.type(await canvas.findByRole('textbox', { name: 'Subject' }), 'My passport');
    const body = canvas.getByRole('textbox', { name: 'Message' });
    const clipboard = new DataTransfer();
    clipboard.items.add(new File(['%PDF-1.7\n%%EOF\n'], 'Passport.pdf', { type: 'application/pdf' }));
    body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }),
    );
    const chips = await canvas.findByRole('list', { name: 'Files to send' });
    await expect(body).toHaveValue('');
    await within(chips).findByText('Uploaded', {}, { timeout: 10_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(args.onSent).toHaveBeenCalledTimes(1));
  },
};
