import { AttachmentNameSchema } from '@confide/protocol';
import { fileTypeFromBuffer } from 'file-type';
import type { DomainContext } from '../domain/context.js';
import { viewerRef } from '../domain/viewer.js';
import { ApiError, notFound } from '../errors/api-error.js';
import { errorResponse } from '../http/error-response.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import { isUploader } from './attachment-access.js';
import type { AttachmentSettings } from './attachment-settings.js';
import type { BlobStore } from './blob-store.js';
import { completeUpload } from './complete-upload.js';
import { allowedTypesFor } from './firm-allow-list.js';
import type { UploadHandler } from './upload-handler.js';
import { uploadIdOf, uploadLocation } from './upload-location.js';

/** Options of `createMemoryUploads`. */
export interface MemoryUploadsOptions {
  /** Where finished files go; give `createApp` the same one. */
  readonly blobStore: BlobStore;
  /** Limits and the allow-list; give `createApp` the same ones. */
  readonly settings: AttachmentSettings;
}

const TUS_HEADERS = { 'Tus-Resumable': '1.0.0', 'Cache-Control': 'no-store' } as const;
// The same text rule as the Node entry's byte inspector: markup or a script, or control characters, is not text.
const MARKUP_OR_SCRIPT_START = /^(?:<|#!)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

function isPlainText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return !BINARY_CONTROL.test(text) && !MARKUP_OR_SCRIPT_START.test(text.trimStart());
  } catch {
    return false;
  }
}

/** The type from the bytes (`file-type`), or plain text/CSV for text; the name only picks between those two. */
async function decideMediaType(bytes: Uint8Array, name: string): Promise<string> {
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime;
  if (sniffed !== undefined) return sniffed;
  if (!isPlainText(bytes)) return 'application/octet-stream';
  return name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
}

/** tus's `Upload-Metadata`: comma-separated `key base64(value)` pairs. */
function readMetadata(header: string | null): Record<string, string> {
  const pairs = (header ?? '').split(',').map((pair) => pair.trim().split(' '));
  return Object.fromEntries(
    pairs
      .filter(([key]) => key)
      .map(([key, value = '']) => {
        const binary = atob(value);
        return [key, new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))];
      }),
  );
}

function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return crypto.subtle
    .digest('SHA-256', bytes)
    .then((digest) => [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join(''));
}

function answer(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { ...TUS_HEADERS, ...headers } });
}

/**
 * The tus resumable-upload protocol (creation, `HEAD` offset, `PATCH` append, `DELETE` termination) over memory,
 * with only web-standard APIs, so the mocks serve uploads in a browser or Node without a disk. The rules are
 * the Node handler's: an upload is its creator's, sizes are limited, the type is decided from the bytes against
 * the allow-list, and a finished file is `not_scanned` (there is no scanner).
 */
