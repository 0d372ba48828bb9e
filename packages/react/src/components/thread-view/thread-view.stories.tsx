import type { ConversationId } from '@confide/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { type ComponentProps, StrictMode } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { MessageBodyProps } from '../../provider/components.js';
import {
  confideParameters,
  loadedOf,
  loadingStory,
  mockOf,
  useConfideStory,
} from '../../stories/confide-story.js';
import { addStoryConversation, characterBox, IME_ENTERS, pressImeEnter } from '../../stories/fixtures.js';
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
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/employer letter still missing/)).toBeInTheDocument();
    // The note renders with its message, which may come a frame after the first one: wait for it too.
    await expect((await canvas.findAllByText('Internal note')).length).toBeGreaterThan(0);
  },
};

/** Daniel (client side) sees the same thread without the internal note. */
export const ClientAudience: Story = {
  parameters: confideParameters({ as: 'daniel' }),
  play: async ({ canvas }) => {
    await canvas.findByText(/letter from your employer/);
    await expect(canvas.queryByText(/employer letter still missing/)).toBeNull();
  },
};

/** Daniel replies while Ben reads: the message arrives over the live event stream (SSE through MSW). */
export const LiveArrival: Story = {
  play: async ({ canvas, loaded }) => {
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
export const Loading: Story = loadingStory;

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
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No messages yet.')).toBeInTheDocument();
  },
};

/** The server fails (500); "Try again" loads the thread once it recovers. */
export const ErrorWithRetry: Story = {
  name: 'Error',
  parameters: confideParameters({ mock: { scenario: { failures: { listMessages: { status: 500 } } } } }),
  play: async ({ canvas, loaded }) => {
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
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByText(/^10000\. /);
    await expect(canvasElement.querySelectorAll('article').length).toBeLessThan(200);
  },
};

/** The device is offline: a banner says that sends wait. */
export const Offline: Story = {
  parameters: confideParameters({ online: false }),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/You are offline/)).toBeInTheDocument();
  },
};

