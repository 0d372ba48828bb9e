'use client';
import type { ConversationId } from '@confide/core';
import { type FormEvent, useId } from 'react';
import { useComposer } from '../../hooks/use-composer.js';
import { cx } from '../../lib/class-names.js';
import { Composer } from '../../primitives/composer/composer.js';
import type { ConfideMessages } from '../../provider/messages.js';

/** Props of the thread's reply box. */
export interface ReplyBoxProps {
  readonly conversationId: ConversationId;
  readonly isMember: boolean;
  readonly messages: ConfideMessages;
  readonly className: string | undefined;
  /** Called once a reply is on its way (it shows in the thread at once). */
  readonly onSent: () => void;
}

/** The reply box under a thread; members can make the reply an internal note. */
export function ReplyBox({ conversationId, isMember, messages, className, onSent }: ReplyBoxProps) {
  const composer = useComposer({ conversationId });
  const bodyId = useId();
  const hintId = useId();
  const canSend = composer.draft.body.trim().length > 0;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSend) return;
    void composer.send().catch(() => {});
    onSent();
  }
  return (
    <Composer.Root
      className={cx('confide-reply', className)}
      state={composer.status}
      onSubmit={submit}
      data-internal={composer.draft.internal ? '' : undefined}
    >
      <label htmlFor={bodyId} className="confide-visually-hidden">
        {messages.COMPOSER_REPLY_LABEL}
      </label>
      <Composer.Body
        id={bodyId}
        className="confide-textarea"
        rows={3}
        value={composer.draft.body}
        onValueChange={composer.setBody}
        placeholder={messages.COMPOSER_BODY_PLACEHOLDER}
        aria-describedby={hintId}
      />
      <span id={hintId} className="confide-visually-hidden">
        {messages.COMPOSER_SHORTCUT_HINT}
      </span>
      <div className="confide-reply-actions">
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
        <Composer.Submit className="confide-button confide-button-primary" disabled={!canSend}>
          {messages.COMPOSER_SEND}
        </Composer.Submit>
      </div>
    </Composer.Root>
  );
}
