import type { Attachment, ComposerAttachment } from '@confide/core';

/**
 * A file in a composer, as the kit shows it: the SDK's `ComposerAttachment` (its `error` a `ConfideError`) or any
 * object of this shape, for hosts driving the parts themselves.
 */
export interface ComposerAttachmentView
  extends Pick<ComposerAttachment, 'localId' | 'name' | 'size' | 'mediaType' | 'status' | 'uploadedBytes'> {
  /** Why the upload failed, when `status` is `failed`. */
  readonly error: AttachmentErrorView | null;
}

/** The part of an upload error the kit reads: its code and the ids and numbers that came with it. */
export interface AttachmentErrorView {
  readonly code: string;
  readonly retryable?: boolean;
  readonly context?: Readonly<Record<string, string | number | boolean | undefined>> | undefined;
  /** The offending fields of an `invalid_input` error (`attachmentIds` when a message has too many files). */
  readonly issues?: readonly { readonly path: readonly (string | number)[] }[];
}

/** A file sent with a message, as the kit shows it in a thread (the protocol's `Attachment`). */
export type MessageAttachmentView = { readonly id: string } & Pick<
  Attachment,
  'name' | 'size' | 'mediaType' | 'state'
> &
  Partial<Pick<Attachment, 'sha256' | 'clientDownloadedAt'>>;
