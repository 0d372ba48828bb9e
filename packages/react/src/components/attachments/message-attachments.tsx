'use client';
import type { DownloadUrlOptions } from '@confide/core';
import { useEffect, useId, useRef, useState } from 'react';
import { withoutBidiControls } from '../../lib/bidi.js';
import { formatFileSize } from '../../lib/file-size.js';
import { type DateSettings, formatDateTime } from '../../lib/format.js';
import type { ConfideMessages } from '../../provider/messages.js';
import type { MessageAttachmentView } from './attachment-types.js';
import { FileIcon } from './file-icon.js';
import { FileName } from './file-name.js';
import { hasThumbnail } from './file-type.js';

/** Props of `MessageAttachments`. */
export interface MessageAttachmentsProps {
  /** The files of one message the viewer may see. */
  readonly attachments: readonly MessageAttachmentView[];
  /** Members see each file's SHA-256 and when the client downloaded it. */
  readonly isMember: boolean;
  readonly messages: ConfideMessages;
  readonly dates: DateSettings;
  /**
   * A short-lived, single-use URL for one file (a download ticket): the SDK's `client.attachments.downloadUrl`. The
   * bearer token never goes into a URL; each call makes a new ticket. Thumbnails ask with `{ purpose: 'preview' }`,
   * which the server does not count as a download.
   */
  readonly getDownloadUrl: (attachmentId: string, options?: DownloadUrlOptions) => Promise<string>;
}

/** Characters of a SHA-256 shown before the full value is asked for (focus or hover). */
const SHORT_SHA256_LENGTH = 12;

const downloadable = (attachment: MessageAttachmentView) =>
  attachment.state === 'available' || attachment.state === 'not_scanned';

/**
 * How long the hidden frame of a download stays, in milliseconds: the browser hands the file to its downloads once
 * the answer's headers arrive, so the frame is only needed until then (a slow server gets a minute).
 */
const DOWNLOAD_FRAME_LIFETIME_MS = 60_000;

/**
 * Starts a browser download of `url` (a ticket URL answered with `Content-Disposition: attachment`) in a hidden
 * frame, and calls `onFailed` when that answer turns out to be a page instead (a used or expired ticket, a server
 * error). Downloading in the page's own window instead (a cross-origin anchor ignores `download` and navigates)
 * replaced the whole app with the error's JSON, losing the place and whatever was on screen.
 */
function startDownload(url: string, name: string, onFailed: () => void) {
  const frame = document.createElement('iframe');
  frame.name = `confide-download-${Math.random().toString(36).slice(2)}`;
  frame.title = name;
  frame.hidden = true;
  frame.tabIndex = -1;
  const timer = setTimeout(() => frame.remove(), DOWNLOAD_FRAME_LIFETIME_MS);
  frame.addEventListener('load', () => {
    // A frame's first load is its empty document; a file handed to the browser's downloads fires no load at all.
    let href: string | null = null;
    try {
      href = frame.contentWindow?.location.href ?? null;
    } catch {
      // The API's origin answered with a page: reading it is refused, and that alone says what happened.
    }
    if (href === 'about:blank') return;
    clearTimeout(timer);
    frame.remove();
    onFailed();
  });
  document.body.append(frame);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.target = frame.name;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/**
 * The files under a message: name, size and type icon (a small thumbnail for pictures), where the malware scan
 * stands, and a download button for each file that may be downloaded. Members also see the SHA-256 and when the
 * client downloaded the file.
 */
export function MessageAttachments(props: MessageAttachmentsProps) {
  const { attachments, messages } = props;
  return (
    <ul
      className="confide-attachments confide-message-attachments"
      aria-label={messages.MESSAGE_ATTACHMENTS_LABEL}
    >
      {attachments.map((attachment) => (
        <MessageAttachment key={attachment.id} {...props} attachment={attachment} />
      ))}
    </ul>
  );
}

type DownloadState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'preparing' }
  | { readonly kind: 'failed'; readonly code: string | undefined };

function downloadErrorText(code: string | undefined, messages: ConfideMessages): string {
  if (code === 'attachment_blocked') return messages.ATTACHMENT_BLOCKED;
  if (code === 'attachment_unavailable') return messages.ATTACHMENT_UNAVAILABLE;
  return messages.ATTACHMENT_DOWNLOAD_FAILED;
}

