import type { Meta, StoryObj } from '@storybook/react-vite';
import { useRef, useState } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { useMessages } from '../../hooks/use-messages.js';
import { useConfideContext } from '../../provider/use-confide-context.js';
import { AttachButton } from './attach-files.js';
import type { ComposerAttachmentView, MessageAttachmentView } from './attachment-types.js';
import { ComposerAttachments } from './composer-attachments.js';
import { MessageAttachments } from './message-attachments.js';

const MB = 1024 * 1024;
const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

let localCount = 0;
function composerFile(name: string, overrides: Partial<ComposerAttachmentView> = {}): ComposerAttachmentView {
  localCount += 1;
  return {
    localId: `local_${localCount}`,
    name,
    size: 2.4 * MB,
    mediaType: 'application/pdf',
    status: 'uploaded',
    uploadedBytes: 2.4 * MB,
    error: null,
    ...overrides,
  };
}

function sentFile(name: string, overrides: Partial<MessageAttachmentView> = {}): MessageAttachmentView {
  localCount += 1;
  return {
    id: `att_story_${localCount}`,
    name,
    size: 812 * 1024,
    mediaType: 'application/pdf',
    state: 'available',
    ...overrides,
  };
}

/** A 48 × 48 picture for thumbnails, drawn here so the story needs no file (a green square with a white disc). */
function pictureUrl(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 96;
  canvas.height = 96;
  const context = canvas.getContext('2d');
  if (context) {
    context.fillStyle = '#2f6f4f';
    context.fillRect(0, 0, 96, 96);
    context.fillStyle = '#ffffff';
    context.beginPath();
    context.arc(48, 48, 24, 0, Math.PI * 2);
    context.fill();
  }
  return canvas.toDataURL('image/png');
}

interface ChipsProps {
  /** The composer's files (composer chips) … */
  readonly composer?: readonly ComposerAttachmentView[];
  /** … or a sent message's files (thread chips). */
  readonly sent?: readonly MessageAttachmentView[];
  /** Thread chips as a member sees them (SHA-256, the client's download). */
  readonly member?: boolean;
  /** Thread chips whose downloads the server refuses with this code. */
  readonly failDownloadsWith?: string;
  /** The frame's width in pixels, e.g. a narrow composer. */
  readonly width?: number;
}

/** The chips as the composer or the thread shows them, with the provider's strings, locale and dates. */
function Chips({ composer = [], sent = [], member = false, failDownloadsWith, width = 560 }: ChipsProps) {
  const messages = useMessages();
  const { dates } = useConfideContext();
  const [files, setFiles] = useState(composer);
  const attachRef = useRef<HTMLButtonElement>(null);
  const remove = (localId: string) => setFiles((all) => all.filter((file) => file.localId !== localId));
  const getDownloadUrl = async () => {
    if (failDownloadsWith) throw Object.assign(new Error('Refused'), { code: failDownloadsWith });
    return pictureUrl();
  };
  return (
    <div className="confide" style={{ maxWidth: width, display: 'grid', gap: 8 }}>
      {composer.length > 0 && (
        <>
          <ComposerAttachments
            attachments={files}
            messages={messages}
            locale={dates.locale}
            maxUploadBytes={100 * MB}
            onCancel={remove}
            onRemove={remove}
            onRetry={(localId) =>
              setFiles((all) =>
                all.map((file) =>
                  file.localId === localId
                    ? { ...file, status: 'uploading', uploadedBytes: 0, error: null }
                    : file,
                ),
              )
            }
            returnFocusRef={attachRef}
          />
          <div>
            <AttachButton
              ref={attachRef}
              messages={messages}
              onFiles={(picked) =>
                setFiles((all) => [
                  ...all,
                  ...picked.map((file) =>
                    composerFile(file.name, { size: file.size, uploadedBytes: file.size }),
                  ),
                ])
              }
            />
          </div>
        </>
      )}
      {sent.length > 0 && (
        <MessageAttachments
          attachments={sent}
          isMember={member}
          messages={messages}
          dates={dates}
          getDownloadUrl={getDownloadUrl}
        />
      )}
    </div>
  );
}

