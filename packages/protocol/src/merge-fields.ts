/** The merge fields a template may use, written as `{{client.firstName}}` in its subject or body. */
export const MERGE_FIELDS = [
  'client.firstName',
  'client.lastName',
  'client.name',
  'firm.name',
  'sender.name',
  'date.today',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** Matches `{{ name }}` with optional inner spaces; names are dotted identifiers. */
export const MERGE_FIELD_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)\s*\}\}/g;

/** Lists the distinct merge-field names used in a text, in order of first use. */
export function findMergeFields(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(MERGE_FIELD_PATTERN)) {
    if (match[1]) names.add(match[1]);
  }
  return [...names];
}

/** Whether a name is one of the merge fields Confide fills in. */
export function isKnownMergeField(name: string): name is MergeField {
  return (MERGE_FIELDS as readonly string[]).includes(name);
}
