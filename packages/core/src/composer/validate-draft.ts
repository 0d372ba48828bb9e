import {
  BODY_MAX_LENGTH,
  type Contact,
  countGraphemes,
  findForbiddenCharacter,
  findMergeFields,
  hasVisibleText,
  SUBJECT_MAX_LENGTH,
} from '@confide/protocol';
import type { Draft } from '../stores/composer/composer-store.js';
import { findForeignDetails } from '../templates/personal-details.js';
import { isSelectableRecipient } from './recipients.js';

/** A field of the composer that can be invalid. */
export type DraftField = 'contactId' | 'subject' | 'body' | 'attachments';

/** Why a field is invalid: a stable code for UIs with their own words, and an English message. */
export interface FieldError {
  readonly code:
    | 'required'
    | 'too_long'
    | 'invalid_character'
    | 'overlong_character'
    | 'merge_fields_left'
    | 'other_client_details'
    | 'portal_inactive'
    | 'unknown_contact'
    | 'uploading'
    | 'upload_failed';
  readonly message: string;
}

/** The result of validating a draft. */
export interface DraftValidation {
  /** Whether the draft can be sent. */
  readonly valid: boolean;
  /** The first problem of each invalid field. */
  readonly errors: Readonly<Partial<Record<DraftField, FieldError>>>;
  /** The subject's and the text's length against their limits, counted as the server counts them (for a counter). */
  readonly lengths: Readonly<Record<'subject' | 'body', TextLength>>;
}

/** What validation needs to know besides the draft. */
export interface ValidationContext {
  /** `new` needs a subject (and, for members, a client); `reply` needs only a body. */
  readonly mode: 'new' | 'reply';
  /** Members pick a client when starting a conversation; clients write to their firm. */
  readonly role: 'member' | 'client';
  /** The firm's contacts, when loaded, to check the chosen one's portal. */
  readonly contacts?: readonly Contact[] | undefined;
  /** Where each picked file's upload stands: the draft can be sent once all are uploaded. */
  readonly attachments?: readonly { readonly status: 'uploading' | 'uploaded' | 'failed' }[] | undefined;
}

/** How long a field's text is and may be, in the characters a person sees (grapheme clusters), as the server counts. */
export interface TextLength {
  /** The text's length: grapheme clusters, after trimming for fields the server trims. */
  readonly length: number;
  /** The most the field may hold. */
  readonly max: number;
}

const LIMITS = { subject: SUBJECT_MAX_LENGTH, body: BODY_MAX_LENGTH } as const;

/**
 * The length of a subject or message text as the server counts it against its limit: grapheme clusters
 * (`countGraphemes`, so 👍🏽 is one), the subject trimmed first as the protocol trims it.
 */
export function measureDraftText(field: 'subject' | 'body', text: string): TextLength {
  return { length: countGraphemes(field === 'subject' ? text.trim() : text), max: LIMITS[field] };
}

function textError(text: string, field: 'subject' | 'body', label: string): FieldError | undefined {
  // Text with nothing visible (zero-width characters, fillers, controls) is empty, as the server decides.
  if (!hasVisibleText(text)) return { code: 'required', message: `Add a ${label}` };
  const { length, max } = measureDraftText(field, text);
  if (length > max) {
    return {
      code: 'too_long',
      message: `Shorten the ${label} by ${length - max} characters (at most ${max})`,
    };
  }
  // The server refuses these characters (NUL and other C0 controls, lone surrogates, a character of more than
  // CHARACTER_MAX_CODE_POINTS code points): say so before sending, and which kind it is.
  const forbidden = findForbiddenCharacter(text);
  if (forbidden === 'overlong') {
    return {
      code: 'overlong_character',
      message: `Remove the character made of too many stacked marks or joined symbols from the ${label}`,
    };
  }
  if (forbidden) {
    return { code: 'invalid_character', message: `Remove the control characters from the ${label}` };
  }
  const fields = findMergeFields(text);
  if (fields.length > 0) {
    return {
      code: 'merge_fields_left',
      message: `Fill in or remove ${fields.map((field) => `{{${field}}}`).join(', ')}`,
    };
  }
  return undefined;
}

function contactError(draft: Draft, contacts: readonly Contact[] | undefined): FieldError | undefined {
  if (!draft.contactId) return { code: 'required', message: 'Choose a client' };
  if (!contacts) return undefined;
  const contact = contacts.find((candidate) => candidate.id === draft.contactId);
  if (!contact) return { code: 'unknown_contact', message: 'This client is not in your firm' };
  if (!isSelectableRecipient(contact))
    return { code: 'portal_inactive', message: `${contact.name} does not have an active portal` };
  return undefined;
}

// A template filled in for one client and then addressed to another must not carry the first one's details.
function foreignDetailsError(text: string, draft: Draft, contacts: readonly Contact[] | undefined) {
  if (!draft.templateId || !draft.contactId || !contacts) return undefined;
  const recipient = contacts.find((contact) => contact.id === draft.contactId) ?? null;
  const others = contacts.filter((contact) => contact.id !== draft.contactId);
  const found = findForeignDetails(text, recipient, others);
  if (found.length === 0) return undefined;
  const names = [...new Set(found.map((detail) => detail.person.name))].join(', ');
  return {
    code: 'other_client_details',
    message: `The text still carries details of ${names}: change them for the chosen client`,
  } satisfies FieldError;
}

function filesError(files: NonNullable<ValidationContext['attachments']>): FieldError | undefined {
  if (files.some((file) => file.status === 'failed'))
    return { code: 'upload_failed', message: 'Retry or remove the files that could not be uploaded' };
  if (files.some((file) => file.status === 'uploading'))
    return { code: 'uploading', message: 'Wait until every file has finished uploading' };
  return undefined;
}

/** Checks a draft against the protocol's limits and the composer's rules, field by field. */
export function validateDraft(draft: Draft, context: ValidationContext): DraftValidation {
  const isNew = context.mode === 'new';
  const picksClient = isNew && context.role === 'member';
  const foreign = (text: string) =>
    picksClient ? foreignDetailsError(text, draft, context.contacts) : undefined;
  const files = context.attachments ?? [];
  // A message may be only files: with one uploaded, an empty text is sent as `''`.
  const filesOnly = files.some((file) => file.status === 'uploaded') && !hasVisibleText(draft.body);
  const checked: Record<DraftField, FieldError | undefined> = {
    contactId: picksClient ? contactError(draft, context.contacts) : undefined,
    subject: isNew ? (textError(draft.subject, 'subject', 'subject') ?? foreign(draft.subject)) : undefined,
    attachments: filesError(files),
    body: filesOnly ? undefined : (textError(draft.body, 'body', 'message') ?? foreign(draft.body)),
  };
  const errors = Object.fromEntries(Object.entries(checked).filter(([, error]) => error));
  const lengths = {
    subject: measureDraftText('subject', draft.subject),
    body: measureDraftText('body', draft.body),
  };
  return { valid: Object.keys(errors).length === 0, errors, lengths };
}
