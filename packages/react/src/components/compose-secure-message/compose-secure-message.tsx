'use client';
import type { ComposerStatus, ConversationId, DraftField, FieldError, Matter } from '@confide/core';
import {
  type FormEvent,
  forwardRef,
  type HTMLAttributes,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useComposer } from '../../hooks/use-composer.js';
import { useMessages } from '../../hooks/use-messages.js';
import { useViewer } from '../../hooks/use-viewer.js';
import { cx } from '../../lib/class-names.js';
import { isComposingKey } from '../../lib/ime.js';
import { Composer } from '../../primitives/composer/composer.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { useConfideContext } from '../../provider/use-confide-context.js';
import { AttachButton, DropTarget, useFileDrop } from '../attachments/attach-files.js';
import { ComposerAttachments } from '../attachments/composer-attachments.js';
import { CharacterCount, shownErrors, showsCount } from '../shared/character-count.js';
import { draftNotSavedText, NotSavedNotice } from '../shared/not-saved-notice.js';
import type { StyledComponentProps } from '../shared/part-props.js';
import { OfflineBanner } from '../shared/states.js';
import { RecipientPicker } from './recipient-picker.js';
import { type TemplateField, TemplatePicker } from './template-picker.js';

const TEMPLATE_FIELDS: readonly TemplateField[] = ['subject', 'body'];

import { useRetargetingSelect } from './use-retargeting-select.js';
import { useTemplateInsert } from './use-template-insert.js';

/** The parts of a `ComposeSecureMessage` that take a class name. */
export type ComposeSecureMessagePart =
  | 'root'
  | 'title'
  | 'subject'
  | 'body'
  | 'attachments'
  | 'submit'
  | 'warnings';

/** Props of `ComposeSecureMessage`. */
export interface ComposeSecureMessageProps
  extends Omit<HTMLAttributes<HTMLFormElement>, 'children' | 'onSubmit'>,
    Omit<StyledComponentProps<ComposeSecureMessagePart>, 'components'> {
  /** Who is writing: the firm (pick a client, templates) or a client in the portal ("Create new conversation"). @default from the viewer */
  readonly audience?: 'firm' | 'client';
  /** Links the new conversation to the host's matter. */
  readonly matter?: Matter;
  /**
   * Whether the form shows its own heading ("New secure message", "Create new conversation"), which also names the
   * form (a form landmark). Pass `false` where a heading of the host already names the place, such as a dialog's
   * title: a second heading and a form landmark of the same name would make screen readers say it twice. The
   * form then has no name of its own unless the host gives one (`aria-label`, `aria-labelledby`).
   * @default true
   */
  readonly heading?: boolean;
  /** Keeps several new-conversation drafts apart. @default 'new' */
  readonly draftId?: string;
  /**
   * Called exactly once for each conversation this form started, with its id, once the server has it; never for a
   * send that failed. It is called even when the form was closed (unmounted) or re-keyed (another `draftId`) while
   * the send was in flight, since the conversation exists all the same; `details.shown` then is false, so a host
   * that routes to the conversation can leave a person who has moved on where they are.
   */
  readonly onSent?: (conversationId: ConversationId, details: ComposeSentDetails) => void;
  /**
   * Called once when a conversation this form started cannot reach the server now (offline, or its send waits for a
   * retry): it was handed to the message index, which shows it pending (with Retry and Discard should it fail) until
   * the server has it, and the form is empty again. A host goes back to its index here, as it opens the conversation
   * after `onSent`; `onSent` still follows once the server has it, with `details.shown` false if the form has gone.
   * Without it the form stays and says where the conversation went.
   */
  readonly onQueued?: (pendingId: string) => void;
}

/** What `onSent` says besides the conversation's id. */
export interface ComposeSentDetails {
  /** Whether the form was still on screen (mounted, same draft) when the server confirmed the conversation. */
  readonly shown: boolean;
}

