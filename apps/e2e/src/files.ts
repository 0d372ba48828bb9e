import {
  AttachmentSchema,
  buildPath,
  CreateDownloadTicketResponseSchema,
  type ErrorCode,
  ErrorEnvelopeSchema,
  routes,
  UPLOADS_PATH,
} from '@confide/protocol';
import { devToken } from './api.js';
import type { Person } from './people.js';
import { urls } from './urls.js';

/** The tus protocol version every upload request names. */
const TUS_HEADERS = { 'tus-resumable': '1.0.0' };

/** What the server answered, with its error code when it refused. */
export interface Answer {
  readonly status: number;
  readonly code: ErrorCode | null;
}

async function answerOf(response: Response): Promise<Answer> {
  if (response.ok) return { status: response.status, code: null };
  const envelope = ErrorEnvelopeSchema.safeParse(await response.json().catch(() => null));
  return { status: response.status, code: envelope.success ? envelope.data.error.code : null };
}

/**
 * Uploads `bytes` as `person` with tus, as the SDK does (create the upload, then send the bytes in one `PATCH`);
 * resolves to the file's id, which a send's `attachmentIds` takes.
 */
export async function uploadAs(
  person: Person,
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<string> {
  const authorization = `Bearer ${await devToken(person)}`;
  const created = await fetch(`${urls.api()}${UPLOADS_PATH}`, {
    method: 'POST',
    headers: {
      authorization,
      ...TUS_HEADERS,
      'upload-length': String(bytes.length),
      'upload-metadata': `filename ${Buffer.from(name).toString('base64')}`,
    },
  });
  const location = created.headers.get('location');
  if (created.status !== 201 || !location) throw new Error(`Creating an upload answered ${created.status}`);
  // The server's Location is relative to the creation URL (it works under any path prefix), as HTTP resolves it.
  const upload = new URL(location, created.url);
  const patched = await fetch(upload, {
    method: 'PATCH',
    headers: {
      authorization,
      ...TUS_HEADERS,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    },
    body: bytes,
  });
  if (patched.status !== 204) throw new Error(`Uploading ${name} answered ${patched.status}`);
  const id = upload.pathname.split('/').at(-1);
  if (!id) throw new Error(`No upload id in ${location}`);
  return decodeURIComponent(id);
}

/** The file as `person` reads it through the API (members see its SHA-256 and the client's first download). */
export async function fileAs(person: Person, attachmentId: string) {
  const response = await fetch(`${urls.api()}${buildPath(routes.getAttachment.path, { id: attachmentId })}`, {
    headers: { authorization: `Bearer ${await devToken(person)}` },
  });
  if (!response.ok) throw new Error(`File ${attachmentId} as ${person.email}: ${response.status}`);
  return AttachmentSchema.parse(await response.json());
}

/** Asks for a download ticket as `person`; resolves to the absolute download URL. */
export async function downloadUrlAs(person: Person, attachmentId: string): Promise<string> {
  const response = await fetch(
    `${urls.api()}${buildPath(routes.createDownloadTicket.path, { id: attachmentId })}`,
    { method: 'POST', headers: { authorization: `Bearer ${await devToken(person)}` } },
  );
  if (response.status !== 201)
    throw new Error(`Ticket for ${attachmentId} as ${person.email}: ${response.status}`);
  return new URL(CreateDownloadTicketResponseSchema.parse(await response.json()).url, urls.api()).href;
}

/**
 * What `person` gets when they go after a file with their own token: reading it, asking for a download ticket,
 * and reading the upload itself (tus `HEAD`).
 */
export async function fileAccessOf(
  person: Person,
  attachmentId: string,
): Promise<{ readonly read: Answer; readonly ticket: Answer; readonly upload: Answer }> {
  const headers = { authorization: `Bearer ${await devToken(person)}` };
  const [read, ticket, upload] = await Promise.all([
    fetch(`${urls.api()}${buildPath(routes.getAttachment.path, { id: attachmentId })}`, { headers }),
    fetch(`${urls.api()}${buildPath(routes.createDownloadTicket.path, { id: attachmentId })}`, {
      method: 'POST',
      headers,
    }),
    fetch(`${urls.api()}${UPLOADS_PATH}/${encodeURIComponent(attachmentId)}`, {
      method: 'HEAD',
      headers: { ...headers, ...TUS_HEADERS },
    }),
  ]);
  // A HEAD answer has no body: its status is all there is.
  return {
    read: await answerOf(read),
    ticket: await answerOf(ticket),
    upload: { status: upload.status, code: null },
  };
}

/** Fetches a download URL with no credential but the URL itself, as a typed-in address would. */
export async function fetchDownload(
  url: string,
): Promise<Answer & { readonly body: Buffer; readonly headers: Headers }> {
  const response = await fetch(url);
  const headers = response.headers;
  if (!response.ok) return { ...(await answerOf(response)), body: Buffer.alloc(0), headers };
  return { status: response.status, code: null, body: Buffer.from(await response.arrayBuffer()), headers };
}
