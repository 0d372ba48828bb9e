import type * as z from 'zod/mini';

/** Where a value sits in a request body: object keys and array indexes. */
export type FieldPath = ReadonlyArray<string | number>;

// Leaves that are not strings on the wire of a JSON body: they cannot carry text.
const NON_TEXT_LEAVES = new Set(['boolean', 'number', 'int', 'bigint', 'null', 'literal']);

/**
 * Every place in a JSON schema where the caller writes a string (strings, e-mails, ids, enums), walked from the
 * schema itself so that a field added to the protocol is covered without anyone listing it. An unknown schema
 * kind throws, so the walk is taught about it rather than skipping it silently.
 */
export function stringFieldPaths(schema: z.ZodMiniType, path: FieldPath = []): FieldPath[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'string':
    case 'enum':
    case 'template_literal':
      return [path];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodMiniType>).flatMap(([key, value]) =>
        stringFieldPaths(value, [...path, key]),
      );
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'default':
    case 'readonly':
      return stringFieldPaths(def.innerType as z.ZodMiniType, path);
    case 'pipe':
      return stringFieldPaths(def.in as z.ZodMiniType, path);
    case 'union': {
      const seen = new Map<string, FieldPath>();
      for (const option of def.options as z.ZodMiniType[]) {
        for (const found of stringFieldPaths(option, path)) seen.set(JSON.stringify(found), found);
      }
      return [...seen.values()];
    }
    case 'array':
      return stringFieldPaths(def.element as z.ZodMiniType, [...path, 0]);
    default:
      if (NON_TEXT_LEAVES.has(def.type)) return [];
      throw new TypeError(`stringFieldPaths does not know schema kind "${def.type}" at ${path.join('.')}`);
  }
}

/** The keys of a route's query or path-parameter schema: on the wire every one of them is a string. */
export function schemaKeys(schema: z.ZodMiniType | undefined): string[] {
  if (schema === undefined) return [];
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: object } } })._zod.def;
  if (def.type !== 'object' || def.shape === undefined) {
    throw new TypeError(`Expected an object schema for a query or path parameters, got "${def.type}"`);
  }
  return Object.keys(def.shape);
}

/** The value at `path` in `value`, or `undefined`. */
export function valueAt(value: unknown, path: FieldPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A deep copy of `value` with `replacement` at `path`. */
export function withValueAt(value: unknown, path: FieldPath, replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    copy[Number(head)] = withValueAt(copy[Number(head)], rest, replacement);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[head] = withValueAt(copy[head], rest, replacement);
  return copy;
}
