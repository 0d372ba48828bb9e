import { loadAccessibleConversation } from '../domain/access.js';
import { type ViewerIdentity, viewerRef } from '../domain/viewer.js';
import { ApiError, notFound } from '../errors/api-error.js';
import type { StoreQueries } from '../store/store.js';
import { type CompletedAttachmentRow, isCompleted } from './present-attachment.js';

/** Whether `viewer` is the person who uploaded the file. */
export function isUploader(
  row: { readonly uploader: { kind: string; id: string } },
  viewer: ViewerIdentity,
): boolean {
  const person = viewerRef(viewer);
  return row.uploader.kind === person.kind && row.uploader.id === person.id;
}

/**
 * Loads a completed file that `viewer` may see: before it is sent only its uploader; once sent, whoever may see
 * its message (a client never a file of an internal note, nobody across firms). Anything else answers
 * `not_found`, like an id that does not exist; an upload still receiving bytes answers `attachment_unavailable`
 * to its uploader.
 */
export async function loadVisibleAttachment(
  store: StoreQueries,
  viewer: ViewerIdentity,
  attachmentId: string,
): Promise<CompletedAttachmentRow> {
  const row = await store.getAttachment(attachmentId);
  if (!row || row.firmId !== viewer.firm.id) throw notFound('Attachment');
  if (row.conversationId === null) {
    if (!isUploader(row, viewer)) throw notFound('Attachment');
  } else {
    await loadAccessibleConversation(store, viewer, row.conversationId).catch(() => {
      throw notFound('Attachment');
    });
    if (row.internal && viewer.kind !== 'member') throw notFound('Attachment');
  }
  if (!isCompleted(row)) {
    throw new ApiError('attachment_unavailable', 'The upload has not finished', { reason: 'incomplete' });
  }
  return row;
}

/**
 * Throws unless `viewer` may have the bytes of a file they may see: never a blocked file; a file still being
 * scanned only its uploader.
 */
export function assertDownloadable(row: CompletedAttachmentRow, viewer: ViewerIdentity): void {
  if (row.state === 'blocked') {
    throw new ApiError('attachment_blocked', 'The file was removed for a security reason');
  }
  if (row.state === 'scanning' && !isUploader(row, viewer)) {
    throw new ApiError('attachment_unavailable', 'The file is still being scanned', { reason: 'scanning' });
  }
}
