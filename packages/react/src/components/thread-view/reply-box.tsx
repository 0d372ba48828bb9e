'use client';
import type { ConversationId } from '@confide/core';
import { type FormEvent, useId, useRef } from 'react';
import { useComposer } from '../../hooks/use-composer.js';
import { cx } from '../../lib/class-names.js';
import { Composer } from '../../primitives/composer/composer.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { AttachButton, DropTarget, useFileDrop } from '../attachments/attach-files.js';
import { ComposerAttachments } from '../attachments/composer-attachments.js';
import { CharacterCount, showsCount } from '../shared/character-count.js';
import { draftNotSavedText, NotSavedNotice } from '../shared/not-saved-notice.js';

/** Props of the thread's reply box. */
export interface ReplyBoxProps {
  readonly conversationId: ConversationId;
  readonly isMember: boolean;
  readonly messages: ConfideMessages;
  /** The locale file sizes are written in. */
  readonly locale: string | undefined;
  readonly className: string | undefined;
  /** Called once a reply is on its way (it shows in the thread at once). */
  readonly onSent: () => void;
}

/**
 * The reply box under a thread; members can make the reply an internal note (its files firm-only too). Files come by
 * the attach button, drag-and-drop or paste. Send stays disabled while the reply has neither visible text nor files,
 * and, with the reason, while files upload; text over the limit says so (with its count, as the server counts it).
 * While the device's storage refuses drafts, it says under the text that the reply is lost if the page closes.
 */
export function ReplyBox({ conversationId, isMember, messages, locale, className, onSent }: ReplyBoxProps) {
  const composer = useComposer({ conversationId });
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const attachRef = useRef<HTMLButtonElement>(null);
  const { dragging, dropProps } = useFileDrop(composer.attachFiles);
  // Files still uploading, or failed, hold Send back: said next to it at once.
  const filesError = composer.validation.errors.attachments;
  const waitingFor = filesError && messages.FIELD_ERROR('attachments', filesError.code);
  const bodyId = useId();
  const hintId = useId();
  const { valid, errors, lengths } = composer.validation;
  // An empty reply only disables Send; every other problem says why Send is disabled.
  const bodyError = errors.body?.code === 'required' ? undefined : errors.body;
  const showCount = showsCount('body', lengths.body);
  const notSaved = draftNotSavedText(composer, messages);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    void composer.send().catch(() => {});
    onSent();
    // The emptied box disables Send, which would drop focus to the page: the next reply starts where this one did.
    bodyRef.current?.focus();
  }
  return (
    <Composer.Root
      className={cx('confide-reply', className)}
      state={composer.status}
      data-saving={composer.saving}
      onSubmit={submit}
      data-internal={composer.draft.internal ? '' : undefined}
      {...dropProps}
    >
      {dragging && <DropTarget messages={messages} />}
      <label htmlFor={bodyId} className="confide-visually-hidden">
        {messages.COMPOSER_REPLY_LABEL}
      </label>
      <Composer.Body
        ref={bodyRef}
        id={bodyId}
        className="confide-textarea"
        rows={3}
        value={composer.draft.body}
        onValueChange={composer.setBody}
        onPasteFiles={composer.attachFiles}
        placeholder={messages.COMPOSER_BODY_PLACEHOLDER}
        aria-invalid={bodyError ? true : undefined}
        aria-describedby={[
          hintId,
          showCount && `${bodyId}-count`,
          bodyError && `${bodyId}-error`,
          notSaved && `${bodyId}-not-saved`,
        ]
          .filter(Boolean)
          .join(' ')}
      />
      <span id={hintId} className="confide-visually-hidden">
        {messages.COMPOSER_SHORTCUT_HINT}
      </span>
      {bodyError && (
        <span id={`${bodyId}-error`} className="confide-field-error">
          {messages.FIELD_ERROR('body', bodyError.code)}
        </span>
      )}
      <NotSavedNotice id={`${bodyId}-not-saved`} className="confide-hint" text={notSaved} />
      <ComposerAttachments
        attachments={composer.attachments}
        messages={messages}
        locale={locale}
        onCancel={composer.removeAttachment}
        onRetry={composer.retryAttachment}
        onRemove={composer.removeAttachment}
        returnFocusRef={attachRef}
      />
      <div className="confide-reply-actions">
        <AttachButton ref={attachRef} messages={messages} onFiles={composer.attachFiles} />
        {showCount && <CharacterCount id={`${bodyId}-count`} length={lengths.body} messages={messages} />}
        {waitingFor && (
          <span id={`${bodyId}-waiting`} className="confide-hint">
            {waitingFor}
          </span>
        )}
        {/* "Internal note" decides who the reply goes to, so it sits with Send, just before it (in the tab order
            too): a member sees where the message goes as they send it. */}
        <div className="confide-reply-send">
          {isMember && (
            <label className="confide-checkbox">
              <input
                type="checkbox"
                checked={composer.draft.internal}
                onChange={(event) => composer.setInternal(event.currentTarget.checked)}
              />
              {messages.COMPOSER_INTERNAL_NOTE}
            </label>
          )}
          <Composer.Submit
            className="confide-button confide-button-primary"
            disabled={!valid}
            aria-describedby={waitingFor ? `${bodyId}-waiting` : undefined}
          >
            {messages.COMPOSER_SEND}
          </Composer.Submit>
        </div>
      </div>
    </Composer.Root>
  );
}
