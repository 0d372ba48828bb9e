'use client';
import { type RefObject, useEffect, useId, useRef, useState } from 'react';
import { formatFileSize } from '../../lib/file-size.js';
import type { ConfideMessages } from '../../provider/messages.js';
import type { ComposerAttachmentView } from './attachment-types.js';
import { FileIcon } from './file-icon.js';
import { FileName } from './file-name.js';
import { canRetryUpload, uploadErrorText } from './upload-error.js';

/** Props of `ComposerAttachments`. */
export interface ComposerAttachmentsProps {
  /** The composer's files, in the order they were added. */
  readonly attachments: readonly ComposerAttachmentView[];
  /** The kit's strings. */
  readonly messages: ConfideMessages;
  /** The locale sizes are written in. */
  readonly locale: string | undefined;
  /** The server's size limit, said when a file is too large and its error does not carry the limit. */
  readonly maxUploadBytes?: number | undefined;
  /** Stops an upload and drops the file. */
  readonly onCancel: (localId: string) => void;
  /** Uploads a failed file again. */
  readonly onRetry: (localId: string) => void;
  /** Drops a file from the message. */
  readonly onRemove: (localId: string) => void;
  /** Where focus goes once the last file is removed (the attach button). */
  readonly returnFocusRef?: RefObject<HTMLElement | null>;
}

/** The share of a file uploaded, in whole percent (0–100). */
export function uploadPercent(attachment: Pick<ComposerAttachmentView, 'size' | 'uploadedBytes'>): number {
  if (attachment.size <= 0) return 0;
  return Math.min(100, Math.floor((attachment.uploadedBytes / attachment.size) * 100));
}

/** Progress is announced at these shares of a file, besides its start and its end: often enough, never a flood. */
const ANNOUNCED_STEP_PERCENT = 25;

type Milestone = number | 'done' | 'failed';

function milestoneOf(attachment: ComposerAttachmentView): Milestone {
  if (attachment.status === 'uploaded') return 'done';
  if (attachment.status === 'failed') return 'failed';
  return Math.floor(uploadPercent(attachment) / ANNOUNCED_STEP_PERCENT) * ANNOUNCED_STEP_PERCENT;
}

/**
 * What to say politely about uploads: a file's start, each quarter, and its end or failure, once each. Files the
 * composer already had when it mounted (a restored draft) are not announced.
 */
export function useUploadAnnouncements(
  attachments: readonly ComposerAttachmentView[],
  messages: ConfideMessages,
): { readonly key: number; readonly text: string } {
  const said = useRef<Map<string, Milestone> | null>(null);
  const [announcement, setAnnouncement] = useState({ key: 0, text: '' });
  useEffect(() => {
    const first = said.current === null;
    const known = said.current ?? new Map<string, Milestone>();
    said.current = known;
    const lines: string[] = [];
    for (const attachment of attachments) {
      const milestone = milestoneOf(attachment);
      const previous = known.get(attachment.localId);
      if (previous === milestone) continue;
      known.set(attachment.localId, milestone);
      if (first) continue;
      if (milestone === 'done') lines.push(messages.ATTACHMENT_ANNOUNCE_DONE(attachment.name));
      else if (milestone === 'failed') lines.push(messages.ATTACHMENT_ANNOUNCE_FAILED(attachment.name));
      else if (previous === undefined || previous === 'failed')
        lines.push(messages.ATTACHMENT_ANNOUNCE_STARTED(attachment.name));
      else if (typeof previous === 'number' && milestone > previous)
        lines.push(messages.ATTACHMENT_ANNOUNCE_PROGRESS(attachment.name, milestone));
    }
    for (const localId of known.keys()) {
      if (!attachments.some((attachment) => attachment.localId === localId)) known.delete(localId);
    }
    if (lines.length > 0) setAnnouncement((previous) => ({ key: previous.key + 1, text: lines.join(' ') }));
  }, [attachments, messages]);
  return announcement;
}

/**
 * The files of a message being written, one chip each: type icon, name, size, a progress bar while uploading, why an
 * upload failed in the kit's words, and Cancel, Retry or Remove (named with the file). Progress is announced politely.
 */