/** A reply the server refuses (403) shows "Not sent." with Retry and Discard. */
export const SendFailed: Story = {
  parameters: confideParameters({ mock: { scenario: { failures: { sendMessage: { code: 'forbidden' } } } } }),
  play: async ({ canvas }) => {
    const reply = await canvas.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(reply, 'Here is the letter.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await expect(await canvas.findByText('Not sent.')).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  },
};

/** Daniel's portal was deactivated: the server refuses Ben's reply (409 portal_inactive) and the thread says why. */
export const ReplyToInactivePortal: Story = {
  parameters: confideParameters({ mock: { inactivePortals: ['con_daniel'] } }),
  play: async ({ canvas }) => {
    const reply = await canvas.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(reply, 'Here is the letter.');
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent('Not sent. This client does not have an active portal.');
  },
};

/** A reply on a slow network stays "Sending…" until the server answers. */
export const Sending: Story = {
  play: async ({ canvas, loaded }) => {
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
  play: async ({ canvas }) => {
    await expect(await canvas.findAllByText('Firm only')).not.toHaveLength(0);
  },
};

/** The dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Right-to-left layout (Arabic locale for dates). */
export const RightToLeft: Story = { globals: { locale: 'ar-EG' } };

/** Without the kit's stylesheet: the bare parts a host styles through their class names and `data-*` states. */
export const Unstyled: Story = { globals: { stylesheet: 'none' } };

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** The message whose text matches, once it is rendered (the virtualized list may add it a frame later). */
async function articleWith(canvasElement: HTMLElement, text: RegExp): Promise<HTMLElement> {
  const found = await within(canvasElement).findByText(text, {}, { timeout: 10_000 });
  const article = found.closest<HTMLElement>('[role="article"]');
  if (!article) throw new Error(`No message ${text}`);
  return article;
}

/**
 * Older messages arrive while the reader is at the top: the message they were looking at stays exactly where it was,
 * even though its day heading moves up to the older messages of the same day (the page boundary falls mid-day).
 */
export const OlderMessagesKeepPosition: Story = {
  parameters: confideParameters({
    setup: async (mock) => ({
      conversationId: await mock.addLongThread({
        messages: 60,
        spacingMinutes: 1,
        now: new Date('2026-11-24T12:00:00Z'),
      }),
    }),
  }),
  play: async ({ canvas, canvasElement, loaded }) => {
    const feed = await canvas.findByRole('feed');
    await canvas.findByText(/^60\. /);
    await nextFrame();
    // The older page answers late enough to measure the view before it arrives.
    mockOf(loaded).setScenario({ latencyMs: 2_000 });
    feed.scrollTop = 0;
    await canvas.findByText(/^31\. /, {}, { timeout: 10_000 });
    await nextFrame();
    // The newest page's first message, under its day heading, at the top of the view.
    const before =
      (await articleWith(canvasElement, /^31\. /)).getBoundingClientRect().top -
      feed.getBoundingClientRect().top;
    await canvas.findByText(/^30\. /, {}, { timeout: 10_000 });
    await waitFor(() => expect(feed).toHaveAttribute('aria-busy', 'false'));
    await nextFrame();
    const after =
      (await articleWith(canvasElement, /^31\. /)).getBoundingClientRect().top -
      feed.getBoundingClientRect().top;
    await expect(Math.abs(after - before)).toBeLessThan(1);
  },
};

/**
 * The story's thread in a frame a story can resize (`data-testid="frame"`, `width` pixels wide, else the canvas's
 * width), in StrictMode unless `strict` is false.
 */
function ResizableThread(
  props: Partial<ComponentProps<typeof ThreadView>> & { readonly strict?: boolean; readonly width?: number },
) {
  const { strict = true, width, ...threadProps } = props;
  const { data } = useConfideStory();
  const thread = (
    <div data-testid="frame" style={{ height: 520, width, display: 'flex', flexDirection: 'column' }}>
      <ThreadView {...threadProps} conversationId={(data.conversationId ?? WORK_PERMIT) as ConversationId} />
    </div>
  );
  return strict ? <StrictMode>{thread}</StrictMode> : thread;
}

/**
 * The space for the thread shrinks (a window resized, a taller reply box): a reader at the newest message still sees
 * it, also when a scroll event arrives before the resize is observed. Rendered in StrictMode, whose second effect
 * run must leave the size observers working.
 */
export const ViewportResize: Story = {
  parameters: confideParameters({
    setup: async (mock) => ({ conversationId: await mock.addLongThread({ messages: 40 }) }),
  }),
  render: (args) => <ResizableThread {...args} />,
  play: async ({ canvas, canvasElement }) => {
    const feed = await canvas.findByRole('feed');
    await canvas.findByText(/^40\. /);
    await nextFrame();
    const frame = canvas.getByTestId('frame');
    // A scroll event can reach the list after the resize and before the size observer (the browser dispatches a
    // pending one first): the rows marked so send one at that moment.
    for (const [height, scrollEventFirst] of [
      [360, false],
      [240, true],
      [420, false],
      [300, true],
    ] as const) {
      frame.style.height = `${height}px`;
      if (scrollEventFirst) feed.dispatchEvent(new Event('scroll'));
      await waitFor(() =>
        expect(feed.scrollHeight - feed.scrollTop - feed.clientHeight).toBeLessThanOrEqual(4),
      );
      const newest = (await articleWith(canvasElement, /^40\. /)).getBoundingClientRect();
      await expect(newest.bottom).toBeLessThanOrEqual(feed.getBoundingClientRect().bottom + 1);
    }
  },
};

/** Where a message sits in the feed's view: its top and bottom relative to the view's top, in pixels. */
function placeIn(feed: HTMLElement, article: HTMLElement) {
  const view = feed.getBoundingClientRect().top;
  const box = article.getBoundingClientRect();
  return { top: box.top - view, bottom: box.bottom - view };
}

/** `count` messages from Daniel, sent at once straight to the API: Ben's thread learns of them from the stream. */
async function burstFromDaniel(loaded: Record<string, unknown>, conversationId: string, count: number) {
  const { mock } = loadedOf(loaded);
  const token = await mock.tokenFor('daniel.okafor@client.test');
  const sends = Array.from({ length: count }, (_, index) =>
    fetch(`${mock.baseUrl}/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        body: `Burst ${index + 1}`,
        idempotencyKey: `story_burst_${index}_${Date.now()}`,
      }),
    }),
  );
  for (const response of await Promise.all(sends)) await expect(response.status).toBe(201);
}

/**
 * A reader scrolled up into the thread keeps reading the same message while the list changes around it: a burst of
 * live messages below, the space getting narrower (every message wraps onto more lines) and wider again. The message
 * at the top of the view stays there, its end where the reader saw it.
 */
export const ScrolledUpStaysPut: Story = {
  parameters: confideParameters({
    setup: async (mock) => ({ conversationId: await mock.addLongThread({ messages: 25 }) }),
  }),
  render: (args) => <ResizableThread {...args} strict={false} width={560} />,
  play: async ({ canvas, loaded }) => {
    const feed = await canvas.findByRole('feed');
    await canvas.findByText(/^25\. /, {}, { timeout: 10_000 });
    await nextFrame();
    const frame = canvas.getByTestId('frame');
    const { client, data } = loadedOf(loaded);
    const conversationId = data.conversationId as ConversationId;
    feed.scrollTop = (feed.scrollHeight - feed.clientHeight) / 2;
    await waitFor(() => expect(within(feed).queryByText(/^25\. /)).toBeNull(), { timeout: 10_000 });
    await nextFrame();
    const topArticle = () =>
      within(feed)
        .getAllByRole('article')
        .find((article) => placeIn(feed, article).bottom > 1) as HTMLElement;
    const anchor = topArticle();
    const rows: { name: string; change: () => Promise<void>; settled: () => void; resizes?: true }[] = [
      {
        name: 'a burst of 50 live messages',
        change: () => burstFromDaniel(loaded, conversationId, 50),
        settled: () => expect(within(feed).getAllByRole('article')[0]).toHaveAttribute('aria-setsize', '75'),
      },
      {
        // A refetch reads as many pages as were loaded: one page of the 75 would drop the message being read.
        name: 'a refetch of the thread',
        change: () =>
          client.queryClient.invalidateQueries({ queryKey: client.keys.messages(conversationId) }),
        settled: () => expect(within(feed).getAllByRole('article')[0]).toHaveAttribute('aria-setsize', '75'),
      },
      {
        name: 'the space narrows',
        resizes: true,
        change: async () => {
          frame.style.width = '300px';
        },
        settled: () => expect(feed.clientWidth).toBeLessThan(310),
      },
      {
        name: 'the space widens',
        change: async () => {
          frame.style.width = '640px';
        },
        settled: () => expect(feed.clientWidth).toBeGreaterThan(600),
        resizes: true,
      },
    ];
    for (const row of rows) {
      const before = placeIn(feed, anchor);
      const height = anchor.getBoundingClientRect().height;
      await row.change();
      // Generous: 50 sends and their events through the mock take seconds on a busy machine.
      await waitFor(row.settled, { timeout: 20_000 });
      // Measured heights arrive with the size observer, a frame or two after the layout changed.
      if (row.resizes)
        await waitFor(() => expect(anchor.getBoundingClientRect().height).not.toBe(height), {
          timeout: 10_000,
        });
      await nextFrame();
      await nextFrame();
      await expect(anchor.isConnected, row.name).toBe(true);
      await expect(topArticle(), row.name).toBe(anchor);
      await expect(Math.abs(placeIn(feed, anchor).bottom - before.bottom), row.name).toBeLessThan(1);
    }
  },
};

/** Messages in the direction of their own language: each paragraph's last character sits at its end. */
const DIRECTIONS = [
  { body: 'שלום, קיבלתם את המסמכים?', direction: 'rtl' },
  { body: 'هل استلمتم المستندات؟', direction: 'rtl' },
  { body: 'آیا مدارک را دریافت کردید؟', direction: 'rtl' },
  { body: 'קיבלתי את ה-PDF מה-USCIS, תודה!', direction: 'rtl' },
  { body: 'I sent the form to עורך הדין yesterday?', direction: 'ltr' },
  { body: '123 – שלום?', direction: 'rtl' },
] as const;

/** Hebrew, Arabic, Farsi and mixed messages take their own direction whatever the page's. */
export const RightToLeftContent: Story = {
  parameters: confideParameters({
    setup: async (mock) => ({
      conversationId: await addStoryConversation(mock, {
        subject: 'מסמכים לתיק',
        messages: DIRECTIONS.map(({ body }, index) => ({
          from: index % 2 === 0 ? 'client' : 'member',
          body,
        })),
      }),
    }),
  }),
  play: async ({ canvas, canvasElement }) => {
    for (const { body, direction } of DIRECTIONS) {
      const text =
        (await canvas.findByText(body)).closest<HTMLElement>('.confide-message-body') ?? canvasElement;
      await expect(getComputedStyle(text).direction).toBe(direction);
      const first = characterBox(text, 0);
      const last = characterBox(text, -1);
      // The closing punctuation is drawn at the paragraph's end: the left for right-to-left text.
      if (direction === 'rtl') await expect(last.right).toBeLessThanOrEqual(first.left + 1);
      else await expect(last.left).toBeGreaterThanOrEqual(first.right - 1);
    }
    const reply = canvas.getByRole('textbox', { name: 'Reply' });
    await userEvent.type(reply, 'תודה רבה');
    await expect(getComputedStyle(reply).direction).toBe('rtl');
  },
};

/** A link whose written host disguises its real one shows the host it goes to, in ASCII. */
export const DeceptiveLink: Story = {
  parameters: confideParameters({
    setup: async (mock) => ({
      conversationId: await addStoryConversation(mock, {
        subject: 'Invoice',
        messages: [
          { from: 'client', body: 'Pay here: https://ebаy.com/invoice please' },
          { from: 'client', body: 'Or here: https://bank.com@evil.test/pay' },
        ],
      }),
    }),
  }),
  play: async ({ canvas }) => {
    const lookalike = await canvas.findByRole('link', { name: 'https://xn--eby-7cd.com/invoice' });
    await expect(lookalike).toHaveAttribute('href', 'https://xn--eby-7cd.com/invoice');
    const userinfo = canvas.getByRole('link', { name: 'https://evil.test/pay' });
    await expect(userinfo).toHaveAttribute('href', 'https://evil.test/pay');
  },
};

/** After sending with the keyboard or the mouse, focus is back in the reply box for the next message. */
export const FocusAfterSend: Story = {
  play: async ({ canvas }) => {
    const reply = await canvas.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(reply, 'First, sent with the mouse.');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(reply).toHaveFocus());
    await userEvent.type(reply, 'Second, sent with Enter on Send.');
    await userEvent.tab();
    // Attach files and, for members, the internal-note checkbox come between the text and Send.
    if (document.activeElement === canvas.getByRole('button', { name: 'Attach files' }))
      await userEvent.tab();
    if (document.activeElement?.getAttribute('type') === 'checkbox') await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Send' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(reply).toHaveFocus());
    await expect(await canvas.findByText('Second, sent with Enter on Send.')).toBeInTheDocument();
  },
};

/** The Enter (with Ctrl) that commits an input method's composition in the reply box does not send the reply. */
export const InputMethodEnter: Story = {
  play: async ({ canvas }) => {
    const reply = await canvas.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(reply, 'ありがとうございます');
    for (const ime of IME_ENTERS) {
      pressImeEnter(reply, ime, { ctrlKey: true });
      await expect(reply).toHaveValue('ありがとうございます');
      await expect(
        canvas.queryByText('ありがとうございます', { selector: '.confide-message-body' }),
      ).toBeNull();
    }
  },
};

/** `autoFocus`: a thread just started (from a dialog that is now gone) opens with focus in its reply box. */
export const AutoFocus: Story = {
  args: { autoFocus: true },
  play: async ({ canvas }) => {
    const reply = await canvas.findByRole('textbox', { name: 'Reply' });
    await waitFor(() => expect(reply).toHaveFocus());
  },
};

/** Puts `files` in a composer's hidden file input as the device's picker would. */
function pickFiles(input: HTMLInputElement, files: readonly File[]) {
  const picked = new DataTransfer();
  for (const file of files) picked.items.add(file);
  input.files = picked.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Daniel replies with a file: "Attach files" (a real button, here pressed with the keyboard), the chip uploads
 * through the mocks, Send waits until it has, and the sent message shows the file with its download button.
 */
export const ReplyWithFile: Story = {
  parameters: confideParameters({ as: 'daniel' }),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findByRole('textbox', { name: 'Reply' });
    const input = canvasElement.querySelector<HTMLInputElement>('.confide-reply input[type="file"]');
    if (!input) throw new Error('No file input in the reply box');
    let opened = false;
    input.addEventListener('click', (event) => {
      // The device's picker cannot be driven from a test: record that it was asked for, and pick instead.
      event.preventDefault();
      opened = true;
    });
    canvas.getByRole('button', { name: 'Attach files' }).focus();
    await userEvent.keyboard('{Enter}');
    await expect(opened).toBe(true);
    pickFiles(input, [
      new File(['%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n'], 'Employer letter.pdf', {
        type: 'application/pdf',
      }),
    ]);
    const chips = await canvas.findByRole('list', { name: 'Files to send' });
    await within(chips).findByText('Uploaded', {}, { timeout: 10_000 });
    const send = canvas.getByRole('button', { name: 'Send' });
    await waitFor(() => expect(send).toBeEnabled());
    await userEvent.click(send);
    await expect(
      await canvas.findByRole('button', { name: /^Download Employer letter\.pdf/ }, { timeout: 10_000 }),
    ).toBeInTheDocument();
  },
};