function MessageAttachment({
  attachment,
  isMember,
  messages,
  dates,
  getDownloadUrl,
}: MessageAttachmentsProps & { readonly attachment: MessageAttachmentView }) {
  const id = useId();
  const [download, setDownload] = useState<DownloadState>({ kind: 'idle' });
  const size = formatFileSize(attachment.size, dates.locale);
  const canDownload = downloadable(attachment);
  async function onDownload() {
    setDownload({ kind: 'preparing' });
    try {
      startDownload(await getDownloadUrl(attachment.id), attachment.name, () =>
        setDownload({ kind: 'failed', code: undefined }),
      );
      setDownload({ kind: 'idle' });
    } catch (error) {
      const code =
        typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
      setDownload({ kind: 'failed', code: typeof code === 'string' ? code : undefined });
    }
  }
  return (
    <li className="confide-attachment" data-state={attachment.state}>
      {canDownload && hasThumbnail(attachment.mediaType) ? (
        <Thumbnail attachment={attachment} getDownloadUrl={getDownloadUrl} />
      ) : (
        <FileIcon mediaType={attachment.mediaType} />
      )}
      <div className="confide-attachment-main">
        {canDownload ? (
          <button
            type="button"
            className="confide-attachment-download"
            aria-label={messages.ATTACHMENT_DOWNLOAD_LABEL(withoutBidiControls(attachment.name), size)}
            aria-describedby={`${id}-state`}
            aria-disabled={download.kind === 'preparing' || undefined}
            onClick={() => {
              if (download.kind !== 'preparing') void onDownload();
            }}
          >
            <FileName name={attachment.name} />
          </button>
        ) : (
          <FileName name={attachment.name} />
        )}
        <span className="confide-attachment-meta" id={`${id}-state`}>
          <span>{size}</span>
          {attachment.state === 'scanning' && <span>{messages.ATTACHMENT_SCANNING}</span>}
          {attachment.state === 'blocked' && (
            <span className="confide-attachment-blocked">{messages.ATTACHMENT_BLOCKED}</span>
          )}
          {attachment.state === 'not_scanned' && <span>{messages.ATTACHMENT_NOT_SCANNED}</span>}
        </span>
        <span role="status" className="confide-attachment-status">
          {download.kind === 'preparing' && messages.ATTACHMENT_DOWNLOADING}
          {download.kind === 'failed' && (
            <span className="confide-field-error">{downloadErrorText(download.code, messages)}</span>
          )}
        </span>
        {isMember && attachment.clientDownloadedAt && (
          <span className="confide-hint">
            {messages.ATTACHMENT_CLIENT_DOWNLOADED(formatDateTime(attachment.clientDownloadedAt, dates))}
          </span>
        )}
        {isMember && attachment.sha256 && (
          <Sha256 value={attachment.sha256} name={attachment.name} messages={messages} />
        )}
      </div>
    </li>
  );
}

/** How long "Copied." shows after copying a SHA-256, in milliseconds. */
const COPIED_SHOWN_MS = 2_000;

/** A file's SHA-256, shortened; the full value shows while the copy button has focus or the pointer is on it. */
function Sha256({
  value,
  name,
  messages,
}: {
  readonly value: string;
  readonly name: string;
  readonly messages: ConfideMessages;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <span className="confide-attachment-sha256">
      <span>{messages.ATTACHMENT_SHA256}</span>{' '}
      <code className="confide-attachment-sha256-short" aria-hidden="true">
        {value.slice(0, SHORT_SHA256_LENGTH)}…
      </code>
      <code className="confide-attachment-sha256-full">{value}</code>{' '}
      <button
        type="button"
        className="confide-button confide-button-small confide-button-quiet"
        aria-label={messages.ATTACHMENT_COPY_SHA256(name)}
        onClick={() =>
          void navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => {},
          )
        }
      >
        {messages.ATTACHMENT_COPY}
      </button>
      <span role="status" className="confide-hint">
        {copied && messages.ATTACHMENT_COPIED}
      </span>
    </span>
  );
}

/** The thumbnail's edge, in CSS pixels: fixed, so the thread does not move as pictures arrive. */
const THUMBNAIL_SIZE_PX = 48;

/**
 * A small picture of an image file, fetched through its own download ticket once it scrolls into view. Falls back to
 * the type icon when the picture cannot be loaded.
 */
function Thumbnail({
  attachment,
  getDownloadUrl,
}: {
  readonly attachment: MessageAttachmentView;
  readonly getDownloadUrl: MessageAttachmentsProps['getDownloadUrl'];
}) {
  const placeholder = useRef<HTMLSpanElement>(null);
  const [source, setSource] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const { id } = attachment;
  useEffect(() => {
    let live = true;
    const load = () =>
      getDownloadUrl(id, { purpose: 'preview' }).then(
        (url) => live && setSource(url),
        () => live && setFailed(true),
      );
    const node = placeholder.current;
    if (!node || typeof IntersectionObserver === 'undefined') {
      void load();
      return () => {
        live = false;
      };
    }
    // A ticket is single-use and short-lived: ask for one only when the picture is about to be seen.
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      void load();
    });
    observer.observe(node);
    return () => {
      live = false;
      observer.disconnect();
    };
  }, [id, getDownloadUrl]);
  if (failed) return <FileIcon mediaType={attachment.mediaType} />;
  if (!source) return <span ref={placeholder} className="confide-attachment-thumbnail" aria-hidden="true" />;
  return (
    <img
      className="confide-attachment-thumbnail"
      src={source}
      alt={attachment.name}
      width={THUMBNAIL_SIZE_PX}
      height={THUMBNAIL_SIZE_PX}
      loading="lazy"
      decoding="async"
      onError={() => setFailed(true)}
    />
  );
}
