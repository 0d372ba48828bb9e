import {
  type Contact,
  findMergeFields,
  isKnownMergeField,
  MERGE_FIELD_PATTERN,
  type MergeField,
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

/** A template's text with its merge fields filled in, and the fields that could not be. */
export interface RenderedTemplate {
  /** The subject with the fields that could be filled. */
  readonly subject: string;
  /** The body with the fields that could be filled. */
  readonly body: string;
  /** Fields Confide does not know (typos such as `{{client.frstName}}`); left in the text for the UI to flag. */
  readonly unknownFields: readonly string[];
  /** Known fields without a value here (e.g. no client chosen yet); left in the text for the UI to flag. */
  readonly unfilledFields: readonly MergeField[];
}

/** The value of every merge field that `context` can fill. */
export function mergeFieldValues(context: MergeContext): Partial<Record<MergeField, string>> {
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
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value));
}

/**
 * Fills a template's merge fields. Unknown and unfilled fields stay in the text, as typed, and are listed, so
 * nothing is ever sent with a silently missing name.
 */
export function renderTemplate(
  template: { readonly subject: string; readonly body: string },
  context: MergeContext,
): RenderedTemplate {
  const values = mergeFieldValues(context);
  const fill = (text: string) =>
    text.replace(MERGE_FIELD_PATTERN, (placeholder, name: string) =>
      isKnownMergeField(name) ? (values[name] ?? placeholder) : placeholder,
    );
  const subject = fill(template.subject);
  const body = fill(template.body);
  const { unknown, unfilled } = mergeFieldsOf(subject, body);
  return { subject, body, unknownFields: unknown, unfilledFields: unfilled };
}

/** The merge fields still written in a text's subject and body, split into unknown ones and known ones left unfilled. */
export function mergeFieldsOf(subject: string, body: string) {
  const names = [...new Set([...findMergeFields(subject), ...findMergeFields(body)])];
  return {
    unknown: names.filter((name) => !isKnownMergeField(name)),
    unfilled: names.filter(isKnownMergeField),
  };
}