export function ComposerAttachments(props: ComposerAttachmentsProps) {
  const { attachments, messages, returnFocusRef } = props;
  const announcement = useUploadAnnouncements(attachments, messages);
  const listRef = useRef<HTMLUListElement>(null);
  // After a chip goes, focus moves to the chip now in its place (or the one before), else back to the attach button.
  const focusAfterRemoval = useRef<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the list has changed, after a removal.
  useEffect(() => {
    const index = focusAfterRemoval.current;
    if (index === null) return;
    focusAfterRemoval.current = null;
    const chips = listRef.current?.querySelectorAll<HTMLElement>('.confide-attachment');
    const chip = chips?.[Math.min(index, chips.length - 1)];
    const target = chip?.querySelector<HTMLElement>('button') ?? returnFocusRef?.current;
    target?.focus();
  }, [attachments, returnFocusRef]);
  const removing = (index: number, action: (localId: string) => void) => (localId: string) => {
    focusAfterRemoval.current = index;
    action(localId);
  };
  return (
    <>
      {attachments.length > 0 && (
        <ul
          ref={listRef}
          className="confide-attachments confide-composer-attachments"
          aria-label={messages.ATTACHMENTS_LABEL}
        >
          {attachments.map((attachment, index) => (
            <ComposerAttachmentChip
              key={attachment.localId}
              {...props}
              attachment={attachment}
              onCancel={removing(index, props.onCancel)}
              onRemove={removing(index, props.onRemove)}
            />
          ))}
        </ul>
      )}
      <div className="confide-visually-hidden" role="status" aria-live="polite">
        {announcement.text && <span key={announcement.key}>{announcement.text}</span>}
      </div>
    </>
  );
}

interface ChipProps extends ComposerAttachmentsProps {
  readonly attachment: ComposerAttachmentView;
}

function ComposerAttachmentChip({
  attachment,
  messages,
  locale,
  maxUploadBytes,
  onCancel,
  onRetry,
  onRemove,
}: ChipProps) {
  const id = useId();
  const { localId, name, status } = attachment;
  const percent = uploadPercent(attachment);
  const size = formatFileSize(attachment.size, locale);
  return (
    <li className="confide-attachment" data-state={status}>
      <FileIcon mediaType={attachment.mediaType} />
      <div className="confide-attachment-main">
        <FileName id={`${id}-name`} name={name} />
        <span className="confide-attachment-meta">
          <span>{size}</span>
          {status === 'uploading' && <span>{messages.ATTACHMENT_UPLOADING}</span>}
          {status === 'uploaded' && <span>{messages.ATTACHMENT_UPLOADED}</span>}
        </span>
        {status === 'uploading' && (
          <div
            className="confide-attachment-progress"
            role="progressbar"
            aria-labelledby={`${id}-name`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={messages.ATTACHMENT_PROGRESS(percent)}
          >
            <span style={{ inlineSize: `${percent}%` }} />
          </div>
        )}
        {status === 'failed' && (
          <span className="confide-field-error">
            {uploadErrorText(attachment.error, messages, locale, maxUploadBytes)}
          </span>
        )}
      </div>
      <div className="confide-attachment-actions">
        {status === 'uploading' && (
          <ChipAction label={messages.ATTACHMENT_CANCEL_LABEL(name)} onClick={() => onCancel(localId)}>
            {messages.ATTACHMENT_CANCEL}
          </ChipAction>
        )}
        {status === 'failed' && canRetryUpload(attachment.error) && (
          <ChipAction label={messages.ATTACHMENT_RETRY_LABEL(name)} onClick={() => onRetry(localId)}>
            {messages.ATTACHMENT_RETRY}
          </ChipAction>
        )}
        {status !== 'uploading' && (
          <ChipAction quiet label={messages.ATTACHMENT_REMOVE_LABEL(name)} onClick={() => onRemove(localId)}>
            {messages.ATTACHMENT_REMOVE}
          </ChipAction>
        )}
      </div>
    </li>
  );
}

/** One of a chip's buttons: its visible word, and an accessible name that says which file it acts on. */
function ChipAction(props: {
  readonly label: string;
  readonly onClick: () => void;
  readonly quiet?: boolean;
  readonly children: string;
}) {
  return (
    <button
      type="button"
      className={`confide-button confide-button-small${props.quiet ? ' confide-button-quiet' : ''}`}
      aria-label={props.label}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}