const meta = {
  title: 'Components/Attachments',
  component: Chips,
} satisfies Meta<typeof Chips>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A file on its way: 40 % uploaded, with a progress bar and Cancel. */
export const Uploading: Story = {
  args: { composer: [composerFile('Passport scan.pdf', { status: 'uploading', uploadedBytes: 0.96 * MB })] },
  play: async ({ canvas }) => {
    const bar = canvas.getByRole('progressbar', { name: 'Passport scan.pdf' });
    await expect(bar).toHaveAttribute('aria-valuenow', '40');
    await expect(bar).toHaveAttribute('aria-valuetext', '40 % uploaded');
    await expect(canvas.getByRole('button', { name: 'Cancel Passport scan.pdf' })).toBeInTheDocument();
  },
};

/** A file uploaded and ready to send; Remove takes it off the message. */
export const Uploaded: Story = {
  args: { composer: [composerFile('Payslip October.pdf')] },
};

/** An upload the network cut: the kit's words, and Retry next to Remove. */
export const FailedWithRetry: Story = {
  args: {
    composer: [
      composerFile('Bank statement.pdf', {
        status: 'failed',
        uploadedBytes: 0.5 * MB,
        error: { code: 'network', retryable: true },
      }),
    ],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Upload failed. Try again.')).toBeInTheDocument();
    await userEvent.click(canvas.getByRole('button', { name: 'Retry Bank statement.pdf' }));
    await expect(canvas.getByRole('progressbar', { name: 'Bank statement.pdf' })).toBeInTheDocument();
  },
};

/** A file over the server's limit: the limit is said, and only Remove is offered. */
export const TooLarge: Story = {
  args: {
    composer: [
      composerFile('Site video.mov', {
        size: 240 * MB,
        mediaType: 'video/quicktime',
        status: 'failed',
        uploadedBytes: 0,
        error: {
          code: 'payload_too_large',
          retryable: false,
          context: { reason: 'file_too_large', maxBytes: 100 * MB },
        },
      }),
    ],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Too large: files can be at most 100 MB.')).toBeInTheDocument();
    await expect(canvas.queryByRole('button', { name: /^Retry/ })).toBeNull();
  },
};

/** A file whose bytes are of a type the firm does not accept. */
export const TypeNotAllowed: Story = {
  args: {
    composer: [
      composerFile('invoice.pdf.exe', {
        size: 0.3 * MB,
        mediaType: 'application/x-msdownload',
        status: 'failed',
        error: { code: 'type_not_allowed', retryable: false },
      }),
    ],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('This type of file is not accepted.')).toBeInTheDocument();
  },
};

/** Refusals next to a network cut: Retry only where sending the bytes again may get through, Remove on every file. */
export const RefusedOrRetry: Story = {
  args: {
    composer: [
      composerFile('Tax return.pdf', { status: 'failed', error: { code: 'network', retryable: true } }),
      composerFile('invoice.pdf.exe', {
        status: 'failed',
        error: { code: 'type_not_allowed', retryable: false },
      }),
      composerFile('Old upload.pdf', {
        status: 'failed',
        error: { code: 'attachment_unavailable', retryable: false },
      }),
    ],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getAllByRole('button', { name: /^Retry / })).toHaveLength(1);
    await expect(canvas.getByRole('button', { name: 'Retry Tax return.pdf' })).toBeInTheDocument();
    await expect(canvas.getAllByRole('button', { name: /^Remove / })).toHaveLength(3);
    await expect(
      canvas.getByText('The server did not accept this file. Remove it, then attach it again.'),
    ).toBeInTheDocument();
  },
};

