import { isolateBidi } from '@confide/core';
import { Fragment, type ReactNode } from 'react';

// Private-use characters mark where each value lands in a sentence; user text cannot forge them in a way that
// matters, because the values themselves are never searched.
const MARKER = /\uE000(\d+)\uE001/g;
const marker = (index: number) => `\uE000${index}\uE001`;

/**
 * One of the kit's sentences with user text in it ("Elena replied in “…”"), each value in a `<bdi>`: a name or
 * subject takes its own direction and its bidi controls (an unpaired U+202E) end with it, so they cannot reorder the
 * kit's words. The sentence comes from an override function that takes strings; if an override changes a value
 * rather than placing it, the values are isolated with FSI…PDI inside plain text instead.
 */
export function isolatedSentence<Values extends readonly string[]>(
  format: (...values: Values) => string,
  ...values: Values
): ReactNode {
  const text = format(...(values.map((_, index) => marker(index)) as unknown as Values));
  const placed = [...text.matchAll(MARKER)].map((match) => Number(match[1]));
  if (placed.length !== values.length || new Set(placed).size !== values.length) {
    return format(...(values.map((value) => isolateBidi(value)) as unknown as Values));
  }
  const parts = text.split(MARKER);
  // `split` with a capturing group alternates text and the captured index.
  return parts.map((part, index) =>
    index % 2 === 0 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in order.
      <Fragment key={index}>{part}</Fragment>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one sentence, in order.
      <bdi key={index}>{values[Number(part)]}</bdi>
    ),
  );
}
