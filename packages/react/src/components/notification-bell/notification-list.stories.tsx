import { DEMO_IDS } from '@confide/mocks';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent } from 'storybook/test';
import {
  confideParameters,
  emptyAccountStory,
  framed,
  loadingStory,
  mockOf,
} from '../../stories/confide-story.js';
import { addStoryConversation, characterBox } from '../../stories/fixtures.js';
import { NotificationList } from './notification-list.js';

const meta = {
  title: 'Components/NotificationList',
  component: NotificationList,
  args: { onOpen: fn() },
  decorators: [framed({ maxWidth: 420 })],
} satisfies Meta<typeof NotificationList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ben's notifications, newest first; an unread one is marked across its whole row, its "Mark as read" too. */
export const Default: Story = {
  play: async ({ canvas, canvasElement }) => {
    await expect((await canvas.findAllByRole('listitem')).length).toBeGreaterThan(0);
    const unread = [...canvasElement.querySelectorAll<HTMLElement>('.confide-notification[data-unread]')];
    await expect(unread.length).toBeGreaterThan(0);
    const transparent = 'rgba(0, 0, 0, 0)';
    for (const item of unread) {
      await expect(getComputedStyle(item).backgroundColor).not.toBe(transparent);
      // Both buttons show the row's surface: neither paints a band of its own over part of it.
      for (const button of item.querySelectorAll('button')) {
        await expect(getComputedStyle(button).backgroundColor).toBe(transparent);
      }
    }
  },
};

/** "Mark all as read" clears the unread marks. */
export const MarkAllRead: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Mark all as read' }));
    await expect(await canvas.findAllByRole('listitem')).not.toHaveLength(0);
  },
};

/** The first page is on its way. */
export const Loading: Story = loadingStory;

/** No notifications (the empty account). */
export const Empty: Story = emptyAccountStory('No notifications.');

/** The server fails; "Try again" loads the feed once it recovers. */
export const ErrorWithRetry: Story = {
  name: 'Error',
  parameters: confideParameters({ mock: { scenario: { failures: { listNotifications: { status: 500 } } } } }),
  play: async ({ canvas, loaded }) => {
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

const SUBJECTS = ['Signed retainer \u202efdp.exe', 'הסכם חתום', 'عقد \u202b(مسودة)', 'Contract \u2067draft'];

/**
 * Subjects in other directions, and with bidi controls left open (U+202E RIGHT-TO-LEFT OVERRIDE, an unclosed
 * isolate), stay inside their quotes: the kit's own words keep their order and the closing quote stays last.
 */
export const BidiSubjects: Story = {
  // Wide enough that each sentence stays on one line, where the order of its words can be compared.
  decorators: [framed({ width: 720 })],
  parameters: confideParameters({
    setup: async (mock) => {
      for (const subject of SUBJECTS)
        await addStoryConversation(mock, {
          subject,
          notifyBen: true,
          messages: [{ from: 'client', body: 'Hello' }],
        });
      return {};
    },
  }),
  play: async ({ canvas, canvasElement }) => {
    await canvas.findAllByRole('listitem');
    for (const subject of SUBJECTS) {
      const sentence = [...canvasElement.querySelectorAll('.confide-notification-open > span')].find((span) =>
        span.textContent?.includes(subject),
      );
      if (!sentence) throw new Error(`No notification for ${subject}`);
      await expect(sentence.textContent).toBe(`Elena Petrova started “${subject}”`);
      const length = sentence.textContent?.length ?? 0;
      const closingQuote = characterBox(sentence, -1);
      const opening = characterBox(sentence, 0);
      await expect(Math.abs(closingQuote.top - opening.top)).toBeLessThanOrEqual(2);
      for (let index = 1; index < length - 1; index += 1) {
        const box = characterBox(sentence, index);
        // Bidi controls take no room; order is only comparable on one line.
        if (box.width === 0 || Math.abs(box.top - opening.top) > 2) continue;
        await expect(box.left).toBeGreaterThanOrEqual(opening.left);
        await expect(box.right).toBeLessThanOrEqual(closingQuote.right);
      }
    }
  },
};

/** The malware scan blocked a file someone sent: the firm's owner and admins are told in which conversation. */
export const AttachmentBlocked: Story = {
  parameters: confideParameters({
    setup: async (mock) => {
      const conversationId = await addStoryConversation(mock, {
        subject: 'Signed lease',
        messages: [{ from: 'client', body: 'Here is the lease.' }],
      });
      await mock.store.insertNotification({
        id: `ntf_${conversationId}_blocked`,
        firmId: DEMO_IDS.riveraCho,
        memberId: DEMO_IDS.ben,
        kind: 'attachment_blocked',
        conversationId,
        messageId: `msg_${conversationId}_0`,
        createdAt: new Date().toISOString(),
        readAt: null,
      });
      return {};
    },
  }),
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('button', {
        name: /^A file in “Signed lease” was blocked by the malware scan/,
      }),
    ).toBeInTheDocument();
  },
};
