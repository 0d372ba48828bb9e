import type { AttachmentRow } from '../store/attachment-rows.js';
import { PEOPLE, type PersonName, type TestApp } from './test-app.js';

/** Options of `seedAttachment`. */
export interface SeedAttachmentOptions {
  readonly id?: string;
  readonly uploader?: PersonName;
  readonly name?: string;
  readonly bytes?: Uint8Array<ArrayBuffer>;
  readonly mediaType?: string;
  readonly state?: 'scanning' | 'not_scanned' | 'available' | 'blocked';
  /** Attach it to this message of `conversationId`; leave both out for an unattached upload. */
  readonly conversationId?: string | undefined;
  readonly messageId?: string | undefined;
  readonly internal?: boolean;
}

/**
 * Puts a finished file straight into a test app's store and blob store, the way an upload leaves it, without
 * going through tus (for tests of what happens after an upload).
 */
export async function seedAttachment(
  test: TestApp,
  options: SeedAttachmentOptions = {},
): Promise<AttachmentRow> {
  const id = options.id ?? `att_${crypto.randomUUID().replace(/-/g, '')}`;
  const person = PEOPLE[options.uploader ?? 'client'];
  const bytes = options.bytes ?? new TextEncoder().encode('Passport scan\n');
  const now = test.clock.now();
  const blobStore = test.blobStore;
  await blobStore.put(id, new Response(bytes).body ?? new ReadableStream());
  await test.store.insertAttachment({
    id,
    firmId: person.firm,
    uploader: { kind: person.role, id: person.sub },
    name: options.name ?? 'passport.txt',
    size: bytes.byteLength,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 60_000).toISOString(),
  });
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const state = options.state ?? 'not_scanned';
  await test.store.completeAttachment(id, {
    size: bytes.byteLength,
    mediaType: options.mediaType ?? 'text/plain',
    sha256: Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join(''),
    state: state === 'not_scanned' ? 'not_scanned' : 'scanning',
    blobKey: id,
    completedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 24 * 3_600_000).toISOString(),
  });
  if (state === 'available' || state === 'blocked') await test.store.finishAttachmentScan(id, state);
  if (options.conversationId !== undefined && options.messageId !== undefined) {
    await test.store.attachAttachment(id, {
      conversationId: options.conversationId,
      messageId: options.messageId,
      position: 0,
      internal: options.internal ?? false,
      attachedAt: now.toISOString(),
    });
  }
  const row = await test.store.getAttachment(id);
  if (!row) throw new Error('The attachment was not seeded');
  return row;
}
