import type { DomainContext } from '../domain/context.js';
import { runUnitOfWork } from '../domain/unit-of-work.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import { notifyAttachmentBlocked } from './blocked-attachment.js';

/** What the malware scanner said about a file. */
export type ScanVerdict = { readonly clean: true } | { readonly clean: false; readonly signature: string };

/**
 * Records a scan's verdict on a file that is `scanning`: `available`, or `blocked` with an audit entry and, when
 * the file was already sent, an in-app notification to the firm's owner and admins (a file blocked before it is
 * sent notifies them when it is attached). Returns the new row, or null when the file was not waiting for a scan.
 */
export async function recordScanResult(
  context: DomainContext,
  attachmentId: string,
  verdict: ScanVerdict,
): Promise<AttachmentRow | null> {
  return runUnitOfWork(context, async (tx, emit) => {
    const row = await tx.finishAttachmentScan(attachmentId, verdict.clean ? 'available' : 'blocked');
    if (!row || verdict.clean) return row;
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
