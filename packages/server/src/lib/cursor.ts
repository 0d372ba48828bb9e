import { ApiError } from '../errors/api-error.js';

/** Which list a cursor belongs to, so a cursor from one list is refused by another. */
export type CursorKind = 'conversations' | 'messages' | 'notifications' | 'audit';

const CURSOR_PREFIX: Readonly<Record<CursorKind, string>> = {
  conversations: 'c',
  messages: 'm',
  notifications: 'n',
  audit: 'a',
};
/** Seqs fit in 15 digits long before they would lose precision as JavaScript numbers. */
const SEQ_PATTERN = /^[0-9]{1,15}$/;

/** Encodes a store seq as an opaque cursor of one list. */
export function encodeCursor(kind: CursorKind, seq: number): string {
  return `${CURSOR_PREFIX[kind]}_${seq.toString(10)}`;
}

/** Decodes a cursor of one list; throws `invalid_input` for anything the server did not hand out. */
export function decodeCursor(
  kind: CursorKind,
  cursor: string | undefined,
  field: string,
): number | undefined {
  if (cursor === undefined) return undefined;
  const prefix = `${CURSOR_PREFIX[kind]}_`;
  const digits = cursor.startsWith(prefix) ? cursor.slice(prefix.length) : '';
  if (!SEQ_PATTERN.test(digits)) {
    throw new ApiError('invalid_input', 'The request is invalid', {
      issues: [{ path: [field], message: 'Expected a cursor returned by the server' }],
    });
  }
  return Number(digits);
}
