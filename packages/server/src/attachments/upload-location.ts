import { UPLOADS_PATH } from '@confide/protocol';

// The last segment of the creation path (`uploads`): a Location starting with it resolves next to the creation URL.
const UPLOADS_SEGMENT = UPLOADS_PATH.slice(UPLOADS_PATH.lastIndexOf('/') + 1);

/**
 * The `Location` of a new upload, relative to the URL it was created at: `<anything>/v1/uploads` + `uploads/<id>`
 * resolves (RFC 3986, as tus-js-client and browsers do) to `<anything>/v1/uploads/<id>`. So the upload URL is right
 * whatever prefix the server is mounted under or a proxy puts in front of it; an absolute path (`/v1/uploads/<id>`)
 * would drop that prefix, and an absolute URL would need to trust forwarded headers.
 */
export function uploadLocation(id: string): string {
  return `${UPLOADS_SEGMENT}/${encodeURIComponent(id)}`;
}

/**
 * The upload id of a tus request's URL (`…/v1/uploads/<id>`, under any prefix), `null` for the creation URL
 * (`…/v1/uploads`), and `undefined` for anything else (a malformed escape, a nested path).
 */
export function uploadIdOf(url: string): string | null | undefined {
  const path = new URL(url).pathname;
  if (path.endsWith(UPLOADS_PATH)) return null;
  const start = path.lastIndexOf(`${UPLOADS_PATH}/`);
  if (start === -1) return undefined;
  const encoded = path.slice(start + UPLOADS_PATH.length + 1);
  if (encoded === '' || encoded.includes('/')) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}