export function createMemoryUploads(options: MemoryUploadsOptions): UploadHandler {
  const { blobStore, settings } = options;
  // Plain arrays and streams, not `Blob`: a host's jsdom test environment replaces `Blob` with one that has neither
  // `arrayBuffer()` nor `stream()`.
  const staged = new Map<string, Uint8Array<ArrayBuffer>[]>();
  const offsetOf = (id: string) => (staged.get(id) ?? []).reduce((sum, chunk) => sum + chunk.byteLength, 0);

  async function create(
    request: Request,
    context: DomainContext,
    viewer: Parameters<UploadHandler>[0]['viewer'],
  ) {
    const length = request.headers.get('upload-length') ?? '';
    if (!/^\d+$/.test(length)) {
      throw new ApiError('invalid_input', 'The request is invalid', {
        issues: [{ path: ['Upload-Length'], message: 'The size of the file must be given' }],
      });
    }
    if (Number(length) > settings.maxUploadBytes) {
      throw new ApiError('payload_too_large', `Files may be at most ${settings.maxUploadBytes} bytes`, {
        reason: 'file_too_large',
      });
    }
    const name = AttachmentNameSchema.safeParse(
      readMetadata(request.headers.get('upload-metadata')).filename,
    );
    if (!name.success) {
      throw new ApiError('invalid_input', 'The request is invalid', {
        issues: [
          { path: ['metadata', 'filename'], message: name.error.issues[0]?.message ?? 'Invalid name' },
        ],
      });
    }
    const now = context.clock.now();
    const id = context.createId('att');
    await context.store.insertAttachment({
      id,
      firmId: viewer.firm.id,
      uploader: viewerRef(viewer),
      name: name.data,
      size: Number(length),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + settings.uploadExpiryMs).toISOString(),
    });
    staged.set(id, []);
    return answer(201, { Location: uploadLocation(id), 'Upload-Offset': '0' });
  }

  async function discard(id: string, context: DomainContext) {
    staged.delete(id);
    await blobStore.delete(id);
    await context.store.deleteUnattachedUpload(id);
  }

  async function finish(row: AttachmentRow, context: DomainContext) {
    const { id } = row;
    const bytes = joinChunks(staged.get(id) ?? []);
    const mediaType = await decideMediaType(bytes, row.name);
    if (!(await allowedTypesFor(context.store, settings, row.firmId)).has(mediaType)) {
      await discard(id, context);
      throw new ApiError('type_not_allowed', 'Files of this type are not accepted', { reason: mediaType });
    }
    await blobStore.put(id, streamOf(bytes));
    staged.delete(id);
    const sha256 = await sha256Hex(bytes);
    await completeUpload(
      context,
      row,
      { size: bytes.byteLength, mediaType, sha256, state: 'not_scanned' },
      settings,
    );
  }

  async function append(request: Request, row: AttachmentRow, context: DomainContext) {
    const { id, size } = row;
    if (request.headers.get('content-type') !== 'application/offset+octet-stream') {
      return errorResponse(new ApiError('invalid_input', 'tus chunks are application/offset+octet-stream'), {
        'Tus-Resumable': '1.0.0',
      });
    }
    const offset = offsetOf(id);
    if (request.headers.get('upload-offset') !== String(offset)) {
      return errorResponse(new ApiError('conflict', 'Upload-Offset does not match the bytes received'), {
        'Tus-Resumable': '1.0.0',
      });
    }
    const chunk = new Uint8Array(await request.arrayBuffer());
    if (offset + chunk.byteLength > size) {
      throw new ApiError('payload_too_large', 'More bytes than the upload announced', {
        reason: 'file_too_large',
      });
    }
    staged.get(id)?.push(chunk);
    if (offset + chunk.byteLength === size) await finish(row, context);
    return answer(204, { 'Upload-Offset': String(offset + chunk.byteLength) });
  }

  return async ({ request, viewer, context }) => {
    try {
      const id = uploadIdOf(request.url);
      if (id === undefined) return errorResponse(notFound('Upload'));
      if (id === null) {
        if (request.method === 'POST') return await create(request, context, viewer);
        return errorResponse(notFound('Route'));
      }
      const row = await context.store.getAttachment(id);
      // Someone else's upload answers exactly like a missing one.
      if (!row || !isUploader(row, viewer)) return errorResponse(notFound('Upload'));
      if (request.method === 'DELETE') {
        if (row.messageId !== null) {
          throw new ApiError('attachment_unavailable', 'A sent file is a record and stays', {
            reason: 'already_attached',
          });
        }
        await discard(row.id, context);
        return answer(204);
      }
      const uploading = row.state === 'uploading' && staged.has(row.id);
      if (request.method === 'HEAD') {
        const offset = uploading ? offsetOf(row.id) : row.size;
        return answer(200, { 'Upload-Offset': String(offset), 'Upload-Length': String(row.size) });
      }
      if (request.method !== 'PATCH') return errorResponse(notFound('Route'));
      if (!uploading) {
        throw new ApiError('attachment_unavailable', 'The upload has already finished', {
          reason: 'complete',
        });
      }
      return await append(request, row, context);
    } catch (error) {
      if (ApiError.is(error)) return errorResponse(error, { 'Tus-Resumable': '1.0.0' });
      throw error;
    }
  };
}

function joinChunks(chunks: readonly Uint8Array<ArrayBuffer>[]): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

function streamOf(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
