import { viewerRef } from '../domain/viewer.js';
import { shapeEventForViewer } from '../events/shape-event.js';
import type { AttachmentRow } from '../store/attachment-rows.js';
import { freshKey, PEOPLE, type PersonName, type TestApp } from './test-app.js';

/** Options of `seedAttachment`. */
export interface SeedAttachmentOptions {
  readonly id?: string;
  readonly uploader?: PersonName;
  readonly name?: string;
  readonly bytes?: Uint8Array<ArrayBuffer>;
  readonly mediaType?: string;
  readonly state?: 'scanning' | 'not_scanned' | 'available' | 'blocked';
  /**
   * Send it in a new message of the uploader in this conversation, the way a send attaches files (leave it out
   * for an upload not sent yet).
   */
  readonly sentIn?: string | undefined;
  /** Send it in an internal note (with `sentIn`; the uploader should be a member). */
  readonly internal?: boolean;
}

/**
 * Puts a finished file straight into a test app's store and blob store, the way an upload leaves it, without
 * going through tus (for tests of what happens after an upload); with `sentIn`, sends it in a new message
 * through the store's `insertMessage`, the one way files are attached, before its scan verdict.
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
  if (options.sentIn !== undefined) {
    const { attachments } = await test.store.insertMessage(
      {
        id: `msg_${crypto.randomUUID().replace(/-/g, '')}`,
        conversationId: options.sentIn,
        firmId: person.firm,
        author: { kind: person.role, id: person.sub },
        body: 'The file is attached.',
        internal: options.internal ?? false,
        idempotencyKey: freshKey(),
        createdAt: now.toISOString(),
      },
      { attachments: { ids: [id], attachedAt: now.toISOString() } },
    );
    if (attachments.length !== 1) throw new Error('The attachment was not sent');
  }
  if (state === 'available' || state === 'blocked') await test.store.finishAttachmentScan(id, state);
  const row = await test.store.getAttachment(id);
  if (!row) throw new Error('The attachment was not seeded');
  return row;
}

/** The events `person` gets when their stream catches up from `after`, shaped for them as their stream shapes them. */
export async function eventsFor(test: TestApp, person: PersonName, after: number) {
  const viewer = await test.viewer(person);
  const rows = await test.store.listEventsSince(after, {
    firmId: viewer.firm.id,
    viewer: viewerRef(viewer),
    limit: 100,
  });
  return rows.flatMap((row) => shapeEventForViewer(row, viewer) ?? []);
}
