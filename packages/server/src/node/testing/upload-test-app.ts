import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import * as tus from 'tus-js-client';
import { type AttachmentSettings, resolveAttachmentSettings } from '../../attachments/attachment-settings.js';
import type { BlobStore } from '../../attachments/blob-store.js';
import type { MalwareScanner } from '../../attachments/malware-scanner.js';
import type { AppEnv } from '../../routes/register-routes.js';
import { createTestApp, type PersonName } from '../../testing/test-app.js';
import { createFolderBlobStore } from '../blob/folder-blob-store.js';
import { createTusUploads } from '../uploads/tus-uploads.js';

/** Options of `startUploadTestApp`. */
export interface UploadTestAppOptions {
  readonly settings?: AttachmentSettings;
  readonly scanner?: MalwareScanner;
  readonly blobStore?: BlobStore;
  /**
   * Serve the app under a path prefix (`/confide`): mounted there (`mount`: the app sees the prefix), or behind a
   * proxy that strips it (`proxy`: the app never sees it). `url` stays the origin; clients add the prefix.
   */
  readonly prefix?: { readonly path: string; readonly by: 'mount' | 'proxy' };
}

/** The fetch handler that serves `app` as `prefix` says. */
function servedFetch(app: Hono<AppEnv>, prefix: UploadTestAppOptions['prefix']): Hono<AppEnv>['fetch'] {
  if (!prefix) return app.fetch;
  if (prefix.by === 'mount') return new Hono<AppEnv>().route(prefix.path, app).fetch;
  return (request, env) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${prefix.path}/`))
      return new Response('Not behind the proxy', { status: 404 });
    url.pathname = url.pathname.slice(prefix.path.length);
    const init = { method: request.method, headers: request.headers, body: request.body, duplex: 'half' };
    return app.fetch(new Request(url, init as RequestInit), env);
  };
}

/**
 * The seeded test app with real tus uploads (staging and files in a temporary folder), served over HTTP on
 * 127.0.0.1 so tus-js-client can talk to it as a browser would.
 */
export async function startUploadTestApp(options: UploadTestAppOptions = {}) {
  const directory = await mkdtemp(join(tmpdir(), 'confide-uploads-'));
  const settings = options.settings ?? resolveAttachmentSettings({ maxUploadBytes: 8 * 1024 * 1024 });
  const blobStore = options.blobStore ?? (await createFolderBlobStore(join(directory, 'files')));
  const scanErrors: unknown[] = [];
  const uploads = await createTusUploads({
    stagingDirectory: join(directory, 'uploads'),
    blobStore,
    settings,
    scanner: options.scanner,
    onScanError: (error) => scanErrors.push(error),
  });
  const test = await createTestApp({ attachments: { blobStore, uploads: uploads.handler, settings } });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const fetch = servedFetch(test.app, options.prefix);
    const started = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Uploads `bytes` as `person` with tus-js-client; resolves with the attachment id. */
  const upload = async (
    person: PersonName,
    bytes: Uint8Array,
    name: string,
    uploadOptions: {
      readonly chunkSize?: number;
      readonly onProgress?: (sent: number, upload: tus.Upload) => void;
    } = {},
  ): Promise<string> => {
    const token = await test.tokenFor(person);
    return new Promise((resolve, reject) => {
      const upload: tus.Upload = new tus.Upload(Buffer.from(bytes), {
        endpoint: `${url}/v1/uploads`,
        headers: { Authorization: `Bearer ${token}` },
        metadata: { filename: name },
        chunkSize: uploadOptions.chunkSize ?? 1024 * 1024,
        retryDelays: [],
        onProgress: (sent) => uploadOptions.onProgress?.(sent, upload),
        onError: reject,
        onSuccess: () => resolve(String(upload.url).split('/').pop() ?? ''),
      });
      upload.start();
    });
  };

  return {
    ...test,
    url,
    uploads,
    settings,
    scanErrors,
    directory,
    upload,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** What `startUploadTestApp` resolves to. */
export type UploadTestApp = Awaited<ReturnType<typeof startUploadTestApp>>;