/** Attach with the keyboard (Enter on "Attach files" opens the picker; the file arrives), then remove it: focus moves on. */
export const AttachAndRemoveWithKeyboard: Story = {
  args: {
    composer: [composerFile('Employer letter.pdf'), composerFile('Payslip November.pdf')],
  },
  play: async ({ canvas, canvasElement }) => {
    const attach = canvas.getByRole('button', { name: 'Attach files' });
    const input = canvasElement.querySelector<HTMLInputElement>('input[type="file"]');
    if (!input) throw new Error('No file input');
    let opened = false;
    input.addEventListener('click', (event) => {
      // The real picker cannot be driven from a test: record that it was asked for, and pick a file instead.
      event.preventDefault();
      opened = true;
    });
    attach.focus();
    await userEvent.keyboard('{Enter}');
    await expect(opened).toBe(true);
    const picked = new DataTransfer();
    picked.items.add(new File(['%PDF-1.7'], 'Tax return 2025.pdf', { type: 'application/pdf' }));
    input.files = picked.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await expect(await canvas.findByText('Tax return 2025.pdf')).toBeInTheDocument();
    const remove = canvas.getByRole('button', { name: 'Remove Employer letter.pdf' });
    remove.focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(canvas.queryByText('Employer letter.pdf')).toBeNull());
    await expect(canvas.getByRole('button', { name: 'Remove Payslip November.pdf' })).toHaveFocus();
  },
};

/** Twenty files, the most one message carries: the chips wrap into a grid. */
export const TwentyFiles: Story = {
  args: {
    composer: Array.from({ length: 20 }, (_, index) =>
      composerFile(`Document ${String(index + 1).padStart(2, '0')}.pdf`, {
        size: (index + 1) * 0.7 * MB,
        uploadedBytes: (index + 1) * 0.7 * MB,
      }),
    ),
  },
  play: async ({ canvas }) => {
    await expect(canvas.getAllByRole('listitem')).toHaveLength(20);
  },
};

/** Arabic and Hebrew names keep their own direction; the size and state stay in the page's order. */
export const RightToLeftNames: Story = {
  args: {
    composer: [
      composerFile('عقد الإيجار.pdf'),
      composerFile('תעודת זהות - סריקה.jpg', { mediaType: 'image/jpeg' }),
    ],
    sent: [sentFile('شهادة الميلاد.pdf'), sentFile('אישור העסקה.docx', { mediaType: 'application/msword' })],
  },
};

/** A very long name is cut in the middle on screen (its extension stays in view); the whole name stays in the text. */
export const VeryLongName: Story = {
  args: {
    composer: [
      composerFile(
        'Rivera-Cho Immigration — employment verification letter for the H-1B petition, signed and dated 2026-11-24 (final, with exhibits A–F).pdf',
      ),
    ],
  },
  play: async ({ canvasElement }) => {
    const name = canvasElement.querySelector<HTMLElement>('.confide-file-name');
    await expect(name?.textContent).toMatch(/^Rivera-Cho .*\(final, with exhibits A–F\)\.pdf$/);
    const start = canvasElement.querySelector<HTMLElement>('.confide-file-name-start');
    if (start && getComputedStyle(start).textOverflow === 'ellipsis')
      await expect(start.scrollWidth).toBeGreaterThan(start.clientWidth);
  },
};

const LONG_NAMES = [
  'employer-letter.pdf',
  'employer-letter-signed-and-stamped-2026.pdf',
  'خطاب صاحب العمل الموقع والمختوم.pdf',
  'מכתב מהמעסיק חתום ומאושר סופי.pdf',
  '👩‍👩‍👧‍👦 family photos from the holidays 🇩🇪🇺🇸.jpeg',
];

/**
 * Latin (short and long), Arabic, Hebrew and emoji names in a narrow composer: each is cut in the middle with its
 * extension in view, in its own direction, while its whole name labels the chip's buttons.
 */
