const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
/** 22 characters of a 64-letter alphabet: 132 random bits, enough that two keys never collide in practice. */
const RANDOM_ID_LENGTH = 22;

/** A random id of URL-safe characters, with an optional prefix (e.g. `idk_`). Uses the platform's CSPRNG. */
export function randomId(prefix = ''): string {
  const bytes = new Uint8Array(RANDOM_ID_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let id = prefix;
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** A fresh idempotency key for one draft: every retry of that draft's send carries the same key. */
export function createIdempotencyKey(): string {
  return randomId('idk_');
}
