import type { Contact } from '@confide/protocol';

/** The details of a person that a template fills in (`{{client.name}}`, `{{client.firstName}}`, `{{client.lastName}}`). */
export type PersonalDetails = Pick<Contact, 'name' | 'firstName' | 'lastName'>;

/** A detail of someone other than the recipient, found in a draft's text. */
export interface ForeignDetail<Person extends PersonalDetails = PersonalDetails> {
  /** Whose detail it is. */
  readonly person: Person;
  /** The text found (a name, a first name or a last name). */
  readonly value: string;
}

// Each detail is filled in by the merge field of its name: `name` by `{{client.name}}`.
const FIELDS = ['name', 'firstName', 'lastName'] as const;

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

// A name counts only as a whole word: "Ana" is not found in "Banana", "Li" not in "Lisbon".
function wholeWords(values: readonly string[]): RegExp | null {
  const words = [...new Set(values.map((value) => value.trim()).filter((value) => value.length > 0))];
  if (words.length === 0) return null;
  // Longest first, so a full name wins over the first name it starts with.
  words.sort((left, right) => right.length - left.length);
  return new RegExp(
    `(?<![\\p{L}\\p{M}\\p{N}])(?:${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\p{N}])`,
    'giu',
  );
}

/**
 * Writes a draft that was filled in for `from` over for `to`: every whole-word occurrence of `from`'s full name,
 * first name or last name (any letter case) becomes `to`'s, and a detail `to` lacks becomes its merge field again
 * (`{{client.lastName}}`), which the composer then flags. A template filled in for one client never reaches another.
 */
export function retargetText(text: string, from: PersonalDetails, to: PersonalDetails | null): string {
  const pattern = wholeWords(FIELDS.map((field) => from[field]));
  if (!pattern) return text;
  return text.replace(pattern, (found) => {
    const field = FIELDS.find((candidate) => from[candidate].trim().toLowerCase() === found.toLowerCase());
    if (!field) return found;
    const replacement = to?.[field]?.trim();
    return replacement ? replacement : `{{client.${field}}}`;
  });
}

/**
 * The details of people other than `recipient` that `text` carries as whole words: a draft written for one client
 * and sent to another. Details the recipient shares (two clients called Daniel) are not foreign.
 */
export function findForeignDetails<Person extends PersonalDetails>(
  text: string,
  recipient: PersonalDetails | null,
  people: readonly Person[],
): ForeignDetail<Person>[] {
  const own = new Set(recipient ? FIELDS.map((field) => recipient[field].trim().toLowerCase()) : []);
  const found: ForeignDetail<Person>[] = [];
  for (const person of people) {
    const values = FIELDS.map((field) => person[field]).filter(
      (value) => !own.has(value.trim().toLowerCase()),
    );
    const pattern = wholeWords(values);
    const match = pattern ? text.match(pattern) : null;
    if (match?.[0]) found.push({ person, value: match[0] });
  }
  return found;
}
