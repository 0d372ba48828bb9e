import { PREVIEW_MEDIA_TYPES } from '@confide/core';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultMessages } from '../../provider/messages.js';
import { axeViolations } from '../../test/setup-client.js';
import type { MessageAttachmentView } from './attachment-types.js';
import { MessageAttachments, type MessageAttachmentsProps } from './message-attachments.js';

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const dates = { locale: 'en-GB', timeZone: 'UTC' };

function sent(overrides: Partial<MessageAttachmentView> = {}): MessageAttachmentView {
  return {
    id: 'att_1',
    name: 'Lease.pdf',
    size: 2 * 1024 * 1024,
    mediaType: 'application/pdf',
    state: 'available',
    ...overrides,
  };
}

function renderFiles(
  attachments: readonly MessageAttachmentView[],
  options: { isMember?: boolean; getDownloadUrl?: MessageAttachmentsProps['getDownloadUrl'] } = {},
) {
  return render(
    <MessageAttachments
      attachments={attachments}
      isMember={options.isMember ?? false}
      messages={defaultMessages}
      dates={dates}
      getDownloadUrl={options.getDownloadUrl ?? (async (id) => `https://files.example/download?ticket=${id}`)}
    />,
  );
}

afterEach(() => vi.restoreAllMocks());

describe('MessageAttachments', () => {
  it.each([
    ['available', null, true],
    ['not_scanned', 'Not scanned', true],
    ['scanning', 'Checking for viruses…', false],
    ['blocked', 'Removed for a security reason', false],
  ] as const)('shows a %s file with its state (%s); downloadable: %s', async (state, text, downloadable) => {
    const { container } = renderFiles([sent({ state })]);
    expect(screen.getByText('Lease.pdf')).toBeInTheDocument();
    expect(screen.getByText('2 MB')).toBeInTheDocument();
    if (text) expect(screen.getByText(text)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download Lease.pdf, 2 MB' }) !== null).toBe(downloadable);
    expect(await axeViolations(container)).toEqual([]);
  });

  it('downloads through an anchor with a fresh ticket URL on every press', async () => {
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.href} ${this.download}`);
    });
    const getDownloadUrl = vi.fn(async (id: string) => `https://files.example/v1/downloads/ticket_for_${id}`);
    renderFiles([sent()], { getDownloadUrl });
    await userEvent.click(screen.getByRole('button', { name: 'Download Lease.pdf, 2 MB' }));
    await waitFor(() =>
      expect(clicked).toEqual(['https://files.example/v1/downloads/ticket_for_att_1 Lease.pdf']),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Download Lease.pdf, 2 MB' }));
    await waitFor(() => expect(getDownloadUrl).toHaveBeenCalledTimes(2));
  });

  it('downloads in a hidden frame, never in the page itself, and says so when the frame shows a page instead', async () => {
    const targets: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      targets.push(this.target);
    });
    renderFiles([sent()], {
      getDownloadUrl: async (id: string) => `https://files.example/v1/downloads/ticket_for_${id}`,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Download Lease.pdf, 2 MB' }));
    await waitFor(() => expect(targets).toHaveLength(1));
    const frame = document.querySelector<HTMLIFrameElement>(`iframe[name="${targets[0]}"]`);
    expect(frame?.hidden).toBe(true);
    expect(screen.queryByText('The download could not start. Try again.')).toBeNull();

    // The API's origin answered with a page (a used ticket's error): the browser refuses to let us read it.
    Object.defineProperty(frame, 'contentWindow', {
      get: () => ({
        get location(): Location {
          throw new DOMException('Blocked a frame from accessing a cross-origin frame', 'SecurityError');
        },
      }),
    });
    act(() => {
      frame?.dispatchEvent(new Event('load'));
    });
    expect(await screen.findByText('The download could not start. Try again.')).toBeInTheDocument();
    expect(frame?.isConnected).toBe(false);
  });

  it.each([
    ['attachment_blocked', 'Removed for a security reason'],
    ['attachment_unavailable', 'Not available yet. Try again in a moment.'],
    ['ticket_invalid', 'The download could not start. Try again.'],
    ['network', 'The download could not start. Try again.'],
  ])('says why a download did not start (%s)', async (code, text) => {
    renderFiles([sent()], {
      getDownloadUrl: () => Promise.reject(Object.assign(new Error('refused'), { code })),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Download Lease.pdf, 2 MB' }));
    expect(await screen.findByText(text)).toBeInTheDocument();
  });

  it('shows a thumbnail for a picture, named by the file, and the type icon when it cannot load', async () => {
    const getDownloadUrl = vi.fn(async () => 'https://files.example/v1/downloads/ticket_picture');
    const { container } = renderFiles([sent({ name: 'Photo.png', mediaType: 'image/png' })], {
      getDownloadUrl,
    });
    const image = await screen.findByRole('img', { name: 'Photo.png' });
    expect(image).toHaveAttribute('src', 'https://files.example/v1/downloads/ticket_picture');
    // A thumbnail is a preview: the server must not count it as the client downloading the file.
    expect(getDownloadUrl).toHaveBeenCalledWith('att_1', { purpose: 'preview' });
    expect(image).toHaveAttribute('width', '48');
    expect(image).toHaveAttribute('loading', 'lazy');
    expect(await axeViolations(container)).toEqual([]);
    fireEvent.error(image);
    expect(screen.queryByRole('img', { name: 'Photo.png' })).toBeNull();
    expect(container.querySelector('.confide-file-icon[data-kind="image"]')).not.toBeNull();
  });

  // Exactly the types the server previews (the protocol's list): a ticket for any other is refused with no_preview.
  it.each<[string, boolean]>([
    ...PREVIEW_MEDIA_TYPES.map((type): [string, boolean] => [type, true]),
    ['IMAGE/JPEG', true],
    ['image/heic', false],
    ['image/tiff', false],
    ['image/svg+xml', false],
    ['application/pdf', false],
  ])('loads a thumbnail for %s: %s', async (mediaType, loads) => {
    const getDownloadUrl = vi.fn(async () => 'https://files.example/t');
    renderFiles([sent({ mediaType })], { getDownloadUrl });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(getDownloadUrl).toHaveBeenCalledTimes(loads ? 1 : 0);
  });

  it('shows members the SHA-256 (short and full) and when the client downloaded the file; never clients', async () => {
    const file = sent({ sha256: SHA256, clientDownloadedAt: '2026-11-24T15:42:00Z' });
    const { container, unmount } = renderFiles([file], { isMember: true });
    expect(screen.getByText('e3b0c44298fc…')).toBeInTheDocument();
    expect(screen.getByText(SHA256)).toBeInTheDocument();
    expect(screen.getByText('Downloaded by the client on 24 Nov 2026, 15:42')).toBeInTheDocument();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await userEvent.click(screen.getByRole('button', { name: 'Copy the SHA-256 of Lease.pdf' }));
    expect(writeText).toHaveBeenCalledWith(SHA256);
    expect(await screen.findByText('Copied.')).toBeInTheDocument();
    expect(await axeViolations(container)).toEqual([]);
    unmount();
    renderFiles([file], { isMember: false });
    expect(screen.queryByText(SHA256)).toBeNull();
    expect(screen.queryByText(/Downloaded by the client/)).toBeNull();
  });
});
