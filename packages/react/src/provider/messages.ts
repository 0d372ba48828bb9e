import type { ClientStartedThread, DraftField, FieldError, UnavailableReason } from '@confide/core';

/**
 * Every string the kit shows, in English. Hosts replace any of them through the provider's (or a component's)
 * `overrides`; functions take the values they need (counts, names) so plurals and word order can change.
 */
export const defaultMessages = {
  LOADING: 'Loading…',
  RETRY: 'Try again',
  ERROR_GENERIC: 'Something went wrong.',
  OFFLINE: 'You are offline. Messages will be sent when you reconnect.',
  COMPOSER_SEND: 'Send',
  COMPOSER_SENDING: 'Sending…',
  COMPOSER_SENT: 'Message sent.',
  COMPOSER_FAILED: 'Your message could not be sent.',
  COMPOSER_BODY_LABEL: 'Message',
  COMPOSER_BODY_PLACEHOLDER: 'Write a secure message…',
  COMPOSER_REPLY_LABEL: 'Reply',
  COMPOSER_SUBJECT_LABEL: 'Subject',
  COMPOSER_CONTACT_LABEL: 'Client',
  COMPOSER_CONTACT_PLACEHOLDER: 'Search clients by name or e-mail',
  COMPOSER_CONTACT_EMPTY: 'No clients match.',
  COMPOSER_SHORTCUT_HINT: 'Press Ctrl+Enter or ⌘+Enter to send.',
  COMPOSER_INTERNAL_NOTE: 'Internal note (only your firm sees it)',
  COMPOSER_TITLE_FIRM: 'New secure message',
  COMPOSER_TITLE_CLIENT: 'Create new conversation',
  COMPOSER_UNKNOWN_FIELDS: (fields: readonly string[]) =>
    `Unknown merge ${fields.length === 1 ? 'field' : 'fields'} ${fields.join(', ')}: edit the text before sending.`,
  COMPOSER_UNFILLED_FIELDS: (fields: readonly string[]) =>
    `No value for ${fields.join(', ')}: pick a client or edit the text before sending.`,
  COMPOSER_CHARACTER_COUNT: (length: number, max: number) =>
    `${length.toLocaleString('en')} of ${max.toLocaleString('en')} characters`,
  FIELD_ERROR: (field: DraftField, code: FieldError['code']) =>
    ({
      required: {
        contactId: 'Choose a client.',
        subject: 'Add a subject.',
        body: 'Write a message.',
        attachments: undefined,
      }[field],
      too_long: `The ${field === 'subject' ? 'subject' : 'message'} is too long: shorten it to send.`,
      invalid_character: `Remove the control characters from the ${field === 'subject' ? 'subject' : 'message'}.`,
      merge_fields_left: 'Fill in or remove the merge fields left in the text.',
      other_client_details:
        'This text was filled in for another client and still carries their details: change them before sending.',
      portal_inactive: 'This client does not have an active portal.',
      unknown_contact: 'This client is not in your firm.',
      uploading: 'Wait until every file has finished uploading.',
      upload_failed: 'Retry or remove the files that could not be uploaded.',
    })[code],
  RECIPIENT_UNAVAILABLE: (reason: UnavailableReason) =>
    reason === 'portal_invited' ? 'Invited, portal not activated yet' : 'No active portal',
  TEMPLATE_INSERT: 'Insert template',
  TEMPLATE_SEARCH: 'Search templates',
  TEMPLATE_EMPTY: 'No templates.',
  TEMPLATE_USE: 'Use this template',
  TEMPLATE_PREVIEW: 'Preview',
  TEMPLATE_CLOSE: 'Close',
  THREAD_LABEL: (subject: string) => `Conversation: ${subject}`,
  THREAD_EMPTY: 'No messages yet.',
  THREAD_LOAD_OLDER: 'Load older messages',
  THREAD_LOADING_OLDER: 'Loading older messages…',
  THREAD_NEW_MESSAGES: (count: number) => (count === 1 ? '1 new message' : `${count} new messages`),
  THREAD_ANNOUNCE_NEW: (author: string) => `New message from ${author}`,
  MESSAGE_SEEN: 'Seen',
  MESSAGE_SENDING: 'Sending…',
  MESSAGE_FAILED: 'Not sent.',
  MESSAGE_RETRY: 'Retry',
  MESSAGE_DISCARD: 'Discard',
  MESSAGE_INTERNAL: 'Internal note',
  MESSAGE_YOU: 'You',
  INDEX_LABEL: 'Conversations',
  INDEX_SEARCH: 'Search conversations',
  INDEX_FILTER_UNREAD: 'Unread only',
  INDEX_FILTER_MATTER: 'Matter',
  INDEX_ALL_MATTERS: 'All matters',
  INDEX_EMPTY: 'No conversations yet.',
  INDEX_NO_RESULTS: 'No conversations match.',
  INDEX_NO_PREVIEW: 'No messages yet.',
  UNREAD_COUNT: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  NOTIFICATIONS_LABEL: 'Notifications',
  NOTIFICATIONS_BELL: (count: number) => (count === 0 ? 'Notifications' : `Notifications, ${count} unread`),
  NOTIFICATIONS_EMPTY: 'No notifications.',
  NOTIFICATIONS_MARK_ALL_READ: 'Mark all as read',
  NOTIFICATIONS_MARK_READ: 'Mark as read',
  NOTIFICATION_CLIENT_REPLIED: (name: string, subject: string) => `${name} replied in “${subject}”`,
  NOTIFICATION_CLIENT_STARTED: (name: string, subject: string) => `${name} started “${subject}”`,
  SETTINGS_LEGEND: 'When a client starts a conversation, notify',
  SETTINGS_READ_ONLY: 'Only owners and admins can change this setting.',
  SETTINGS_SAVE: 'Save',
  SETTINGS_SAVED: 'Saved.',
  SETTINGS_OPTION: (value: ClientStartedThread) =>
    ({
      assignees: "The client's assignees",
      assignees_and_owner: "The client's assignees and the owner",
      all_members: 'All members',
      none: 'No one',
    })[value],
};

/** The kit's strings: the English defaults' shape, which overrides must follow. */
export type ConfideMessages = typeof defaultMessages;

/** Some of the kit's strings, replacing the defaults. */
export type ConfideOverrides = Partial<ConfideMessages>;
