import { buildPath, routes } from '@confide/protocol';
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

/**
 * Issues a single-use download ticket for a file `viewer` may download, bound to them and to the file, valid for
 * `ttlMs`. The bearer token never goes into the URL; the ticket does, and it works once.
 */
export async function issueDownloadTicket(
  context: DomainContext,
  viewer: ViewerIdentity,
  attachmentId: string,
  ttlMs: number,
): Promise<IssuedTicket> {
  const row = await loadVisibleAttachment(context.store, viewer, attachmentId);
  assertDownloadable(row, viewer);
  const ticket = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const now = context.clock.now();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await context.store.insertDownloadTicket({
    tokenHash: await hashTicket(ticket),
    attachmentId: row.id,
    person: viewerRef(viewer),
    firmId: row.firmId,
    createdAt: now.toISOString(),
    expiresAt,
    usedAt: null,
  });
  return { ticket, url: buildPath(routes.downloadAttachment.path, { ticket }), expiresAt };
}

/**
 * Redeems a ticket and records the download (a row and an audit entry) in one transaction: the ticket's person
 * must still be allowed to see the file when it is redeemed (access is checked again, not remembered). Returns
 * the file to stream.
 */
export async function redeemDownloadTicket(
  context: DomainContext,
  ticket: string,
): Promise<CompletedAttachmentRow> {
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
    const { person, firmId, attachmentId } = redemption.ticket;
    const viewer = await resolveViewer(tx, { sub: person.id, role: person.kind, firm: firmId });
    const row = await loadVisibleAttachment(tx, viewer, attachmentId);
    assertDownloadable(row, viewer);
    await tx.insertAttachmentDownload({ attachmentId: row.id, downloader: person, at: now });
    await tx.appendAudit({
      id: context.createId('aud'),
      firmId: row.firmId,
      actor: person,
      action: 'attachment.downloaded',
      targetId: row.id,
      requestId: context.requestId,
      at: now,
    });
    return row;
  });
}
