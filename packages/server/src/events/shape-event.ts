import { ServerEventSchema } from '@confide/protocol';
import type { ViewerIdentity } from '../domain/viewer.js';
import type { WireServerEvent } from '../domain/wire.js';
import type { Audience, EventRow } from '../store/rows.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A client's copy of a file: never one of an internal note, never its SHA-256 or the firm's download record. */
function clientFile(file: unknown): Record<string, unknown> | null {
  if (!isRecord(file) || file.internal !== false) return null;
  const { sha256: _firmOnly, clientDownloadedAt: _alsoFirmOnly, ...visible } = file;
  return visible;
}

/** A client's copy of a message: never an internal note; its files as `clientFile`. */
function clientMessage(message: Record<string, unknown>): Record<string, unknown> | null {
  if (message.internal !== false) return null;
  if (!Array.isArray(message.attachments)) return message;
  const files = message.attachments.map(clientFile).filter((file) => file !== null);
  const { attachments: _all, ...rest } = message;
  return files.length > 0 ? { ...rest, attachments: files } : rest;
}

/** A client's copy of an event's data: no read receipts of the firm, no firm-only file details, never an internal note. */
function clientData(event: EventRow): unknown {
  if (!isRecord(event.payload)) return event.payload;
  let data: Record<string, unknown> = event.payload;
  if ('attachment' in data) {
    const attachment = clientFile(data.attachment);
    if (attachment === null) return null;
    data = { ...data, attachment };
  }
  if (isRecord(data.message)) {
    const message = clientMessage(data.message);
    if (message === null) return null;
    data = { ...data, message };
  }
  if (isRecord(data.conversation)) {
    const { clientRead: _firmOnly, ...visible } = data.conversation;
    data = { ...data, conversation: visible };
  }
  return data;
}

/**
 * Turns a stored event into the protocol event one viewer receives, or `null` when it must not reach them. The
 * store already filtered by audience; this is the second line of defence for clients, and every event goes
 * through `ServerEventSchema` before it is sent.
 */
export function shapeEventForViewer(event: EventRow, viewer: ViewerIdentity): WireServerEvent | null {
  // Notifications are a member's own: never a client's, and never another member's.
  if (event.type.startsWith('notification.')) {
    if (viewer.kind !== 'member' || !event.audience.memberIds.includes(viewer.member.id)) return null;
  }
  return shapeEvent(event, viewer.kind === 'client' ? 'client' : 'firm');
}

/** `shapeEventForViewer` for everyone of one audience: the event hub shapes each event once per audience. */
export function shapeEvent(event: EventRow, audience: Audience): WireServerEvent | null {
  if (audience === 'client' && event.type.startsWith('notification.')) return null;
  const data = audience === 'client' ? clientData(event) : event.payload;
  if (data === null) return null;
  const parsed = ServerEventSchema.safeParse({ id: String(event.seq), type: event.type, data });
  return parsed.success ? parsed.data : null;
}
