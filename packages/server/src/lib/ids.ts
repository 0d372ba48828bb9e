const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/** 20 base-36 characters carry about 103 bits of randomness: enough that ids never collide. */
const ID_RANDOM_LENGTH = 20;

/** Creates ids such as `msg_k3j…`; a function so tests can make them predictable. */
export type IdGenerator = (prefix: string) => string;

/** Random ids from the platform's cryptographic generator (available in browsers and Node alike). */
export const randomId: IdGenerator = (prefix) => {
  const bytes = crypto.getRandomValues(new Uint8Array(ID_RANDOM_LENGTH));
  let random = '';
  for (const byte of bytes) random += ID_ALPHABET[byte % ID_ALPHABET.length];
  return `${prefix}_${random}`;
};
