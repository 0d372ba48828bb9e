import { ConfideError } from '@confide/core';
import { useEffect, useState } from 'react';

/** Wait before the first new try of a read mark that failed on the way, in milliseconds (doubles per failure). */
export const READ_MARK_RETRY_BASE_DELAY_MS = 1_000;
/** Longest wait between two tries of a read mark, in milliseconds. */
export const READ_MARK_RETRY_MAX_DELAY_MS = 30_000;

/**
 * Marks the thread read while `reading` holds (the newest message on screen, the page in front), and tries again,
 * with a growing wait, when a retryable failure (the connection dropped, a timeout, a 5xx) lost the mark: a read
 * mark nobody retries leaves the person's index showing "unread" and the firm without its "Seen". A mark refused
 * for good (not found, forbidden) is not tried again; a new message or the person's return tries anew.
 */
export function useReadMarking(
  reading: boolean,
  newestSent: string | undefined,
  markRead: () => Promise<void>,
) {
  const [failures, setFailures] = useState(0);
  useEffect(() => {
    if (!reading || !newestSent) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    markRead().catch((error: unknown) => {
      if (!current || !ConfideError.is(error) || !error.retryable) return;
      const delay = Math.min(READ_MARK_RETRY_MAX_DELAY_MS, READ_MARK_RETRY_BASE_DELAY_MS * 2 ** failures);
      timer = setTimeout(() => setFailures((count) => count + 1), delay);
    });
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [reading, newestSent, markRead, failures]);
}