export const LongNamesInANarrowComposer: Story = {
  args: { width: 220, composer: LONG_NAMES.map((name) => composerFile(name)) },
  play: async ({ canvas, canvasElement }) => {
    const names = [...canvasElement.querySelectorAll<HTMLElement>('.confide-file-name')];
    await expect(names.map((name) => name.textContent)).toEqual(LONG_NAMES);
    for (const [index, element] of names.entries()) {
      const name = LONG_NAMES[index] ?? '';
      await expect(canvas.getByRole('button', { name: `Remove ${name}` })).toBeInTheDocument();
      const start = element.querySelector<HTMLElement>('.confide-file-name-start');
      const end = element.querySelector<HTMLElement>('.confide-file-name-end');
      if (!start || !end) throw new Error(`${name} is not split`);
      // The start gives way (cut with an ellipsis) while the end, with the extension, shows whole inside the chip.
      await expect(start.scrollWidth).toBeGreaterThan(start.clientWidth);
      await expect(end.scrollWidth).toBeLessThanOrEqual(end.clientWidth);
      await expect(getComputedStyle(end, '::before').content).toBe(`"${end.dataset.text}"`);
      await expect(end.dataset.text).toMatch(/\.(pdf|jpeg)$/);
      const chip = element.closest('li')?.getBoundingClientRect();
      const shown = end.getBoundingClientRect();
      await expect(shown.width).toBeGreaterThan(0);
      await expect(shown.left >= (chip?.left ?? 0) && shown.right <= (chip?.right ?? 0)).toBe(true);
    }
    // Right-to-left names run from the right: their end (the extension) sits to the left of the cut start.
    for (const index of [2, 3]) {
      const element = names[index];
      const start = element?.querySelector('.confide-file-name-start')?.getBoundingClientRect();
      const end = element?.querySelector('.confide-file-name-end')?.getBoundingClientRect();
      await expect((end?.right ?? 0) <= (start?.left ?? 0) + 1).toBe(true);
    }
  },
};

const NEWCOMER_NAME =
  'employer-letter with a very long file name that goes on and on 2026-11-30 final FINAL v3.pdf';

/**
 * A chip gives its name the room the row has: the start is cut only when the whole name does not fit the row, and
 * then the chip takes the whole row (not a fixed column that leaves one character of the start).
 */
const keepsTheStartThatFits: Story['play'] = async ({ canvasElement }) => {
  const list = canvasElement.querySelector<HTMLElement>('.confide-composer-attachments');
  if (!list) throw new Error('No composer chips');
  for (const chip of list.querySelectorAll<HTMLElement>('.confide-attachment')) {
    const start = chip.querySelector<HTMLElement>('.confide-file-name-start');
    if (!start) throw new Error('A name is not split');
    const cut = start.scrollWidth > start.clientWidth;
    const name = chip.querySelector('.confide-file-name')?.textContent;
    await expect({ name, cut, fullRow: cut && chip.offsetWidth >= list.clientWidth - 1 }).toEqual({
      name,
      cut,
      fullRow: cut,
    });
  }
};

/** The newcomer's long name beside a refused file in a wide composer: the whole name shows. */
export const LongNameInAWideComposer: Story = {
  args: {
    width: 820,
    composer: [
      composerFile(NEWCOMER_NAME, { size: 300, uploadedBytes: 300 }),
      composerFile('fake.pdf', { status: 'failed', error: { code: 'type_not_allowed', retryable: false } }),
    ],
  },
  play: async (context) => {
    await keepsTheStartThatFits?.(context);
    const start = context.canvasElement.querySelector<HTMLElement>('.confide-file-name-start');
    await expect(start && start.scrollWidth <= start.clientWidth).toBe(true);
  },
};

