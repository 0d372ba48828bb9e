import * as z from 'zod/mini';
import { countGraphemes, findForbiddenCharacter, hasVisibleText } from './text.js';

/** The rules of one text field. */
export interface TextRules {
  /** Most characters (grapheme clusters, after trimming when `trim` is set). */
  readonly max: number;
  /** Removes surrounding whitespace before the other rules; the trimmed text is what is stored. @default false */
  readonly trim?: boolean;
  /** Refuses text with nothing visible, as if it were empty. @default true */
  readonly required?: boolean;
}

const FORBIDDEN_MESSAGE = {
  control: 'Contains a control character (only tab and line breaks are allowed)',
  surrogate: 'Contains a lone surrogate, which is not a character',
  overlong: 'Contains a character made of too many parts (stacked marks or joined symbols)',
} as const;

/**
 * A text field as the protocol defines text (shared/DESIGN.md, Text): NUL, the other C0 controls but tab and line
 * breaks, lone surrogates and characters of more than `CHARACTER_MAX_CODE_POINTS` code points are refused; text with nothing visible counts as empty; the limit counts grapheme
 * clusters, so the server enforces the number the kit shows.
 */
export function textSchema(rules: TextRules) {
  const { max, trim = false, required = true } = rules;
  const textRules = z.check<string>((context) => {
    const text = context.value;
    const forbidden = findForbiddenCharacter(text);
    if (forbidden !== undefined) {
      context.issues.push({ code: 'custom', input: text, message: FORBIDDEN_MESSAGE[forbidden] });
    }
    if (required && !hasVisibleText(text)) {
      context.issues.push({
        code: 'too_small',
        origin: 'string',
        minimum: 1,
        inclusive: true,
        input: text,
        message: 'Must contain visible text',
      });
    }
    if (text.length > max && countGraphemes(text) > max) {
      context.issues.push({ code: 'too_big', origin: 'string', maximum: max, inclusive: true, input: text });
    }
  });
  return trim ? z.string().check(z.trim(), textRules) : z.string().check(textRules);
}

/**
 * Text in an answer or an event: any string. `textSchema`'s rules decide what the server stores from now on, so they
 * apply to requests; text stored before a rule tightened (a lower limit, a newly forbidden character, a cap on a
 * character's parts) must still read, or one such subject would fail the whole page of the index. The kit renders
 * user text only as text, so a string is all the client needs to be safe.
 */
export const StoredTextSchema = z.string();
