import type { ClientStartedThreadValue, ContactRow, MemberRow } from '../store/rows.js';

/**
 * The setting a firm has before anyone changes it: every member hears about a conversation a client starts, so
 * that a client with no assignees is never left unanswered.
 */
export const DEFAULT_CLIENT_STARTED_THREAD: ClientStartedThreadValue = 'all_members';

/**
 * The members a client-started conversation notifies (in-app and by e-mail) under the firm's setting, in the
 * firm's member order, each once. Assignees who are not members of the firm are ignored.
 */
export function chooseClientStartedRecipients(
  setting: ClientStartedThreadValue,
  members: readonly MemberRow[],
  contact: ContactRow,
): MemberRow[] {
  const assignees = new Set(contact.assigneeIds);
  switch (setting) {
    case 'none':
      return [];
    case 'all_members':
      return [...members];
    case 'assignees':
      return members.filter((member) => assignees.has(member.id));
    case 'assignees_and_owner':
      return members.filter((member) => assignees.has(member.id) || member.role === 'owner');
  }
}

/** Every member of the firm: a client's reply notifies all of them (the sender among them, on the firm side). */
export function chooseClientReplyRecipients(members: readonly MemberRow[]): MemberRow[] {
  return [...members];
}
