import type { SendFailure } from '@confide/core';
import { useStore } from 'zustand';
import { useConfideClient } from '../../hooks/use-client.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { NotSavedNotice } from './not-saved-notice.js';

/**
 * Why a send failed, said to the reader when retrying cannot help: the client's portal is not active (in the words
 * the composer uses for the same refusal), or the send was written by the person signed in before.
 */
function failureReason(failure: SendFailure | null, messages: ConfideMessages): string | undefined {
  if (failure?.code === 'portal_inactive') return messages.FIELD_ERROR('contactId', 'portal_inactive');
  if (failure?.reason === 'sender_changed') return messages.MESSAGE_FAILED_SENDER_CHANGED;
  return undefined;
}

/** Props of `SendStatus`. */
export interface SendStatusProps {
  /** `sending` while it waits or goes out, `failed` once the outbox gave up on it. */
  readonly state: 'sending' | 'failed';
  readonly failure: SendFailure | null;
  readonly messages: ConfideMessages;
  readonly className: string | undefined;
  readonly onRetry: () => void;
  readonly onDiscard: () => void;
}

/**
 * Where an unconfirmed send stands, in words (never colour alone): "Sending…", or "Not sent." announced at once with
 * the reason when retrying cannot help, and Retry and Discard; and, while the storage refuses the outbox, that the
 * send is lost if the page closes (said once for the page however many sends wait, see `NotSavedNotice`). A thread's
 * pending message and the index's pending conversation both show it.
 */
export function SendStatus({ state, failure, messages, className, onRetry, onDiscard }: SendStatusProps) {
  // Whether the device's storage refused the outbox (full, a private window): the send is then in this page alone.
  const saving = useStore(useConfideClient().stores.outbox, (outbox) => outbox.saving);
  const notSaved = saving === 'failed' ? messages.MESSAGE_NOT_SAVED : null;
  if (state === 'sending')
    return (
      <div className={className} data-state="sending" data-saving={saving}>
        {messages.MESSAGE_SENDING} <NotSavedNotice text={notSaved} />
      </div>
    );
  const reason = failureReason(failure, messages);
  return (
    <div className={className} data-state="failed" data-saving={saving} role="alert">
      <span>{messages.MESSAGE_FAILED}</span>
      {reason && (
        <>
          {' '}
          <span>{reason}</span>
        </>
      )}
      {notSaved && (
        <>
          {' '}
          <span>{notSaved}</span>
        </>
      )}
      <button type="button" className="confide-button confide-button-small" onClick={onRetry}>
        {messages.MESSAGE_RETRY}
      </button>
      <button
        type="button"
        className="confide-button confide-button-small confide-button-quiet"
        onClick={onDiscard}
      >
        {messages.MESSAGE_DISCARD}
      </button>
    </div>
  );
}
