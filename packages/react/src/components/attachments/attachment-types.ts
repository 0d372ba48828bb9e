/**
 * A file in a composer, as the kit shows it: the SDK's `ComposerAttachment` (its `error` a `ConfideError`) or any
 * object of this shape, for hosts driving the parts themselves.
 */
export interface ComposerAttachmentView {
  /** The composer's own id for the file (there is no server id until the upload has finished). */
  readonly localId: string;
  /** The name the device gave the file. */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** The type the browser reported (the server decides from the bytes later). */
  readonly mediaType: string;
  /** Where the upload stands. */
  readonly status: 'uploading' | 'uploaded' | 'failed';
  /** Bytes the server has confirmed so far. */
  readonly uploadedBytes: number;
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
export interface MessageAttachmentView {
  readonly id: string;
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** The type the server decided from the bytes. */
  readonly mediaType: string;
  readonly state: 'scanning' | 'available' | 'blocked' | 'not_scanned';
  /** Hex SHA-256 of the bytes (members only). */
  readonly sha256?: string | undefined;
  /** When the client first downloaded it (members only). */
  readonly clientDownloadedAt?: string | null | undefined;
}