/** The same name with two more files in a mid-width composer: cut, but on a row of its own. */
export const LongNameInAMidComposer: Story = {
  args: {
    width: 600,
    composer: [
      composerFile('Payslip.pdf'),
      composerFile(NEWCOMER_NAME, { size: 300, uploadedBytes: 300 }),
      composerFile('Passport.pdf'),
    ],
  },
  play: async (context) => {
    await keepsTheStartThatFits?.(context);
    const start = context.canvasElement.querySelectorAll<HTMLElement>('.confide-file-name-start')[1];
    // More than a character or two of the start is left: as much as the row allows.
    await expect((start?.clientWidth ?? 0) > 150).toBe(true);
  },
};

/** Files a scanner is still checking: shown, not yet downloadable. */
export const Scanning: Story = {
  args: { sent: [sentFile('Signed engagement letter.pdf', { state: 'scanning' })] },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Checking for viruses…')).toBeInTheDocument();
    await expect(canvas.queryByRole('button', { name: /^Download/ })).toBeNull();
  },
};

/** A file the malware scan blocked: both sides see it removed for a security reason; nobody can download it. */
export const Blocked: Story = {
  args: { sent: [sentFile('invoice.pdf', { state: 'blocked' })] },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Removed for a security reason')).toBeInTheDocument();
    await expect(canvas.queryByRole('button', { name: /^Download/ })).toBeNull();
  },
};

/** A server without a scanner: files are available at once and marked as not scanned. */
export const NotScanned: Story = {
  args: {
    sent: [sentFile('Lease agreement.docx', { state: 'not_scanned', mediaType: 'application/msword' })],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Not scanned')).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: /^Download Lease agreement\.docx/ })).toBeInTheDocument();
  },
};

/** An image shows a small thumbnail (loaded through its own download ticket), named by the file. */
export const ImageThumbnail: Story = {
  args: { sent: [sentFile('Passport photo.png', { mediaType: 'image/png', size: 340 * 1024 })] },
  play: async ({ canvas }) => {
    const image = await canvas.findByRole('img', { name: 'Passport photo.png' });
    await waitFor(() => expect((image as HTMLImageElement).naturalWidth).toBeGreaterThan(0));
  },
};

/** A member's view: the shortened SHA-256 (the full value on focus), and when the client downloaded the file. */
export const MemberView: Story = {
  args: {
    member: true,
    sent: [
      sentFile('Signed I-9 form.pdf', { sha256: SHA256, clientDownloadedAt: '2026-11-24T15:42:00Z' }),
      sentFile('Photo of residence permit.jpg', { mediaType: 'image/jpeg', sha256: SHA256 }),
    ],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/^Downloaded by the client on/)).toBeInTheDocument();
    const copy = canvas.getByRole('button', { name: 'Copy the SHA-256 of Signed I-9 form.pdf' });
    const full = copy.parentElement?.querySelector<HTMLElement>('.confide-attachment-sha256-full');
    copy.focus();
    await waitFor(() => expect(full?.getBoundingClientRect().width).toBeGreaterThan(100));
  },
};

/** A download the server refuses (the file was blocked after the page loaded): the kit says so. */
export const DownloadRefused: Story = {
  args: { sent: [sentFile('Quarterly report.pdf')], failDownloadsWith: 'attachment_blocked' },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: /^Download Quarterly report\.pdf/ }));
    await expect(await canvas.findByText('Removed for a security reason')).toBeInTheDocument();
  },
};

/** Right-to-left page (Arabic locale): chips, sizes and buttons mirror. */
export const RightToLeft: Story = {
  globals: { locale: 'ar-EG' },
  args: {
    composer: [composerFile('Passport scan.pdf', { status: 'uploading', uploadedBytes: 0.96 * MB })],
    sent: [sentFile('Signed engagement letter.pdf')],
  },
};

/** The dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  args: {
    composer: [
      composerFile('Passport scan.pdf', { status: 'uploading', uploadedBytes: 0.96 * MB }),
      composerFile('Bank statement.pdf', { status: 'failed', error: { code: 'network', retryable: true } }),
    ],
    sent: [sentFile('invoice.pdf', { state: 'blocked' }), sentFile('Lease.pdf', { state: 'scanning' })],
  },
};
