import type { DomainContext } from '../domain/context.js';
import { runUnitOfWork } from '../domain/unit-of-work.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import { announceFile, announceUpload } from './attach-uploads.js';
import { notifyAttachmentBlocked } from './blocked-attachment.js';

/** What the malware scanner said about a file. */
export type ScanVerdict = { readonly clean: true } | { readonly clean: false; readonly signature: string };

/**
 * Records a scan's verdict on a file that is `scanning`: `available`, or `blocked` with an audit entry. When the
 * file was already sent, everyone who may see it hears of the new state (`attachment.updated`; an internal note's
 * file: the firm only) and, when blocked, the firm's owner and admins get an in-app notification. A file not sent
 * yet has no conversation to route by: only its uploader hears of it (`attachment.updated` with `conversationId`
 * null), since nobody else may see it before it is sent. Returns the new row, or null when the file was not waiting
 * for a scan.
 */
export async function recordScanResult(
  context: DomainContext,
  attachmentId: string,
  verdict: ScanVerdict,
): Promise<AttachmentRow | null> {
  return runUnitOfWork(context, async (tx, emit) => {
    const row = await tx.finishAttachmentScan(attachmentId, verdict.clean ? 'available' : 'blocked');
    if (!row) return row;
    if (row.conversationId !== null && row.messageId !== null) {
      const conversation = await tx.getConversation(row.conversationId);
      if (conversation) await announceFile(tx, emit, conversation, row);
    } else {
      announceUpload(emit, row);
    }
    if (verdict.clean) return row;
    await tx.appendAudit({
      id: context.createId('aud'),
      firmId: row.firmId,
      actor: row.uploader,
      action: 'attachment.blocked',
      targetId: row.id,
      requestId: context.requestId,
      at: context.clock.now().toISOString(),
    });
    await notifyAttachmentBlocked(tx, emit, context, row);
    return row;
  });
}
