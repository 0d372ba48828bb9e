import type { DraftField, DraftValidation, FieldError } from '@confide/core';
import type { ConfideMessages } from '../../provider/messages.js';

/** A text's length against its limit, counted in what a person sees (grapheme clusters), as the server counts. */
export type TextLength = DraftValidation['lengths']['body'];

/** Share of the limit from which the message text shows its count (the subject always shows it). */
const BODY_COUNT_FROM = 0.9;

/** Whether a field shows its count: the subject always, the message text once it nears its limit. */
export function showsCount(field: 'subject' | 'body', { length, max }: TextLength): boolean {
  return field === 'subject' || length >= max * BODY_COUNT_FROM;
}

/** The length of a field against its limit, as the server counts it; `data-over` once it is past the limit. */
export function CharacterCount({
  id,
  length,
  messages,
}: {
  readonly id: string;
  readonly length: TextLength;
  readonly messages: ConfideMessages;
}) {
  return (
    <span
      id={id}
      className="confide-hint confide-count"
      data-over={length.length > length.max ? '' : undefined}
    >
      {messages.COMPOSER_CHARACTER_COUNT(length.length, length.max)}
    </span>
  );
}

// Problems the writer must learn of while typing, not only when pressing Send: Send cannot fix them.
const SHOWN_WHILE_TYPING = new Set<FieldError['code']>([
  'too_long',
  'invalid_character',
  'overlong_character',
]);

/** The errors to show: all of them after a send was attempted, before that only those typing more cannot fix. */
export function shownErrors(
  errors: DraftValidation['errors'],
  attempted: boolean,
): Partial<Record<DraftField, FieldError>> {
  if (attempted) return errors;
  return Object.fromEntries(
    Object.entries(errors).filter(([, error]) => SHOWN_WHILE_TYPING.has(error.code)),
  ) as Partial<Record<DraftField, FieldError>>;
}