function fieldMessage(messages: ConfideMessages, field: DraftField, error: FieldError | undefined) {
  return error ? messages.FIELD_ERROR(field, error.code) : undefined;
}

function describedBy(...ids: readonly (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length > 0 ? present.join(' ') : undefined;
}

/**
 * Starts a secure conversation. Firm side: pick a client (inactive portals disabled with why), a subject, the
 * text or a template (merge fields filled, unknown ones flagged), files (attach button, drag-and-drop or paste; Send
 * waits for their uploads), send with progress. Client side
 * (`audience="client"`): the portal's "Create new conversation" form. Ctrl/Cmd+Enter sends; drafts are saved as
 * they change (they survive a reload with the client's `storage`), and while that storage refuses them (full, a
 * private window) the form says under the text, once, that the draft is lost if the page closes.
 *
 * @example
 * <ComposeSecureMessage onSent={(id) => navigate(`/messages/${id}`)} />
 */
export const ComposeSecureMessage = forwardRef<HTMLFormElement, ComposeSecureMessageProps>(
  function ComposeSecureMessage(props, ref) {
    // A form per draft: a send in flight belongs to the draft it started from, and what the form shows of it (the
    // "sent" status, the attempted validation) must not carry over to another draft.
    return <OneComposeForm key={props.draftId ?? 'new'} {...props} ref={ref} />;
  },
);

/**
 * The latest `onSent` and whether the form is on screen: a send that finishes after the form was closed still
 * reaches the host (once), told that the form is gone.
 */
function useSentCallback(onSent: ComposeSecureMessageProps['onSent']) {
  const latest = useRef(onSent);
  const shown = useRef(false);
  useEffect(() => {
    latest.current = onSent;
  });
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);
  return useCallback((conversationId: ConversationId) => {
    const stillShown = shown.current;
    latest.current?.(conversationId, { shown: stillShown });
    return stillShown;
  }, []);
}

/**
 * Calls `onQueued` once per send the composer hands to the index (its status turning `queued`). Returns the function
 * that names the send in flight (so the call names the conversation handed over) and whether this form handed one.
 */
function useQueuedCallback(status: ComposerStatus, onQueued: ComposeSecureMessageProps['onQueued']) {
  const latest = useRef(onQueued);
  const sendingKey = useRef<string | null>(null);
  // Said only by the form that handed the send over, not by one opened later on the same draft.
  const [handedOver, setHandedOver] = useState(false);
  useEffect(() => {
    latest.current = onQueued;
  });
  useEffect(() => {
    const key = sendingKey.current;
    if (status !== 'queued' || key === null) return;
    sendingKey.current = null;
    setHandedOver(true);
    latest.current?.(key);
  }, [status]);
  const remember = useCallback((key: string) => {
    sendingKey.current = key;
    setHandedOver(false);
  }, []);
  return [remember, handedOver && status === 'queued'] as const;
}

