import type * as z from 'zod/mini';

/** The dotted paths of the issues `schema` reports for `value`: empty when it accepts the value. */
export function issuePaths(schema: z.ZodMiniType, value: unknown): string[] {
  return schema.safeParse(value).error?.issues.map((issue) => issue.path.join('.')) ?? [];
}
