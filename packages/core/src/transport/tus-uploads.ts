import { type AttachmentId, UPLOADS_PATH } from '@confide/protocol';
import type { DetailedError, HttpRequest, HttpStack, UploadOptions } from 'tus-js-client';
import { ConfideError, toConfideError } from '../errors/confide-error.js';
import { absoluteUrl } from '../lib/absolute-url.js';
import { type TokenReason, tokenFor } from './http-client.js';
import { errorFromResponse } from './http-error.js';
import type { HttpTransportOptions } from './http-transport.js';
import type { UploadFile, UploadFileOptions } from './transport.js';

// tus-js-client (with its URL and base64 helpers, about a third of the SDK) loads with the first upload, so a page
// where nobody attaches a file never downloads it; bundlers split a dynamic import into its own chunk.
const loadTus = () => import('tus-js-client');

/**
 * Removes what tus-js-client kept in localStorage for uploads to `endpoint` before `storeFingerprintForResuming` was
 * turned off (each started file's name and upload URL); every other key stays, a host's own tus uploads included.
 * Its keys are `tus::<fingerprint>::<number>`, the fingerprint ending with `-<endpoint>` (tus-js-client 4's
 * lib/browser/urlStorage.js and fileSignature.js).
 */
function forgetStoredUploads(endpoint: string): void {
  try {
    const storage = globalThis.localStorage;
    // Keys are collected first: removing one renumbers the rest.
    const keys = Array.from({ length: storage?.length ?? 0 }, (_, index) => storage.key(index) ?? '');
    for (const key of keys)
      if (key.startsWith('tus::') && key.slice(0, key.lastIndexOf('::')).endsWith(`-${endpoint}`))
        storage.removeItem(key);
  } catch {
    // A sandboxed frame or a privacy mode refuses storage: then tus-js-client could not have written there either.
  }
}

/** Options of `createTusUploads`. */
export interface TusUploadsOptions extends Pick<HttpTransportOptions, 'baseUrl' | 'getToken'> {
  /** A custom fetch: uploads then go through it in chunks of `chunkSizeBytes`; without one, tus-js-client's own stack. */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Bytes per `PATCH` over a custom fetch (progress is reported per chunk). @default 5 MiB */
  readonly chunkSizeBytes?: number | undefined;
  /** Waits before each automatic retry of a failed request, in milliseconds. @default [0, 1000, 3000, 5000] */
  readonly retryDelaysMs?: readonly number[] | undefined;
}

/** Bytes per tus `PATCH` over a custom fetch: progress per chunk, and a dropped connection loses at most one. */
export const FETCH_UPLOAD_CHUNK_BYTES = 5 * 1024 * 1024;
const RETRY_DELAYS_MS = [0, 1_000, 3_000, 5_000];
// Statuses worth another attempt: no answer at all, server trouble, rate limits, and tus's offset conflicts
// (the retry asks the server for its offset first).
const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 409, 423, 429]);

/** tus-js-client's `HttpStack` over fetch, for hosts (and the mocks) that hand the transport their own fetch. */
function fetchHttpStack(fetch: typeof globalThis.fetch): HttpStack {
  return {
    getName: () => 'confide-fetch',
    createRequest(method, url): HttpRequest {
      const headers: Record<string, string> = {};
      const controller = new AbortController();
      let onProgress: (bytesSent: number) => void = () => {};
      return {
        getMethod: () => method,
        getURL: () => url,
        setHeader: (name, value) => {
          headers[name] = value;
        },
        getHeader: (name) => headers[name],
        setProgressHandler: (handler) => {
          onProgress = handler;
        },
        async send(body?: Blob | null) {
          const response = await fetch(url, {
            method,
            headers,
            body: body ?? null,
            signal: controller.signal,
          });
          const text = await response.text();
          if (body) onProgress(body.size);
          return {
            getStatus: () => response.status,
            getHeader: (name) => response.headers.get(name) ?? undefined,
            getBody: () => text,
            getUnderlyingObject: () => response,
          };
        },
        abort: async () => controller.abort(),
        getUnderlyingObject: () => controller,
      };
    },
  };
}

// tus-js-client's Node build reads only Buffers and streams; a web Blob (what `File` is) works everywhere.
const blobReader: NonNullable<UploadOptions['fileReader']> = {
  openFile: async (file: Blob) => ({
    size: file.size,
    slice: async (start, end) => ({ value: file.slice(start, end), done: end >= file.size }),
    close: () => {},
  }),
};