const OneComposeForm = forwardRef<HTMLFormElement, ComposeSecureMessageProps>(
  function OneComposeForm(props, ref) {
    const {
      audience,
      matter,
      draftId,
      heading = true,
      onSent,
      onQueued,
      classNames,
      overrides,
      className,
      ...rest
    } = props;
    const messages = useMessages(overrides);
    const { dates } = useConfideContext();
    const { isMember } = useViewer();
    const composer = useComposer(draftId ? { draftId } : {});
    const firm = (audience ?? (isMember ? 'firm' : 'client')) === 'firm';
    const [attempted, setAttempted] = useState(false);
    const [sentId, setSentId] = useState<ConversationId | null>(null);
    const id = useId();
    const selectRecipient = useRetargetingSelect(composer);
    const { setMatter } = composer;
    const matterId = matter?.id;
    const draftMatterId = composer.draft.matter?.id;
    const attachRef = useRef<HTMLButtonElement>(null);
    const bodyRef = useRef<HTMLTextAreaElement>(null);
    const { dragging, dropProps } = useFileDrop(composer.attachFiles);
    const reportSent = useSentCallback(onSent);
    const templateInsert = useTemplateInsert(composer);
    const [rememberSending, queuedHere] = useQueuedCallback(composer.status, onQueued);

    useEffect(() => {
      if (matter && matterId !== draftMatterId) setMatter(matter);
    }, [matter, matterId, draftMatterId, setMatter]);

    function submit(event: FormEvent) {
      event.preventDefault();
      setAttempted(true);
      if (!composer.validation.valid || composer.status === 'sending') return;
      setSentId(null);
      rememberSending(composer.draft.idempotencyKey);
      composer.send().then(
        (result) => {
          if (!('conversation' in result)) return;
          if (!reportSent(result.conversation.id)) return;
          setAttempted(false);
          setSentId(result.conversation.id);
        },
        () => {},
      );
    }
    // What the person wrote is theirs: a template replaces it only after they said so (the picker asks).
    const written = TEMPLATE_FIELDS.filter((field) => composer.draft[field].trim() !== '');
    function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
      if (event.key === 'Enter' && isComposingKey(event)) {
        // The Enter that commits an input method's composition must not submit the form from a one-line field.
        if (event.target instanceof HTMLInputElement) event.preventDefault();
        return;
      }
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
        event.preventDefault();
        event.currentTarget.requestSubmit();
      }
    }

    const errors = shownErrors(composer.validation.errors, attempted);
    const { lengths } = composer.validation;
    const { unknown, unfilled } = composer.mergeFields;
    const subjectError = fieldMessage(messages, 'subject', errors.subject);
    const bodyError = fieldMessage(messages, 'body', errors.body);
    const sending = composer.status === 'sending';
    const bodyCount = showsCount('body', lengths.body);
    const notSaved = draftNotSavedText(composer, messages);
    // Not sendable yet: Send says so (aria-disabled) but stays focusable, and pressing it lists what is missing.
    const blocked = !composer.validation.valid;
    // Files still uploading, or failed, hold Send back: said next to it at once, not only after pressing it.
    const filesError = composer.validation.errors.attachments;
    const waitingFor = filesError && messages.FIELD_ERROR('attachments', filesError.code);
    return (
      <Composer.Root
        aria-labelledby={heading ? `${id}-title` : undefined}
        {...rest}
        ref={ref}
        state={composer.status}
        data-saving={composer.saving}
        noValidate
        className={cx('confide', 'confide-compose', className, classNames?.root)}
        data-audience={firm ? 'firm' : 'client'}
        onSubmit={submit}
        onKeyDown={onKeyDown}
        {...dropProps}
      >
        {dragging && <DropTarget messages={messages} />}
        {heading && (
          <h2 id={`${id}-title`} className={cx('confide-compose-title', classNames?.title)}>
            {firm ? messages.COMPOSER_TITLE_FIRM : messages.COMPOSER_TITLE_CLIENT}
          </h2>
        )}
        <OfflineBanner messages={messages} liveData={false} />
        {firm && (
          <RecipientPicker
            recipients={composer.recipients}
            selected={composer.draft.contactId}
            messages={messages}
            error={fieldMessage(messages, 'contactId', errors.contactId)}
            onSearch={composer.searchRecipients}
            onSelect={selectRecipient}
          />
        )}
        <div className="confide-field">
          <label className="confide-label" htmlFor={`${id}-subject`}>
            {messages.COMPOSER_SUBJECT_LABEL}
          </label>
          <input
            id={`${id}-subject`}
            className={cx('confide-input', classNames?.subject)}
            dir="auto"
            value={composer.draft.subject}
            onChange={(event) => {
              composer.setSubject(event.currentTarget.value);
              templateInsert.typed('subject', event.currentTarget.value);
            }}
            aria-invalid={subjectError ? true : undefined}
            aria-describedby={describedBy(`${id}-subject-count`, subjectError && `${id}-subject-error`)}
          />
          <CharacterCount id={`${id}-subject-count`} length={lengths.subject} messages={messages} />
          {subjectError && (
            <span id={`${id}-subject-error`} className="confide-field-error">
              {subjectError}
            </span>
          )}
        </div>
        {firm && (
          <TemplatePicker
            messages={messages}
            contactId={composer.draft.contactId}
            written={written}
            onInsert={(template, keep) => void templateInsert.insert(template, keep)}
            insertedFocusRef={bodyRef}
          />
        )}
        <div className="confide-field">
          <label className="confide-label" htmlFor={`${id}-body`}>
            {messages.COMPOSER_BODY_LABEL}
          </label>
          <Composer.Body
            ref={bodyRef}
            id={`${id}-body`}
            className={cx('confide-textarea', classNames?.body)}
            rows={8}
            value={composer.draft.body}
            onValueChange={(body) => {
              composer.setBody(body);
              templateInsert.typed('body', body);
            }}
            onPasteFiles={composer.attachFiles}
            aria-invalid={bodyError ? true : undefined}
            aria-describedby={describedBy(
              `${id}-hint`,
              bodyCount && `${id}-body-count`,
              bodyError && `${id}-body-error`,
              notSaved !== null && `${id}-not-saved`,
            )}
          />
          <span id={`${id}-hint`} className="confide-hint">
            {messages.COMPOSER_SHORTCUT_HINT}
          </span>
          {bodyCount && <CharacterCount id={`${id}-body-count`} length={lengths.body} messages={messages} />}
          {bodyError && (
            <span id={`${id}-body-error`} className="confide-field-error">
              {bodyError}
            </span>
          )}
          <NotSavedNotice id={`${id}-not-saved`} className="confide-hint" text={notSaved} />
        </div>
        <div className={cx('confide-field', classNames?.attachments)}>
          <ComposerAttachments
            attachments={composer.attachments}
            messages={messages}
            locale={dates.locale}
            onCancel={composer.removeAttachment}
            onRetry={composer.retryAttachment}
            onRemove={composer.removeAttachment}
            returnFocusRef={attachRef}
          />
          <div>
            <AttachButton ref={attachRef} messages={messages} onFiles={composer.attachFiles} />
          </div>
        </div>
        <div className={cx('confide-warnings', classNames?.warnings)} aria-live="polite">
          {unknown.length > 0 && (
            <p className="confide-warning">{messages.COMPOSER_UNKNOWN_FIELDS(unknown)}</p>
          )}
          {unfilled.length > 0 && (
            <p className="confide-warning">{messages.COMPOSER_UNFILLED_FIELDS(unfilled)}</p>
          )}
        </div>
        <div className="confide-compose-actions">
          <span role="status" className="confide-hint">
            {sending && (
              <>
                <progress className="confide-progress" aria-label={messages.COMPOSER_SENDING} />{' '}
                {messages.COMPOSER_SENDING}
              </>
            )}
            {composer.status === 'sent' && sentId && messages.COMPOSER_SENT}
            {queuedHere && messages.COMPOSER_QUEUED}
          </span>
          {composer.status === 'failed' && (
            <span role="alert" className="confide-field-error">
              {composer.error?.context?.reason === 'sender_changed'
                ? `${messages.MESSAGE_FAILED} ${messages.MESSAGE_FAILED_SENDER_CHANGED}`
                : messages.COMPOSER_FAILED}
            </span>
          )}
          {waitingFor && (
            <span id={`${id}-waiting`} className="confide-hint">
              {waitingFor}
            </span>
          )}
          <Composer.Submit
            state={composer.status}
            aria-disabled={blocked || undefined}
            aria-describedby={waitingFor ? `${id}-waiting` : undefined}
            className={cx('confide-button', 'confide-button-primary', classNames?.submit)}
          >
            {sending ? messages.COMPOSER_SENDING : messages.COMPOSER_SEND}
          </Composer.Submit>
        </div>
      </Composer.Root>
    );
  },
);
