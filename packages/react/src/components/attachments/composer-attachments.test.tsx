import { ConfideError } from '@confide/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { defaultMessages } from '../../provider/messages.js';
import { axeViolations } from '../../test/setup-client.js';
import type { ComposerAttachmentView } from './attachment-types.js';
import { ComposerAttachments, uploadPercent } from './composer-attachments.js';
import { splitFileName } from './file-name.js';

const MB = 1024 * 1024;

function file(overrides: Partial<ComposerAttachmentView> = {}): ComposerAttachmentView {
  return {
    localId: 'local_1',
    name: 'Passport.pdf',
    size: 10 * MB,
    mediaType: 'application/pdf',
    status: 'uploading',
    uploadedBytes: 0,
    error: null,
    ...overrides,
  };
}

const handlers = () => ({ onCancel: vi.fn(), onRetry: vi.fn(), onRemove: vi.fn() });

function chips(
  attachments: readonly ComposerAttachmentView[],
  extra: Partial<Parameters<typeof ComposerAttachments>[0]> = {},
) {
  return (
    <ComposerAttachments
      attachments={attachments}
      messages={defaultMessages}
      locale="en-GB"
      {...handlers()}
      {...extra}
    />
  );
}

const announced = () => screen.getByRole('status').textContent;

describe('ComposerAttachments', () => {
  it('shows an uploading file with its size, a named progress bar and a Cancel button naming the file', async () => {
    const { container } = render(chips([file({ uploadedBytes: 4 * MB })]));
    const bar = screen.getByRole('progressbar', { name: 'Passport.pdf' });
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(bar).toHaveAttribute('aria-valuetext', '40 % uploaded');
    expect(screen.getByText('10 MB')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel Passport.pdf' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it.each([
    [
      { code: 'file_too_large', context: { maxBytes: 100 * MB } },
      'Too large: files can be at most 100 MB.',
      false,
    ],
    [{ code: 'payload_too_large' }, 'Too large: files can be at most 50 MB.', false],
    [{ code: 'type_not_allowed' }, 'This type of file is not accepted.', false],
    [{ code: 'attachment_blocked' }, 'Removed for a security reason', false],
    [
      { code: 'invalid_input', issues: [{ path: ['attachmentIds'] }] },
      'A message can carry at most 20 files.',
      false,
    ],
    [
      { code: 'invalid_input', issues: [{ path: ['name'] }] },
      'This file name cannot be used: rename the file and attach it again.',
      false,
    ],
    [{ code: 'network', retryable: true }, 'Upload failed. Try again.', true],
    [{ code: 'internal', retryable: true }, 'Upload failed. Try again.', true],
    [{ code: 'conflict' }, 'The server did not accept this file. Remove it, then attach it again.', false],
  ])(
    'says why an upload failed (%o) in its own words, with Retry only where retrying helps',
    async (error, text, retry) => {
      const onRetry = vi.fn();
      const { container } = render(
        chips([file({ status: 'failed', error })], { maxUploadBytes: 50 * MB, onRetry }),
      );
      expect(screen.getByText(text)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Remove Passport.pdf' })).toBeInTheDocument();
      const retryButton = screen.queryByRole('button', { name: 'Retry Passport.pdf' });
      expect(retryButton !== null).toBe(retry);
      if (retryButton) {
        await userEvent.click(retryButton);
        expect(onRetry).toHaveBeenCalledWith('local_1');
      }
      expect(await axeViolations(container)).toEqual([]);
    },
  );

  // The SDK's own errors, as an upload fails with them: Retry only where the same bytes sent again may get through.
  it.each([
    ['a network fault', 'network', 'Upload failed. Try again.', true],
    ['a timeout', 'timeout', 'Upload failed. Try again.', true],
    ['a 429', 'rate_limited', 'Upload failed. Try again.', true],
    ['a 5xx', 'internal', 'Upload failed. Try again.', true],
    ['a refused type (415)', 'type_not_allowed', 'This type of file is not accepted.', false],
    ['a refused size (413)', 'payload_too_large', 'Too large: files can be at most 50 MB.', false],
    ['a virus', 'attachment_blocked', 'Removed for a security reason', false],
    [
      'a refusal (403)',
      'forbidden',
      'The server did not accept this file. Remove it, then attach it again.',
      false,
    ],
    [
      'an upload gone (404)',
      'not_found',
      'The server did not accept this file. Remove it, then attach it again.',
      false,
    ],
    [
      'an unusable upload (409)',
      'attachment_unavailable',
      'The server did not accept this file. Remove it, then attach it again.',
      false,
    ],
    [
      'an ended session (401)',
      'unauthenticated',
      'The server did not accept this file. Remove it, then attach it again.',
      false,
    ],
    [
      'an answer not understood',
      'invalid_response',
      'The server did not accept this file. Remove it, then attach it again.',
      false,
    ],
  ] as const)(
    'after %s (%s) says %j, with Retry: %s, and always Remove',
    async (_name, code, text, retry) => {
      const { container } = render(
        chips([file({ status: 'failed', error: new ConfideError(code, 'refused or failed') })], {
          maxUploadBytes: 50 * MB,
        }),
      );
      expect(screen.getByText(text)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Retry Passport.pdf' }) !== null).toBe(retry);
      expect(screen.getByRole('button', { name: 'Remove Passport.pdf' })).toBeInTheDocument();
      expect(await axeViolations(container)).toEqual([]);
    },
  );

  it('announces a file at its start, each quarter, and its end, and says nothing in between', () => {
    const { rerender } = render(chips([]));
    const steps: [number, ComposerAttachmentView['status'], string][] = [
      [0, 'uploading', 'Uploading Passport.pdf.'],
      [1 * MB, 'uploading', 'Uploading Passport.pdf.'],
      [2.6 * MB, 'uploading', 'Passport.pdf: 25 % uploaded.'],
      [4.9 * MB, 'uploading', 'Passport.pdf: 25 % uploaded.'],
      [5 * MB, 'uploading', 'Passport.pdf: 50 % uploaded.'],
      [9.9 * MB, 'uploading', 'Passport.pdf: 75 % uploaded.'],
      [10 * MB, 'uploaded', 'Passport.pdf uploaded.'],
    ];
    for (const [uploadedBytes, status, expected] of steps) {
      rerender(chips([file({ uploadedBytes, status })]));
      expect(announced()).toBe(expected);
    }
  });

  it('announces a failure, and the start again on retry', () => {
    const { rerender } = render(chips([]));
    rerender(chips([file({ uploadedBytes: 3 * MB })]));
    rerender(chips([file({ status: 'failed', error: { code: 'network' } })]));
    expect(announced()).toBe('Passport.pdf could not be uploaded.');
    rerender(chips([file({ uploadedBytes: 0 })]));
    expect(announced()).toBe('Uploading Passport.pdf.');
  });

  it('does not announce the files a restored draft already had', () => {
    render(chips([file({ status: 'uploaded', uploadedBytes: 10 * MB })]));
    expect(announced()).toBe('');
  });

  it('moves focus to the next chip after a removal, and to the attach button after the last', async () => {
    const attach = createRef<HTMLButtonElement>();
    let attachments = [
      file({ localId: 'a', name: 'a.pdf', status: 'uploaded' }),
      file({ localId: 'b', name: 'b.pdf', status: 'uploaded' }),
    ];
    const onRemove = vi.fn((localId: string) => {
      attachments = attachments.filter((attachment) => attachment.localId !== localId);
    });
    const ui = () => (
      <>
        {chips(attachments, { onRemove, returnFocusRef: attach })}
        <button ref={attach} type="button">
          Attach files
        </button>
      </>
    );
    const { rerender } = render(ui());
    await userEvent.click(screen.getByRole('button', { name: 'Remove a.pdf' }));
    rerender(ui());
    expect(screen.getByRole('button', { name: 'Remove b.pdf' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    rerender(ui());
    expect(attach.current).toHaveFocus();
    expect(screen.queryByRole('list')).toBeNull();
  });
});

describe('uploadPercent', () => {
  it.each([
    [0, 100, 0],
    [40, 100, 40],
    [999, 1000, 99],
    [1000, 1000, 100],
    [5, 0, 0],
    [150, 100, 100],
  ])('is %d of %d bytes → %d %%', (uploadedBytes, size, percent) => {
    expect(uploadPercent({ uploadedBytes, size })).toBe(percent);
  });
});

describe('splitFileName', () => {
  it.each([
    ['Latin, short', 'employer-letter.pdf', ['employer-l', 'etter.pdf']],
    [
      'Latin, long',
      'Employment verification letter signed.pdf',
      ['Employment verification letter s', 'igned.pdf'],
    ],
    [
      'Latin, no extension',
      'no extension at all in this long name',
      ['no extension at all in this long', ' name'],
    ],
    [
      'Latin, letters with combining marks at the cut',
      'Curriculum vitae re\u0301sume\u0301.pdf',
      ['Curriculum vitae r', 'e\u0301sume\u0301.pdf'],
    ],
    ['Arabic', 'عقد الإيجار الموقع.pdf', ['عقد الإيجار ا', 'لموقع.pdf']],
    ['Hebrew', 'תעודת זהות - סריקה.jpg', ['תעודת זהות - ', 'סריקה.jpg']],
    ['emoji sequences', '👩‍👩‍👧‍👦 holidays 👨‍👩‍👧.jpeg', ['👩‍👩‍👧‍👦 holid', 'ays 👨‍👩‍👧.jpeg']],
    ['flags and skin tones at the cut', 'Visa 🇩🇪🇺🇸🇫🇷🇯🇵👋🏽👋🏽.pdf', ['Visa 🇩🇪', '🇺🇸🇫🇷🇯🇵👋🏽👋🏽.pdf']],
    ['a name shorter than what is kept', 'a.pdf', ['a', '.pdf']],
    ['one character', '📄', ['📄', '']],
  ])('splits a %s name between characters, keeping the extension at the end', (_kind, name, parts) => {
    expect(splitFileName(name)).toEqual(parts);
    expect(splitFileName(name).join('')).toBe(name);
  });
});

describe('FileName', () => {
  it.each([
    'employer-letter.pdf',
    'عقد الإيجار الموقع.pdf',
    'תעודת זהות - סריקה.jpg',
    '👩‍👩‍👧‍👦 holidays 👨‍👩‍👧.jpeg',
  ])('keeps the whole name %s as its text and title, the cut halves only for the eye', async (name) => {
    const { container } = render(chips([file({ name, status: 'uploaded', uploadedBytes: 10 * MB })]));
    const element = container.querySelector<HTMLElement>('.confide-file-name');
    expect(element?.textContent).toBe(name);
    expect(element).toHaveAttribute('title', name);
    expect(element).toHaveAttribute('dir', 'auto');
    expect(element?.tagName).toBe('BDI');
    const halves = [...(element?.querySelectorAll<HTMLElement>('[data-text]') ?? [])];
    expect(halves.map((half) => half.dataset.text).join('')).toBe(name);
    for (const half of halves) expect(half).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByRole('button', { name: `Remove ${name}` })).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
  });
});
