import {
  buildPath,
  CreateDownloadTicketResponseSchema,
  DevTokenResponseSchema,
  ListMessagesResponseSchema,
  type Message,
  routes,
  SendMessageResponseSchema,
  UPLOADS_PATH,
} from '@confide/protocol';
import type { Person } from './people.js';

/**
 * The API calls the fault tests make against a server of their own (`api` is its address), as a person's app
 * makes them: dev tokens, sends with a chosen idempotency key, the thread, tus upload requests, downloads.
 */

/** The tus protocol version every upload request names. */
const TUS_HEADERS = { 'tus-resumable': '1.0.0' };

/** A dev-mode bearer token for `person` from the server at `api`. */
export async function tokenAt(api: string, person: Person): Promise<string> {
  const response = await fetch(`${api}${routes.issueDevToken.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email }),
  });
  if (!response.ok) throw new Error(`No dev token for ${person.email}: ${response.status}`);
  return DevTokenResponseSchema.parse(await response.json()).token;
}

/** Sends `body` in a conversation with the given idempotency key; resolves to the message the server answered. */
export async function sendWithKey(
  api: string,
  token: string,
  conversationId: string,
  body: string,
  idempotencyKey: string,
  attachmentIds: readonly string[] = [],
): Promise<Message> {
  const files = attachmentIds.length === 0 ? {} : { attachmentIds };
  const response = await fetch(`${api}${buildPath(routes.sendMessage.path, { id: conversationId })}`, {
    method: routes.sendMessage.method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body, idempotencyKey, ...files }),
  });
  if (!response.ok) throw new Error(`Send answered ${response.status}: ${await response.text()}`);
  return SendMessageResponseSchema.parse(await response.json());
}

/** The newest messages of a conversation (one page of 100), newest first. */
export async function messagesAt(
  api: string,
  token: string,
  conversationId: string,
): Promise<readonly Message[]> {
  const path = buildPath(routes.listMessages.path, { id: conversationId });
  const response = await fetch(`${api}${path}?limit=100`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`Messages of ${conversationId}: ${response.status}`);
  return ListMessagesResponseSchema.parse(await response.json()).items;
}

/** Creates a tus upload of `length` bytes named `name`; resolves to the upload's absolute URL. */
export async function createUpload(
  api: string,
  token: string,
  name: string,
  length: number,
): Promise<string> {
  const created = await fetch(`${api}${UPLOADS_PATH}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...TUS_HEADERS,
      'upload-length': String(length),
      'upload-metadata': `filename ${Buffer.from(name).toString('base64')}`,
    },
  });
  const location = created.headers.get('location');
  if (created.status !== 201 || !location) throw new Error(`Creating an upload answered ${created.status}`);
  return new URL(location, created.url).href;
}

/** Sends `bytes` to an upload from `offset` (a tus `PATCH`); `bytes` may be a stream that never ends. */
export function patchUpload(
  upload: string,
  token: string,
  offset: number,
  bytes: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(upload, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${token}`,
      ...TUS_HEADERS,
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    body: bytes,
    // Node's fetch needs this for a stream body.
    duplex: 'half',
    signal: signal ?? null,
  } as RequestInit);
}

/** What the server says it holds of an upload (tus `HEAD`): its status and `Upload-Offset`. */
export async function uploadOffset(
  upload: string,
  token: string,
): Promise<{ readonly status: number; readonly offset: number | null }> {
  const response = await fetch(upload, {
    method: 'HEAD',
    headers: { authorization: `Bearer ${token}`, ...TUS_HEADERS },
  });
  const offset = response.headers.get('upload-offset');
  return { status: response.status, offset: offset === null ? null : Number(offset) };
}

/** Downloads a file through a single-use ticket, as the thread's download button does; resolves to its bytes. */
export async function downloadAt(api: string, token: string, attachmentId: string): Promise<Buffer> {
  const ticket = await fetch(`${api}${buildPath(routes.createDownloadTicket.path, { id: attachmentId })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (ticket.status !== 201) throw new Error(`Ticket for ${attachmentId}: ${ticket.status}`);
  const url = new URL(CreateDownloadTicketResponseSchema.parse(await ticket.json()).url, api).href;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Download of ${attachmentId}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** One server event as the stream carried it. */
export interface StreamedEvent {
  readonly id: string | undefined;
  readonly type: string | undefined;
  readonly data: string;
}

/**
 * Reads `/v1/events` as `token`'s owner, from `lastEventId` when given, until `until` holds for the events read
 * so far (or `timeoutMs` passes); resolves to them.
 */
export async function readEventsUntil(
  api: string,
  token: string,
  options: {
    readonly lastEventId?: string;
    readonly until: (events: readonly StreamedEvent[]) => boolean;
    readonly timeoutMs: number;
  },
): Promise<StreamedEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  const events: StreamedEvent[] = [];
  try {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    const response = await fetch(`${api}${routes.events.path}`, { headers, signal: abort.signal });
    if (!response.ok || !response.body) throw new Error(`Events answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const field = (name: string) =>
          block
            .split('\n')
            .filter((line) => line.startsWith(`${name}:`))
            .map((line) => line.slice(name.length + 1).trimStart());
        const data = field('data').join('\n');
        if (data === '') continue;
        events.push({ id: field('id')[0], type: field('event')[0], data });
      }
      if (options.until(events)) return events;
    }
    return events;
  } catch (error) {
    if (abort.signal.aborted) return events;
    throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
