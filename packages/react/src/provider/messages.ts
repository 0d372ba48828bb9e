import type {
  ClientStartedThread,
  ConfideErrorCode,
  DraftField,
  FieldError,
  UnavailableReason,
} from '@confide/core';

/** The errors a person can act on, said in words (the rest say `ERROR_GENERIC`). */
const ERROR_TEXTS: Partial<Record<ConfideErrorCode, string>> = {
  network: 'No answer from the server. Check your connection, then try again.',
  timeout: 'The server took too long to answer. Try again.',
  internal: 'The server had a problem. Try again in a moment.',
  rate_limited: 'Too many requests for now. Wait a moment, then try again.',
  unauthenticated: 'Your session has ended. Sign in again.',
  forbidden: 'You do not have access to this.',
  not_found: 'This is no longer available, or you do not have access to it.',
};

/**
 * Every string the kit shows, in English. Hosts replace any of them through the provider's (or a component's)
 * `overrides`; functions take the values they need (counts, names) so plurals and word order can change.
 */
export const defaultMessages = {
  LOADING: 'Loading…',
  /** What loading says offline: the request waits for the connection. */
  LOADING_OFFLINE: 'This will load when you are back online.',
  RETRY: 'Try again',
  ERROR_GENERIC: 'Something went wrong.',
  /** What a failed load or save says, by its error's code; `undefined` says `ERROR_GENERIC`. */
  ERROR_BY_CODE: (code: ConfideErrorCode): string | undefined => ERROR_TEXTS[code],
  OFFLINE: 'You are offline. Messages will be sent when you reconnect.',
  LIVE_UPDATES_HELD_BACK:
    'New messages are paused here: you have too many tabs or devices open. This page catches up when one is closed.',
  COMPOSER_SEND: 'Send',
  COMPOSER_SENDING: 'Sending…',
  COMPOSER_SENT: 'Message sent.',
  COMPOSER_FAILED: 'Your message could not be sent.',
  COMPOSER_QUEUED: 'Not sent yet: it waits in your conversations and goes out as soon as it can.',
  /** Said where a person writes while the device's storage refuses drafts (full, a private window). */
  COMPOSER_DRAFT_NOT_SAVED:
    'Your draft is not saved on this device: it is lost if this page closes or reloads.',
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
      overlong_character: `A character in the ${field === 'subject' ? 'subject' : 'message'} is made of too many stacked marks or joined symbols: remove it to send.`,
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
  ATTACH_FILES: 'Attach files',
  ATTACH_DROP_HERE: 'Drop files to attach them',
  ATTACHMENTS_LABEL: 'Files to send',
  MESSAGE_ATTACHMENTS_LABEL: 'Attached files',
  ATTACHMENT_UPLOADING: 'Uploading…',
  ATTACHMENT_PROGRESS: (percent: number) => `${percent} % uploaded`,
  ATTACHMENT_UPLOADED: 'Uploaded',
  ATTACHMENT_CANCEL: 'Cancel',
  ATTACHMENT_CANCEL_LABEL: (name: string) => `Cancel ${name}`,
  ATTACHMENT_RETRY: 'Retry',
  ATTACHMENT_RETRY_LABEL: (name: string) => `Retry ${name}`,
  ATTACHMENT_REMOVE: 'Remove',
  ATTACHMENT_REMOVE_LABEL: (name: string) => `Remove ${name}`,
  ATTACHMENT_TOO_LARGE: (limit: string | null) =>
    limit ? `Too large: files can be at most ${limit}.` : 'Too large to send.',
  ATTACHMENT_TYPE_NOT_ALLOWED: 'This type of file is not accepted.',
  ATTACHMENT_TOO_MANY: 'A message can carry at most 20 files.',
  ATTACHMENT_NAME_INVALID: 'This file name cannot be used: rename the file and attach it again.',
  ATTACHMENT_UPLOAD_FAILED: 'Upload failed. Try again.',
  ATTACHMENT_REFUSED: 'The server did not accept this file. Remove it, then attach it again.',
  ATTACHMENT_BLOCKED: 'Removed for a security reason',
  ATTACHMENT_SCANNING: 'Checking for viruses…',
  ATTACHMENT_NOT_SCANNED: 'Not scanned',
  ATTACHMENT_DOWNLOAD_LABEL: (name: string, size: string) => `Download ${name}, ${size}`,
  ATTACHMENT_DOWNLOADING: 'Preparing download…',
  ATTACHMENT_DOWNLOAD_FAILED: 'The download could not start. Try again.',
  ATTACHMENT_UNAVAILABLE: 'Not available yet. Try again in a moment.',
  ATTACHMENT_SHA256: 'SHA-256',
  ATTACHMENT_COPY_SHA256: (name: string) => `Copy the SHA-256 of ${name}`,
  ATTACHMENT_COPY: 'Copy',
  ATTACHMENT_COPIED: 'Copied.',
  ATTACHMENT_CLIENT_DOWNLOADED: (date: string) => `Downloaded by the client on ${date}`,
  ATTACHMENT_ANNOUNCE_STARTED: (name: string) => `Uploading ${name}.`,
  ATTACHMENT_ANNOUNCE_PROGRESS: (name: string, percent: number) => `${name}: ${percent} % uploaded.`,
  ATTACHMENT_ANNOUNCE_DONE: (name: string) => `${name} uploaded.`,
  ATTACHMENT_ANNOUNCE_FAILED: (name: string) => `${name} could not be uploaded.`,
  TEMPLATE_INSERT: 'Insert template',
  TEMPLATE_SEARCH: 'Search templates',
  TEMPLATE_EMPTY: 'No templates.',
  TEMPLATE_USE: 'Use this template',
  TEMPLATE_PREVIEW: 'Preview',
  TEMPLATE_CLOSE: 'Close',
  TEMPLATE_REPLACE_QUESTION: (fields: readonly ('subject' | 'body')[]) =>
    `Replace the ${fields.map((field) => (field === 'subject' ? 'subject' : 'message')).join(' and ')} you wrote with the template’s?`,
  TEMPLATE_REPLACE_CONFIRM: 'Replace',
  TEMPLATE_REPLACE_EMPTY_ONLY: 'Fill in only what is empty',
  TEMPLATE_REPLACE_CANCEL: 'Keep what I wrote',
  THREAD_LABEL: (subject: string) => `Conversation: ${subject}`,
  THREAD_EMPTY: 'No messages yet.',
  THREAD_LOAD_OLDER: 'Load older messages',
  THREAD_LOADING_OLDER: 'Loading older messages…',
  THREAD_NEW_MESSAGES: (count: number) => (count === 1 ? '1 new message' : `${count} new messages`),
  THREAD_ANNOUNCE_NEW: (author: string) => `New message from ${author}`,
  MESSAGE_SEEN: 'Seen',
  MESSAGE_SENDING: 'Sending…',
  MESSAGE_FAILED: 'Not sent.',
  MESSAGE_NOT_SAVED: 'Not saved on this device: it is lost if this page closes before it is sent.',
  MESSAGE_FAILED_SENDER_CHANGED:
    'Someone else signed in on this device after it was written, so it was not sent under their name.',
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
  INDEX_PENDING_LABEL: 'Not sent yet',
  INDEX_PREVIEW_FILES: (count: number) => (count === 1 ? '📎 1 file' : `📎 ${count} files`),
  UNREAD_COUNT: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  NOTIFICATIONS_LABEL: 'Notifications',
  NOTIFICATIONS_BELL: (count: number) => (count === 0 ? 'Notifications' : `Notifications, ${count} unread`),
  NOTIFICATIONS_EMPTY: 'No notifications.',
  NOTIFICATIONS_MARK_ALL_READ: 'Mark all as read',
  NOTIFICATIONS_MARK_READ: 'Mark as read',
  NOTIFICATIONS_MARK_FAILED: 'Not marked as read. Try again.',
  NOTIFICATION_CLIENT_REPLIED: (name: string, subject: string) => `${name} replied in “${subject}”`,
  NOTIFICATION_CLIENT_STARTED: (name: string, subject: string) => `${name} started “${subject}”`,
  NOTIFICATION_ATTACHMENT_BLOCKED: (subject: string) =>
    `A file in “${subject}” was blocked by the malware scan`,
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
