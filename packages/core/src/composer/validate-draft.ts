import { BODY_MAX_LENGTH, type Contact, findMergeFields, SUBJECT_MAX_LENGTH } from '@confide/protocol';
import type { Draft } from '../stores/composer/composer-store.js';
import { isSelectableRecipient } from './recipients.js';

/** A field of the composer that can be invalid. */
export type DraftField = 'contactId' | 'subject' | 'body';

/** Why a field is invalid: a stable code for UIs with their own words, and an English message. */
export interface FieldError {
  readonly code: 'required' | 'too_long' | 'merge_fields_left' | 'portal_inactive' | 'unknown_contact';
  readonly message: string;
}

/** The result of validating a draft. */
export interface DraftValidation {
  /** Whether the draft can be sent. */
  readonly valid: boolean;
  /** The first problem of each invalid field. */
  readonly errors: Readonly<Partial<Record<DraftField, FieldError>>>;
}

/** What validation needs to know besides the draft. */
export interface ValidationContext {
  /** `new` needs a subject (and, for members, a client); `reply` needs only a body. */
  readonly mode: 'new' | 'reply';
  /** Members pick a client when starting a conversation; clients write to their firm. */
  readonly role: 'member' | 'client';
  /** The firm's contacts, when loaded, to check the chosen one's portal. */
  readonly contacts?: readonly Contact[] | undefined;
}

function textError(
  text: string,
  maxLength: number,
  label: string,
  checkTrimmed: boolean,
): FieldError | undefined {
  const length = checkTrimmed ? text.trim().length : text.length;
  if (text.trim().length === 0) return { code: 'required', message: `Add a ${label}` };
  if (length > maxLength) {
    return {
      code: 'too_long',
      message: `Shorten the ${label} by ${length - maxLength} characters (at most ${maxLength})`,
    };
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

/** Checks a draft against the protocol's limits and the composer's rules, field by field. */
export function validateDraft(draft: Draft, context: ValidationContext): DraftValidation {
  const errors: Partial<Record<DraftField, FieldError>> = {};
  if (context.mode === 'new' && context.role === 'member') {
    const error = contactError(draft, context.contacts);
    if (error) errors.contactId = error;
  }
  if (context.mode === 'new') {
    const error = textError(draft.subject, SUBJECT_MAX_LENGTH, 'subject', true);
    if (error) errors.subject = error;
  }
  const bodyError = textError(draft.body, BODY_MAX_LENGTH, 'message', false);
  if (bodyError) errors.body = bodyError;
  return { valid: Object.keys(errors).length === 0, errors };
}
