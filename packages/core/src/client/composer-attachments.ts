import { ATTACHMENTS_PER_MESSAGE_MAX, type AttachmentId } from '@confide/protocol';
import type { StoreApi } from 'zustand/vanilla';
import { ConfideError, toConfideError } from '../errors/confide-error.js';
import { randomId } from '../lib/id.js';
import type { Draft, DraftAttachment, DraftInput } from '../stores/composer/composer-store.js';
import type { UploadFile } from '../transport/transport.js';
import type { ClientContext } from './client-context.js';

/** A file in the composer, as a chip shows it. */
export interface ComposerAttachment extends Pick<DraftAttachment, 'localId' | 'name' | 'size'> {
  /** The device's claim until the upload finished, then the type the server decided from the bytes. */
  readonly mediaType: string;
  /** `uploading` with progress, `uploaded` (ready to send), or `failed` with `error`. */
  readonly status: 'uploading' | 'uploaded' | 'failed';
  /** Bytes sent so far. */
  readonly uploadedBytes: number;
  /** The server's id once uploaded; this is what the send carries. */
  readonly attachmentId: AttachmentId | null;
  /**
   * Why it failed: `payload_too_large` (too big, before or after upload), `type_not_allowed`, `invalid_input`
   * (more than 20 files, or the name), `network`, …
   */
  readonly error: ConfideError | null;
}

/** An upload's progress, kept in the composer's own (unsaved) store: it changes too often to save. */
export type UploadProgress = Pick<ComposerAttachment, 'uploadedBytes' | 'error'> & {
  readonly status: 'uploading' | 'failed';
};

// Fails fast on what the server always refuses; the server's decision from the bytes is the rule.
const NEVER_ACCEPTED_NAME =
  /\.(?:html?|xhtml|svg|m?js|exe|msi|dll|bat|cmd|com|scr|ps1|sh|jar|apk|dmg|wasm)$/i;
const NEVER_ACCEPTED_TYPE =
  /^(?:text\/html|application\/xhtml\+xml|image\/svg\+xml|(?:text|application)\/javascript|application\/x-(?:msdownload|msi|sh))$/i;

/** Why a file cannot be attached before it is even uploaded (`position`: how many files come before it), or `null`. */
export function checkFile(file: UploadFile, position: number, maxBytes: number): ConfideError | null {
  if (position >= ATTACHMENTS_PER_MESSAGE_MAX) {
    return new ConfideError(
      'invalid_input',
      `A message carries at most ${ATTACHMENTS_PER_MESSAGE_MAX} files`,
      { issues: [{ path: ['attachmentIds'], message: 'Too many files' }] },
    );
  }
  if (file.size > maxBytes) {
    return new ConfideError('payload_too_large', `Files may be at most ${maxBytes} bytes`, {
      context: { reason: 'file_too_large', maxBytes },
    });
  }
  if (NEVER_ACCEPTED_NAME.test(file.name) || NEVER_ACCEPTED_TYPE.test(file.type)) {
    return new ConfideError('type_not_allowed', 'Files of this type are not accepted');
  }
  return null;
}

/** The chips of a draft: its files with their upload progress. A pure function. */
export function composerAttachmentsOf(
  draft: Draft,
  uploads: Readonly<Record<string, UploadProgress>>,
): ComposerAttachment[] {
  return draft.attachments.map(({ localId, name, size, mediaType, attachment }) => {
    const progress = uploads[localId];
    return {
      localId,
      name: attachment?.name ?? name,
      size: attachment?.size ?? size,
      mediaType: attachment?.mediaType ?? mediaType,
      status: attachment ? 'uploaded' : (progress?.status ?? 'failed'),
      uploadedBytes: attachment ? size : (progress?.uploadedBytes ?? 0),
      attachmentId: attachment?.id ?? null,
      error: attachment ? null : (progress?.error ?? null),
    };
  });
}

interface ComposerFilesDependencies {
  readonly context: ClientContext;
  readonly uploads: StoreApi<{ readonly uploads: Readonly<Record<string, UploadProgress>> }>;
  readonly draft: () => Draft;
  readonly update: (input: DraftInput) => void;
}

/** A composer's file actions: each file uploads on its own, resumably, with its progress in `uploads`. */
export function createComposerFiles({ context, uploads, draft, update }: ComposerFilesDependencies) {
  const files = new Map<
    string,
    { file: UploadFile; controller?: AbortController; uploadId?: AttachmentId }
  >();
  const setProgress = (localId: string, progress: UploadProgress | null) =>
    uploads.setState((state) => {
      const { [localId]: _previous, ...rest } = state.uploads;
      return { uploads: progress ? { ...rest, [localId]: progress } : rest };
    });

  function start(localId: string, uploadedBytes: number) {
    const entry = files.get(localId);
    const { uploadFile } = context.transport;
    if (!entry) return;
    const position = draft().attachments.findIndex((file) => file.localId === localId);
    const refused = uploadFile
      ? checkFile(entry.file, position, context.maxUploadBytes)
      : new ConfideError('internal', 'This transport cannot upload files', { retryable: false });
    if (refused || !uploadFile)
      return setProgress(localId, { status: 'failed', uploadedBytes: 0, error: refused });
    const controller = new AbortController();
    entry.controller = controller;
    setProgress(localId, { status: 'uploading', uploadedBytes, error: null });
    const current = () => files.get(localId)?.controller === controller && !controller.signal.aborted;
    uploadFile(entry.file, {
      signal: controller.signal,
      onCreated: (id) => {
        entry.uploadId = id;
      },
      onProgress: (sent) => {
        if (current()) setProgress(localId, { status: 'uploading', uploadedBytes: sent, error: null });
      },
    }).then(
      (attachment) => {
        if (!current()) return;
        update({
          attachments: draft().attachments.map((file) =>
            file.localId === localId ? { ...file, attachment } : file,
          ),
        });
        setProgress(localId, null);
      },
      (error: unknown) => {
        const failure = toConfideError(error);
        // The server keeps no upload it refused: it never makes one it refuses to create, and discards one whose
        // bytes it refuses (their type). Removing the file then has nothing to delete.
        if (failure.status !== undefined && !failure.retryable) delete entry.uploadId;
        const uploadedBytes = uploads.getState().uploads[localId]?.uploadedBytes ?? 0;
        if (current()) setProgress(localId, { status: 'failed', uploadedBytes, error: failure });
      },
    );
  }

  return {
    attachFiles(picked: Iterable<UploadFile>) {
      const added = [...picked].map((file) => {
        const localId = randomId('file_');
        files.set(localId, { file });
        const type = file.type || 'application/octet-stream';
        return { localId, name: file.name, size: file.size, mediaType: type, attachment: null };
      });
      update({ attachments: [...draft().attachments, ...added] });
      for (const { localId } of added) start(localId, 0);
    },
    removeAttachment(localId: string) {
      const entry = files.get(localId);
      entry?.controller?.abort();
      files.delete(localId);
      const removed = draft().attachments.find((file) => file.localId === localId);
      update({ attachments: draft().attachments.filter((file) => file.localId !== localId) });
      setProgress(localId, null);
      // An upload aborted before the server named it is left to the server, which removes abandoned uploads.
      const id = removed?.attachment?.id ?? entry?.uploadId;
      if (id) context.transport.deleteUpload?.(id).catch(() => {});
    },
    retryAttachment(localId: string) {
      const progress = uploads.getState().uploads[localId];
      if (progress?.status === 'failed') start(localId, progress.uploadedBytes);
    },
    /** Pauses every running upload (the client is going away). */
    stop() {
      for (const entry of files.values()) entry.controller?.abort();
    },
  };
}
