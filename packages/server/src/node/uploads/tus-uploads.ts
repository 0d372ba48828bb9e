import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AttachmentNameSchema, ERROR_STATUS, type ErrorCode, UPLOADS_PATH } from '@confide/protocol';
import { Server, type Upload } from '@tus/server';
import { isUploader } from '../../attachments/attachment-access.js';
import type { AttachmentSettings } from '../../attachments/attachment-settings.js';
import type { BlobStore } from '../../attachments/blob-store.js';
import { completeUpload } from '../../attachments/complete-upload.js';
import { allowedTypesFor } from '../../attachments/firm-allow-list.js';
import type { MalwareScanner } from '../../attachments/malware-scanner.js';
import { recordScanResult } from '../../attachments/record-scan-result.js';
import type { UploadHandler } from '../../attachments/upload-handler.js';
import { uploadIdOf, uploadLocation } from '../../attachments/upload-location.js';
import type { DomainContext } from '../../domain/context.js';
import { type ViewerIdentity, viewerRef } from '../../domain/viewer.js';
import { ApiError, notFound } from '../../errors/api-error.js';
import { errorResponse } from '../../http/error-response.js';
import type { AttachmentRow } from '../../store/attachment-rows.js';
import { decideTextType, sniffMediaType } from './decide-media-type.js';
import { type ByteReport, createByteInspector, createInspectingStream } from './inspect-bytes.js';
import { InspectingFileStore } from './inspecting-file-store.js';
import { nodeRequestOf, webStreamOfBody } from './node-request-body.js';

/** Options of `createTusUploads`. */
export interface TusUploadsOptions {
  /** Where unfinished uploads are kept (a local folder; finished files move to `blobStore`). */
  readonly stagingDirectory: string;
  readonly blobStore: BlobStore;
  readonly settings: AttachmentSettings;
  /** Scans each finished file before anyone but its sender may download it. @default none: files are `not_scanned` */
  readonly scanner?: MalwareScanner | undefined;
  /** Hears about scans that could not finish (the file stays `scanning` and is retried by `rescanStale`). */
  readonly onScanError?: ((error: unknown, attachmentId: string) => void) | undefined;
}

/** tus uploads with their housekeeping. */
export interface TusUploads {
  /** Give it to `createApp({ attachments: { uploads } })`. */
  readonly handler: UploadHandler;
  /** Removes abandoned uploads (unfinished or never attached after their deadline) with their bytes; returns how many. */
  sweep(context: DomainContext): Promise<number>;
  /** Scans again files left `scanning` for longer than `olderThanMs` (the scanner was down, or the process stopped). */
  rescanStale(context: DomainContext, olderThanMs: number): Promise<number>;
  /** Resolves once every scan started so far has finished (for tests and shutdown). */
  idle(): Promise<void>;
}

// Large reads of a staged file: fewer chunks through the streams for the same bytes.
const STAGED_READ_CHUNK_BYTES = 1024 * 1024;

const readStaged = (path: string) =>
  Readable.toWeb(
    createReadStream(path, { highWaterMark: STAGED_READ_CHUNK_BYTES }),
  ) as ReadableStream<Uint8Array>;

/** Inspects a staged file in one read (when its requests' writes could not inspect it on the way in). */
async function inspectFile(path: string): Promise<ByteReport> {
  const inspector = createByteInspector();
  for await (const chunk of createReadStream(path, { highWaterMark: STAGED_READ_CHUNK_BYTES })) {
    inspector.update(chunk as Buffer);
  }
  return inspector.finish();
}

/** A PATCH whose bytes come straight from Node's request stream where there is one (see `webStreamOfBody`). */
function withNodeBody(request: Request, runtime: unknown): Request {
  const incoming = request.method === 'PATCH' ? nodeRequestOf(runtime) : undefined;
  if (!incoming) return request;
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: webStreamOfBody(incoming),
    duplex: 'half',
  } as RequestInit);
}

interface RequestState {
  readonly viewer: ViewerIdentity;
  readonly context: DomainContext;
}

/** A refusal in the shape `@tus/server` turns into a response: our error envelope as the body. */
function tusError(error: ApiError): { status_code: number; body: string } {
  const details = error.details === undefined ? {} : { details: error.details };
  return {
    status_code: ERROR_STATUS[error.code],
    body: JSON.stringify({ error: { code: error.code, message: error.message, ...details } }),
  };
}

const CODE_BY_TUS_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid_input',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'attachment_unavailable',
  413: 'payload_too_large',
  415: 'type_not_allowed',
};

