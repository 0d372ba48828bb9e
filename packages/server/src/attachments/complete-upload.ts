import type { DomainContext } from '../domain/context.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import type { AttachmentSettings } from './attachment-settings.js';

/** What an upload handler found out about a finished file. */
export interface FinishedFile {
  readonly size: number;
  /** Decided from the bytes. */
  readonly mediaType: string;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** `scanning` when a scanner will look at it, else `not_scanned`. */
  readonly state: 'scanning' | 'not_scanned';
}

/**
 * Records a finished upload (its bytes under the blob key of its id) and audits it, in one transaction; the file
 * may then be attached within `attachWindowMs`. Resolves with the new row, or null when it was no longer uploading.
 */
export function completeUpload(
  context: DomainContext,
  row: Pick<AttachmentRow, 'id' | 'firmId' | 'uploader'>,
  file: FinishedFile,
  settings: Pick<AttachmentSettings, 'attachWindowMs'>,
): Promise<AttachmentRow | null> {
  const now = context.clock.now();
  return context.store.transaction(async (tx) => {
    const updated = await tx.completeAttachment(row.id, {
      ...file,
      blobKey: row.id,
      completedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + settings.attachWindowMs).toISOString(),
    });
    if (!updated) return null;
    await tx.appendAudit({
      id: context.createId('aud'),
      firmId: row.firmId,
      actor: row.uploader,
      action: 'attachment.uploaded',
      targetId: row.id,
      requestId: context.requestId,
      at: now.toISOString(),
    });
    return updated;
  });
}
