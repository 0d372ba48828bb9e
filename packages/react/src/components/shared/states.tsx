import type { ConfideError } from '@confide/core';
import type { ConfideMessages } from '../../provider/messages.js';

/** Placeholder rows while the first page loads. */
export function Skeleton({ rows, label }: { readonly rows: number; readonly label: string }) {
  return (
    <div className="confide-skeleton" role="status" aria-label={label} data-state="loading">
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders.
        <div key={index} className="confide-skeleton-row" aria-hidden="true" />
      ))}
    </div>
  );
}

/** A failure with a way to try again. */
export function ErrorState({
  error,
  messages,
  onRetry,
}: {
  readonly error: ConfideError | null;
  readonly messages: ConfideMessages;
  readonly onRetry: () => void;
}) {
  return (
    <div className="confide-error" role="alert" data-state="error" data-code={error?.code}>
      <p>{messages.ERROR_GENERIC}</p>
      <button type="button" className="confide-button" onClick={onRetry}>
        {messages.RETRY}
      </button>
    </div>
  );
}

/** Says the device is offline; sends wait until it is back. */
export function OfflineBanner({ messages }: { readonly messages: ConfideMessages }) {
  return (
    <div className="confide-offline" role="status" data-state="offline">
      {messages.OFFLINE}
    </div>
  );
}