/** tus answers its own errors in plain text; every error leaves the server in the protocol's envelope. */
async function withEnvelope(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const text = await response.text();
  const headers = new Headers(response.headers);
  headers.set('Content-Type', 'application/json');
  headers.delete('Content-Length');
  let body = text;
  try {
    JSON.parse(text);
  } catch {
    const code = CODE_BY_TUS_STATUS[response.status] ?? 'internal';
    body = JSON.stringify({ error: { code, message: text.trim() || 'The upload request failed' } });
  }
  return new Response(body, { status: response.status, headers });
}

/**
 * Resumable uploads with tus (`@tus/server` over a staging folder): every request is the signed-in viewer's, an
 * upload belongs to its creator, its size is limited from `Upload-Length` and while it streams. When the last
 * byte arrives the type is decided from the bytes against the allow-list, the SHA-256 is computed as the file
 * streams into the blob store, and a scan starts when a scanner is configured.
 */
export async function createTusUploads(options: TusUploadsOptions): Promise<TusUploads> {
  const { blobStore, settings, scanner } = options;
  await mkdir(options.stagingDirectory, { recursive: true });
  const datastore = new InspectingFileStore({ directory: options.stagingDirectory });
  const requests = new WeakMap<Request, RequestState>();
  const scans = new Set<Promise<void>>();
  const stateOf = (request: Request): RequestState => {
    const state = requests.get(request);
    if (!state) throw new Error('An upload request arrived without its viewer');
    return state;
  };
  // The staged bytes may already be gone (adopted by the blob store); tus's own record of the upload goes anyway.
  const removeStaged = (id: string) =>
    datastore.remove(id).catch(() => datastore.configstore.delete(id).catch(() => undefined));

  const scan = (context: DomainContext, row: AttachmentRow) => {
    if (!scanner || row.blobKey === null) return;
    const blobKey = row.blobKey;
    const running = (async () => {
      try {
        const body = await blobStore.get(blobKey);
        if (!body) throw new Error('The file to scan is missing');
        await recordScanResult(context, row.id, await scanner.scan(body));
      } catch (error) {
        options.onScanError?.(error, row.id);
      }
    })();
    scans.add(running);
    void running.finally(() => scans.delete(running));
  };

  const refuseType = async (row: AttachmentRow, context: DomainContext, mediaType: string) => {
    await removeStaged(row.id);
    await blobStore.delete(row.id);
    await context.store.deleteUnattachedUpload(row.id);
    return new ApiError('type_not_allowed', 'Files of this type are not accepted', { reason: mediaType });
  };

  /**
   * Moves a finished upload into the blob store. Its bytes were usually inspected (hashed, text-checked) while the
   * upload's requests wrote them (`inspected`); otherwise they are inspected now, in the pass that stores them
   * where one is needed. A store on the same disk adopts the file (no second write); any other receives a copy.
   */
  const storeStagedFile = async (key: string, stagedPath: string, inspected: ByteReport | null) => {
    if (blobStore.adoptFile) {
      const report = inspected ?? (await inspectFile(stagedPath));
      if (!(await blobStore.adoptFile(key, stagedPath))) await blobStore.put(key, readStaged(stagedPath));
      return report;
    }
    if (inspected) {
      await blobStore.put(key, readStaged(stagedPath));
      return inspected;
    }
    const inspecting = createInspectingStream();
    await blobStore.put(key, readStaged(stagedPath).pipeThrough(inspecting.stream));
    return inspecting.report();
  };

  const finish = async (request: Request, upload: Upload) => {
    const { context } = stateOf(request);
    const row = await context.store.getAttachment(upload.id);
    if (!row) throw tusError(notFound('Upload'));
    const stagedPath = join(options.stagingDirectory, upload.id);
    // The firm's own allow-list narrows the server's (attachments/firm-allow-list.ts).
    const allowedMediaTypes = await allowedTypesFor(context.store, settings, row.firmId);
    const sniffed = await sniffMediaType(stagedPath);
    if (sniffed !== undefined && !allowedMediaTypes.has(sniffed)) {
      throw tusError(await refuseType(row, context, sniffed));
    }
    const report = await storeStagedFile(
      row.id,
      stagedPath,
      datastore.inspectionOf(upload.id, upload.offset),
    );
    const mediaType = sniffed ?? (report.text ? decideTextType(row.name) : 'application/octet-stream');
    if (!allowedMediaTypes.has(mediaType)) throw tusError(await refuseType(row, context, mediaType));
    const completed = await completeUpload(
      context,
      row,
      { size: report.size, mediaType, sha256: report.sha256, state: scanner ? 'scanning' : 'not_scanned' },
      settings,
    );
    await removeStaged(row.id);
    if (completed) scan(context, completed);
    return {};
  };

  const server = new Server({
    path: UPLOADS_PATH,
    datastore,
    maxSize: settings.maxUploadBytes,
    // Relative to the creation URL, so that a path prefix (a mount, a proxy) stays in the upload's URL.
    generateUrl: (_request, { id }) => uploadLocation(id),
    disableTerminationForFinishedUploads: true,
    namingFunction: (request) => stateOf(request).context.createId('att'),
    async onUploadCreate(request, upload) {
      const { viewer, context } = stateOf(request);
      const name = AttachmentNameSchema.safeParse(upload.metadata?.filename ?? upload.metadata?.name ?? '');
      if (!name.success) {
        throw tusError(
          new ApiError('invalid_input', 'The request is invalid', {
            issues: [
              { path: ['metadata', 'filename'], message: name.error.issues[0]?.message ?? 'Invalid name' },
            ],
          }),
        );
      }
      const now = context.clock.now();
      await context.store.insertAttachment({
        id: upload.id,
        firmId: viewer.firm.id,
        uploader: viewerRef(viewer),
        name: name.data,
        size: upload.size ?? 0,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + settings.uploadExpiryMs).toISOString(),
      });
      return { metadata: { filename: name.data } };
    },
    onUploadFinish: finish,
  });

  /** `DELETE` of an upload: cancel it while it streams, or remove a finished one that was not sent. */
  const remove = async (row: AttachmentRow, context: DomainContext) => {
    if (row.messageId !== null) {
      throw new ApiError('attachment_unavailable', 'A sent file is a record and stays', {
        reason: 'already_attached',
      });
    }
    await removeStaged(row.id);
    if (row.blobKey !== null) await blobStore.delete(row.blobKey);
    await context.store.deleteUnattachedUpload(row.id);
    return new Response(null, { status: 204, headers: { 'Tus-Resumable': '1.0.0' } });
  };

  const handler: UploadHandler = async ({ request, viewer, context, runtime }) => {
    // tus would serve the bytes on GET; files leave only through single-use download tickets.
    if (request.method === 'GET') return errorResponse(notFound('Route'));
    const id = uploadIdOf(request.url);
    if (id === undefined) return errorResponse(notFound('Upload'));
    if (id !== null) {
      const row = await context.store.getAttachment(id);
      // Someone else's upload answers exactly like a missing one.
      if (!row || !isUploader(row, viewer)) return errorResponse(notFound('Upload'));
      if (request.method === 'DELETE') return remove(row, context);
      if (row.state !== 'uploading') {
        // Finished: tell a resuming client it is complete (its staged bytes are gone), refuse more bytes.
        if (request.method === 'HEAD') {
          const size = String(row.size);
          return new Response(null, {
            status: 200,
            headers: {
              'Tus-Resumable': '1.0.0',
              'Upload-Offset': size,
              'Upload-Length': size,
              'Cache-Control': 'no-store',
            },
          });
        }
        return errorResponse(
          new ApiError('attachment_unavailable', 'The upload has already finished', { reason: 'complete' }),
        );
      }
    } else if (request.method === 'POST') {
      const length = request.headers.get('upload-length');
      if (length === null) {
        return errorResponse(
          new ApiError('invalid_input', 'The request is invalid', {
            issues: [{ path: ['Upload-Length'], message: 'The size of the file must be given' }],
          }),
        );
      }
      if (/^\d+$/.test(length) && Number(length) > settings.maxUploadBytes) {
        return errorResponse(
          new ApiError('payload_too_large', `Files may be at most ${settings.maxUploadBytes} bytes`, {
            reason: 'file_too_large',
          }),
        );
      }
    }
    const tusRequest = withNodeBody(request, runtime);
    requests.set(tusRequest, { viewer, context });
    return withEnvelope(await server.handleWeb(tusRequest));
  };

  return {
    handler,
    async sweep(context) {
      const abandoned = await context.store.listAbandonedUploads(context.clock.now().toISOString(), 100);
      let removed = 0;
      for (const row of abandoned) {
        await removeStaged(row.id);
        if (row.blobKey !== null) await blobStore.delete(row.blobKey);
        if (await context.store.deleteUnattachedUpload(row.id)) removed += 1;
      }
      return removed;
    },
    async rescanStale(context, olderThanMs) {
      const before = new Date(context.clock.now().getTime() - olderThanMs).toISOString();
      const stale = await context.store.listStaleScans(before, 100);
      for (const row of stale) scan(context, row);
      return stale.length;
    },
    async idle() {
      while (scans.size > 0) await Promise.all([...scans]);
    },
  };
}
