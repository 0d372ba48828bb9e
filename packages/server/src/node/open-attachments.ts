import { join } from 'node:path';
import type { AttachmentSettings } from '../attachments/attachment-settings.js';
import { SCAN_RETRY_AFTER_MS } from '../attachments/attachment-settings.js';
import type { BlobStore } from '../attachments/blob-store.js';
import type { DomainContext } from '../domain/context.js';
import type { AttachmentConfig } from './attachment-config.js';
import { createFolderBlobStore } from './blob/folder-blob-store.js';
import { createS3BlobStore } from './blob/s3-blob-store.js';
import { createClamdScanner } from './uploads/clamd-scanner.js';
import { createTusUploads, type TusUploads } from './uploads/tus-uploads.js';

/** How often abandoned uploads are removed and stalled scans retried. */
export const ATTACHMENT_HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;

/** Files as the server process runs them. */
export interface OpenAttachments {
  readonly settings: AttachmentSettings;
  readonly blobStore: BlobStore;
  readonly uploads: TusUploads;
  /** Starts the periodic sweep of abandoned uploads and the retry of stalled scans. */
  startHousekeeping(createContext: () => DomainContext, onError: (error: unknown) => void): void;
  /** Stops the housekeeping and waits for scans in flight. */
  close(): Promise<void>;
}

/**
 * Opens file storage for the server: S3 when configured, else `<dataDir>/files`; unfinished uploads in
 * `<dataDir>/uploads`; ClamAV when `CONFIDE_CLAMAV` is set.
 */
export async function openAttachments(
  config: AttachmentConfig,
  dataDir: string,
  onScanError: (error: unknown, attachmentId: string) => void,
): Promise<OpenAttachments> {
  const blobStore = config.s3
    ? createS3BlobStore(config.s3)
    : await createFolderBlobStore(join(dataDir, 'files'));
  const uploads = await createTusUploads({
    stagingDirectory: join(dataDir, 'uploads'),
    blobStore,
    settings: config.settings,
    scanner: config.clamav ? createClamdScanner(config.clamav) : undefined,
    onScanError,
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    settings: config.settings,
    blobStore,
    uploads,
    startHousekeeping(createContext, onError) {
      const run = async () => {
        const context = createContext();
        await uploads.sweep(context);
        await uploads.rescanStale(context, SCAN_RETRY_AFTER_MS);
      };
      timer = setInterval(() => void run().catch(onError), ATTACHMENT_HOUSEKEEPING_INTERVAL_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await uploads.idle();
    },
  };
}
