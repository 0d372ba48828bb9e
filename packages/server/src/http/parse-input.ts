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

/** A URL's query as single values; a repeated key is `invalid_input` rather than silently picking one. */
export function readQuery(url: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URL(url).searchParams) {
    if (Object.hasOwn(query, key)) {
      throw new ApiError('invalid_input', 'The request query is invalid', {
        issues: [{ path: [key], message: 'Give this parameter once' }],
      });
    }
    query[key] = value;
  }
  return query;
}
