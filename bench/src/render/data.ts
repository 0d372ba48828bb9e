/** Deterministic bench data: realistic message lengths, two authors, a day change every few messages. */

/** A small deterministic pseudo-random generator (mulberry32), so every run and library gets the same data. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the documents for your application are ready please sign page two and return the copy before friday we ' +
  'received the court date hearing moved to next month thank you for the update I will send the scans ' +
  'tomorrow morning could you confirm the address on the lease agreement'.split(' ');

export interface BenchMessage {
  readonly fromClient: boolean;
  readonly body: string;
  readonly at: number;
}

/** Marks the newest and the oldest message, so a page can find them by their text. */
export const NEWEST = 'NEWEST-MESSAGE-MARKER';
export const OLDEST = 'OLDEST-MESSAGE-MARKER';

/**
 * `count` messages, oldest first, the newest an hour before `end` (so live messages arrive after it): most are
 * one or two sentences, some are long letters.
 */
export function benchMessages(count: number, end = Date.now()): BenchMessage[] {
  const next = random(count);
  const messages: BenchMessage[] = [];
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    const long = next() < 0.1;
    const length = long ? 40 + Math.floor(next() * 120) : 4 + Math.floor(next() * 30);
    const words = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)] ?? 'the');
    let body = words.join(' ');
    body = body.charAt(0).toUpperCase() + body.slice(1);
    if (index === 0) body = `${OLDEST} ${body}`;
    if (index === count - 1) body = `${body} ${NEWEST}`;
    messages.push({ fromClient: index % 2 === 1, body, at });
    // Mostly minutes apart, and about one message in eight starts a new day.
    at += next() < 0.125 ? 86_400_000 : 60_000 * (1 + Math.floor(next() * 90));
  }
  const shift = end - 3_600_000 - (messages.at(-1)?.at ?? 0);
  return messages.map((message) => ({ ...message, at: message.at + shift }));
}
