import { loadVisibleAttachment } from '../attachments/attachment-access.js';
import { attachmentContentDisposition } from '../attachments/content-disposition.js';
import { issueDownloadTicket, redeemDownloadTicket } from '../attachments/download-tickets.js';
import { presentAttachment } from '../attachments/present-attachment.js';
import { viewerAudience } from '../domain/viewer.js';
import { ApiError, notFound } from '../errors/api-error.js';
import type { RouteHandlers } from './route-handler.js';

// A downloaded file is never rendered by the browser as a page of ours: no scripts, no plugins, no same-origin.
const DOWNLOAD_CSP = "default-src 'none'; sandbox";

/** Handlers of the upload, attachment and download routes. */
export const attachmentRouteHandlers = {
  async createUpload({ viewer, context, services, request, hono }) {
    const { uploads } = services.attachments;
    if (!uploads) throw new ApiError('not_found', 'Uploads are not enabled on this server');
    return uploads({ request, viewer, context, runtime: hono.env });
  },
  async getAttachment({ viewer, params, context }) {
    const row = await loadVisibleAttachment(context.store, viewer, params.id);
    const downloads =
      viewer.kind === 'member' ? await context.store.firstClientDownloads([row.id]) : new Map();
    return presentAttachment(row, viewerAudience(viewer), downloads.get(row.id) ?? null);
  },
  async createDownloadTicket({ viewer, params, query, context, services }) {
    return issueDownloadTicket(context, viewer, params.id, {
      ttlMs: services.attachments.settings.downloadTicketTtlMs,
      purpose: query.purpose ?? 'download',
    });
  },
  async downloadAttachment({ params, context, services }) {
    const { row, purpose } = await redeemDownloadTicket(context, params.ticket);
    const body = row.blobKey === null ? null : await services.attachments.blobStore.get(row.blobKey);
    if (!body) throw notFound('File');
    const textual = row.mediaType.startsWith('text/');
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': textual ? `${row.mediaType}; charset=utf-8` : row.mediaType,
        'Content-Length': String(row.size),
        'Content-Disposition': attachmentContentDisposition(row.name, purpose),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': DOWNLOAD_CSP,
        'Cache-Control': 'private, no-store',
        // The ticket is in the URL: never pass it on.
        'Referrer-Policy': 'no-referrer',
      },
    });
  },
} satisfies Partial<RouteHandlers>;