function uploadError(error: unknown): ConfideError {
  const { originalResponse, causingError } = error as Partial<DetailedError>;
  if (!originalResponse) {
    // tus-js-client wraps what `onBeforeRequest` threw (no token) in its own error.
    const known = [error, causingError].find(ConfideError.is);
    return (
      known ?? new ConfideError('network', 'The upload failed before an answer arrived', { cause: error })
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(originalResponse.getBody());
  } catch {
    body = undefined;
  }
  const retryAfter = originalResponse.getHeader('retry-after');
  const headers = new Headers(retryAfter ? { 'retry-after': retryAfter } : undefined);
  return errorFromResponse({ status: originalResponse.getStatus(), headers }, body);
}

/**
 * Resumable uploads with tus-js-client: the bearer token from `getToken` on every request (asked again once after
 * a 401), automatic retries that continue from the server's offset, and resumption of a paused or failed upload
 * of the same `File` object in this page. Nothing is kept in the browser's storage: a file picked again after a
 * reload uploads from the start (resuming by a fingerprint of the file would hand one person's upload to the next).
 */
export function createTusUploads(options: TusUploadsOptions) {
  // tus-js-client resolves the upload's `Location` against the endpoint, which needs a full URL.
  const endpoint = absoluteUrl(options.baseUrl, UPLOADS_PATH);
  // Uploads of this page by file until the transport forgets them, so a retry continues where the last attempt stopped.
  const unfinished = new WeakMap<Blob, string>();
  let storageCleared = false;
  // Leftovers of earlier versions go when the tus part first loads: tus-js-client's browser build looks at
  // localStorage then anyway, and a client that never uploads does not touch a storage the host did not give it.
  const tus = () => {
    if (!storageCleared) forgetStoredUploads(endpoint);
    storageCleared = true;
    return loadTus();
  };

  function tusOptions(): UploadOptions {
    let reason: TokenReason = 'initial';
    let refreshed = false;
    return {
      endpoint,
      retryDelays: [...(options.retryDelaysMs ?? RETRY_DELAYS_MS)],
      // Resume URLs live only in this page (`unfinished`): tus-js-client would keep them, with the file's name, in
      // localStorage by a fingerprint of the file alone, so on a shared device the next person picking the same
      // file would resume the previous person's upload, and the name would outlive signing out.
      storeFingerprintForResuming: false,
      fileReader: blobReader,
      ...(options.fetch
        ? {
            httpStack: fetchHttpStack(options.fetch),
            chunkSize: options.chunkSizeBytes ?? FETCH_UPLOAD_CHUNK_BYTES,
          }
        : {}),
      async onBeforeRequest(request) {
        const asked = reason;
        // Only the request that follows a 401 asks for a new token.
        reason = 'initial';
        request.setHeader('Authorization', `Bearer ${await tokenFor(options.getToken, asked)}`);
      },
      onShouldRetry(error) {
        if (ConfideError.is(error.causingError)) return error.causingError.retryable;
        const status = error.originalResponse?.getStatus();
        if (status === 401 && !refreshed) {
          refreshed = true;
          reason = 'unauthenticated';
          return true;
        }
        return status === undefined || status >= 500 || RETRY_STATUSES.has(status);
      },
    };
  }

  return {
    /** Uploads `file`; resolves with the upload's id once the server has every byte and accepted the type. */
    async upload(file: UploadFile, uploadOptions: UploadFileOptions = {}): Promise<AttachmentId> {
      const { signal, onProgress, onCreated } = uploadOptions;
      const { Upload } = await tus();
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(toConfideError(signal.reason));
        const idOf = (url: string) => decodeURIComponent(url.split('/').at(-1) ?? '') as AttachmentId;
        const upload = new Upload(file, {
          ...tusOptions(),
          uploadUrl: unfinished.get(file) ?? null,
          metadata: { filename: file.name, filetype: file.type || 'application/octet-stream' },
          onUploadUrlAvailable() {
            if (!upload.url) return;
            unfinished.set(file, upload.url);
            onCreated?.(idOf(upload.url));
          },
          onProgress: (sent) => onProgress?.(sent),
          onSuccess() {
            signal?.removeEventListener('abort', pause);
            resolve(idOf(upload.url ?? ''));
          },
          onError(error) {
            signal?.removeEventListener('abort', pause);
            reject(uploadError(error));
          },
        });
        // Aborting pauses: the server keeps the bytes, and the same file continues from there next time.
        const pause = () => {
          void upload.abort(false);
          reject(new ConfideError('aborted', 'The upload was paused', { retryable: true }));
        };
        signal?.addEventListener('abort', pause, { once: true });
        if (!signal?.aborted) upload.start();
      });
    },
    /**
     * Forgets `file`'s finished upload. Until then, uploading the same file again only asks the server for its offset,
     * so a retry after the upload's answer was lost does not send the bytes again.
     */
    forget(file: UploadFile): void {
      unfinished.delete(file);
    },
    /** Stops an upload for good or removes a finished one that was not sent (`DELETE` on the upload). */
    async remove(id: AttachmentId): Promise<void> {
      try {
        const { Upload } = await tus();
        await Upload.terminate(`${endpoint}/${encodeURIComponent(id)}`, tusOptions());
      } catch (error) {
        throw uploadError(error);
      }
    },
  };
}
