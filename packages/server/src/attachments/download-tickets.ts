import { buildPath, PREVIEW_MEDIA_TYPES, routes, type TicketPurpose } from '@confide/protocol';
import type { DomainContext } from '../domain/context.js';
import { runUnitOfWork } from '../domain/unit-of-work.js';
import { resolveViewer, type ViewerIdentity, viewerRef } from '../domain/viewer.js';
import { ApiError } from '../errors/api-error.js';
import { assertDownloadable, loadVisibleAttachment } from './attachment-access.js';
import type { CompletedAttachmentRow } from './present-attachment.js';

/** A freshly issued ticket; the token is shown once and only its hash is stored. */
export interface IssuedTicket {
  readonly ticket: string;
  readonly url: string;
  readonly expiresAt: string;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The SHA-256 of a ticket token, as stored: a leaked table does not give working tickets. */
export async function hashTicket(ticket: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(ticket));
  return toBase64Url(new Uint8Array(digest));
}

/** A redeemed ticket: the file to stream and what the ticket was for. */
export interface RedeemedTicket {
  readonly row: CompletedAttachmentRow;
  readonly purpose: TicketPurpose;
}

/**
 * Issues a single-use ticket for a file `viewer` may download, bound to them, to the file and to its purpose,
 * valid for `ttlMs`. The bearer token never goes into the URL; the ticket does, and it works once. A preview
 * ticket is only for a picture browsers draw (`attachment_unavailable`, reason `no_preview`, otherwise).
 */
export async function issueDownloadTicket(
  context: DomainContext,
  viewer: ViewerIdentity,
  attachmentId: string,
  options: { readonly ttlMs: number; readonly purpose: TicketPurpose },
): Promise<IssuedTicket> {
  const { ttlMs, purpose } = options;
  const row = await loadVisibleAttachment(context.store, viewer, attachmentId);
  assertDownloadable(row, viewer);
  if (purpose === 'preview' && !PREVIEW_MEDIA_TYPES.includes(row.mediaType)) {
    throw new ApiError('attachment_unavailable', 'This file has no preview', { reason: 'no_preview' });
  }
  const ticket = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const now = context.clock.now();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await context.store.insertDownloadTicket({
    tokenHash: await hashTicket(ticket),
    attachmentId: row.id,
    person: viewerRef(viewer),
    firmId: row.firmId,
    purpose,
    createdAt: now.toISOString(),
    expiresAt,
    usedAt: null,
  });
  return { ticket, url: buildPath(routes.downloadAttachment.path, { ticket }), expiresAt };
}

/**
 * Redeems a ticket and records it in one transaction: a download as a download row (what "downloaded by the
 * client" reads) and an audit entry, a preview as an audit entry only, since showing a thumbnail is not the client
 * taking the file. The ticket's person must still be allowed to see the file when it is redeemed (access is checked
 * again, not remembered). Returns the file to stream and the ticket's purpose.
 */
export async function redeemDownloadTicket(context: DomainContext, ticket: string): Promise<RedeemedTicket> {
  const tokenHash = await hashTicket(ticket);
  return runUnitOfWork(context, async (tx) => {
    const now = context.clock.now().toISOString();
    const redemption = await tx.redeemDownloadTicket(tokenHash, now);
    if (redemption.status === 'unknown') {
      throw new ApiError('ticket_invalid', 'The download link is not valid', { reason: 'unknown' });
    }
    if (redemption.status !== 'redeemed') {
      throw new ApiError(
        'ticket_invalid',
        'The download link was already used or has expired; ask for a new one',
        {
          reason: redemption.status,
        },
      );
    }
    const { person, firmId, attachmentId, purpose } = redemption.ticket;
    const viewer = await resolveViewer(tx, { sub: person.id, role: person.kind, firm: firmId });
    const row = await loadVisibleAttachment(tx, viewer, attachmentId);
    assertDownloadable(row, viewer);
    if (purpose === 'download') {
      await tx.insertAttachmentDownload({ attachmentId: row.id, downloader: person, at: now });
    }
    await tx.appendAudit({
      id: context.createId('aud'),
      firmId: row.firmId,
      actor: person,
      action: purpose === 'download' ? 'attachment.downloaded' : 'attachment.previewed',
      targetId: row.id,
      requestId: context.requestId,
      at: now,
    });
    return { row, purpose };
  });
}
