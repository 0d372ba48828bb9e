import { toFieldIssues } from '@confide/protocol';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { ApiError } from '../errors/api-error.js';

/** English messages for field issues; the protocol's zod/mini schemas carry none of their own. */
const englishMessages = en().localeError;

/** Parses one part of a request with its protocol schema; failures become `invalid_input` with field paths. */
export function parseInput<Schema extends z.core.$ZodType>(
  schema: Schema,
  value: unknown,
  part: 'params' | 'query' | 'body',
): z.output<Schema> {
  const result = z.safeParse(schema, value, { error: englishMessages });
  if (result.success) return result.data;
  throw new ApiError('invalid_input', `The request ${part === 'params' ? 'path' : part} is invalid`, {
    issues: toFieldIssues(result.error.issues),
  });
}

const invalidQuery = (path: string[], message: string) =>
  new ApiError('invalid_input', 'The request query is invalid', { issues: [{ path, message }] });

/**
 * One `application/x-www-form-urlencoded` name or value. Unlike `URLSearchParams`, which turns bytes that are not
 * UTF-8 (an encoded lone surrogate among them) into U+FFFD, this refuses them: the server reads what was sent.
 */
function decodeQueryPart(part: string, path: string[]): string {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '));
  } catch {
    throw invalidQuery(path, 'Expected percent-encoded UTF-8');
  }
}

/** A URL's query as single values; a repeated key is `invalid_input` rather than silently picking one. */
export function readQuery(url: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of new URL(url).search.slice(1).split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const key = decodeQueryPart(separator === -1 ? pair : pair.slice(0, separator), []);
    const value = separator === -1 ? '' : decodeQueryPart(pair.slice(separator + 1), [key]);
    if (Object.hasOwn(query, key)) throw invalidQuery([key], 'Give this parameter once');
    query[key] = value;
  }
  return query;
}
