import {
  type Contact,
  findMergeFields,
  isKnownMergeField,
  MERGE_FIELD_PATTERN,
  type MergeField,
  type Template,
  type Viewer,
} from '@confide/protocol';

/** Where merge-field values come from. */
export interface MergeContext {
  /** The client the message is for (firm side); on the client side the viewer is the client. */
  readonly contact?: Pick<Contact, 'firstName' | 'lastName' | 'name'> | null;
  /** The person writing. */
  readonly viewer?: Viewer | null;
  /** Today, for `{{date.today}}`. @default new Date() */
  readonly date?: Date;
  /** The locale `{{date.today}}` is written in. @default the runtime's locale */
  readonly locale?: string;
  /** The time zone that decides what "today" is. @default the runtime's time zone */
  readonly timeZone?: string;
}

/**
 * Fills a template's merge fields. Unknown fields, and known ones without a value here, stay in the text as typed:
 * the composer lists them (`ComposerState.mergeFields`) and refuses to send them, so nothing is ever sent with a
 * silently missing name.
 */
export function renderTemplate(
  template: Pick<Template, 'subject' | 'body'>,
  context: MergeContext,
): Pick<Template, 'subject' | 'body'> {
  const { viewer } = context;
  const client: Partial<Pick<Contact, 'firstName' | 'lastName' | 'name'>> | null =
    context.contact ?? (viewer?.role === 'client' ? viewer : null);
  const format = new Intl.DateTimeFormat(context.locale, {
    dateStyle: 'long',
    ...(context.timeZone ? { timeZone: context.timeZone } : {}),
  });
  const values: Record<MergeField, string | undefined> = {
    'client.firstName': client?.firstName,
    'client.lastName': client?.lastName,
    'client.name': client?.name,
    'firm.name': viewer?.firm.name,
    'sender.name': viewer?.name,
    'date.today': format.format(context.date ?? new Date()),
  };
  // An empty value counts as unfilled: the field stays in the text.
  const fill = (text: string) =>
    text.replace(MERGE_FIELD_PATTERN, (placeholder, name: string) =>
      isKnownMergeField(name) ? values[name] || placeholder : placeholder,
    );
  return { subject: fill(template.subject), body: fill(template.body) };
}

/** The merge fields still written in a text's subject and body, split into unknown ones and known ones left unfilled. */
export function mergeFieldsOf(subject: string, body: string) {
  const names = [...new Set([...findMergeFields(subject), ...findMergeFields(body)])];
  return {
    unknown: names.filter((name) => !isKnownMergeField(name)),
    unfilled: names.filter(isKnownMergeField),
  };
}
