import type { ConversationId } from '@confide/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ComponentProps } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { confideParameters } from '../../stories/confide-story.js';
import { FULL_STORAGE } from '../../stories/fixtures.js';
import { ThreadView } from './thread-view.js';

const WORK_PERMIT = 'cnv_daniel_work_permit' as ConversationId;

/** The work-permit thread in a frame `width` pixels wide (a side panel, a phone), else the canvas's width. */
function FramedThread({ width, ...props }: ComponentProps<typeof ThreadView> & { readonly width?: number }) {
  return (
    <div style={{ height: 520, width, display: 'flex', flexDirection: 'column' }}>
      <ThreadView {...props} />
    </div>
  );
}

/** The reply box's parts a member works with, found in the story's canvas. */
function replyParts(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  return {
    reply: canvas.getByRole('textbox', { name: 'Reply' }),
    attach: canvas.getByRole('button', { name: 'Attach files' }),
    note: canvas.getByRole('checkbox', { name: /^Internal note/ }),
    send: canvas.getByRole('button', { name: 'Send' }),
  };
}

/**
 * "Internal note" sits with Send, the control whose recipients it changes: on Send's row, just before it (on its
 * left in a left-to-right page, on its right in a right-to-left one), never stranded mid-row; and Tab reaches it
 * after Attach files and before Send. `text` is typed first (a long one shows the character count too).
 */
async function expectNoteBesideSend(canvasElement: HTMLElement, text: string) {
  const { reply, attach, note, send } = replyParts(canvasElement);
  await userEvent.click(reply);
  await userEvent.paste(text);
  const label = note.closest('label');
  if (!label) throw new Error('The checkbox has no label element around it');
  const noteBox = label.getBoundingClientRect();
  const sendBox = send.getBoundingClientRect();
  const rightToLeft = getComputedStyle(send).direction === 'rtl';
  // On one row: their vertical middles within a few pixels of each other.
  await expect(
    Math.abs(noteBox.top + noteBox.height / 2 - (sendBox.top + sendBox.height / 2)),
  ).toBeLessThanOrEqual(4);
  // Just before Send: no more than the row's gap apart, on the side the writing direction starts from.
  const apart = rightToLeft ? noteBox.left - sendBox.right : sendBox.left - noteBox.right;
  await expect(apart).toBeGreaterThanOrEqual(0);
  await expect(apart).toBeLessThanOrEqual(24);
  // Attach files starts the row (or the one above, where the frame is narrow): it is not between the two.
  const attachBox = attach.getBoundingClientRect();
  const between = rightToLeft
    ? attachBox.left > sendBox.right && attachBox.right < noteBox.left
    : attachBox.left > noteBox.right && attachBox.right < sendBox.left;
  await expect(between).toBe(false);
  // The keyboard order: the text, Attach files, Internal note, Send.
  reply.focus();
  for (const next of [attach, note, send]) {
    await userEvent.tab();
    await expect(next).toHaveFocus();
  }
}

const meta = {
  title: 'Components/ThreadView/ReplyBox',
  component: FramedThread,
  args: { conversationId: WORK_PERMIT },
} satisfies Meta<typeof FramedThread>;

export default meta;
type Story = StoryObj<typeof meta>;

const SHORT = 'Thanks, noted.';
const LONG = 'A long internal note about the employer letter. '.repeat(380);

/** Ben's reply box: Attach files at the start, "Internal note" and Send together at the end. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('checkbox', { name: /^Internal note/ });
    await expectNoteBesideSend(canvasElement, SHORT);
  },
};

/** A text near the limit (18,620 of 20,000 characters) shows its character count in the row; "Internal note" still stays with Send. */
export const WithCount: Story = {
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('checkbox', { name: /^Internal note/ });
    await expectNoteBesideSend(canvasElement, LONG);
    await expect(within(canvasElement).getByText(/characters/)).toBeInTheDocument();
  },
};

/** A phone-wide frame (320 px): the row may wrap, but "Internal note" and Send wrap together. */
export const Narrow: Story = {
  args: { width: 320 },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('checkbox', { name: /^Internal note/ });
    await expectNoteBesideSend(canvasElement, SHORT);
  },
};

/** Right to left (Arabic locale): "Internal note" sits on Send's right, where the row's reading starts. */
export const RightToLeft: Story = {
  globals: { locale: 'ar-EG' },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('checkbox', { name: /^Internal note/ });
    await expectNoteBesideSend(canvasElement, 'شكرا، تم.');
  },
};

/** A client's reply box has no "Internal note": Send alone ends the row. */
export const ClientAudience: Story = {
  parameters: confideParameters({ as: 'daniel' }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const send = await canvas.findByRole('button', { name: 'Send' });
    await expect(canvas.queryByRole('checkbox')).toBeNull();
    const row = send.closest('.confide-reply-actions');
    if (!row) throw new Error('Send has no row');
    await expect(row.getBoundingClientRect().right - send.getBoundingClientRect().right).toBeLessThanOrEqual(
      1,
    );
  },
};

/** The device's storage is full: once something is written, the box says under it that the draft is not saved. */
export const StorageFull: Story = {
  parameters: confideParameters({ storage: FULL_STORAGE }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const reply = await canvas.findByRole('textbox', { name: 'Reply' });
    await userEvent.type(reply, 'Written on a full device');
    const notice = await canvas.findByText(/Your draft is not saved on this device/);
    await expect(notice).toBeVisible();
    await expect(reply).toHaveAccessibleDescription(expect.stringContaining('Your draft is not saved'));
  },
};
