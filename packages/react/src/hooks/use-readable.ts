import type { Readable } from '@confide/core';
import { useCallback, useSyncExternalStore } from 'react';

/** Follows a core readable; with a selector, re-renders only when the selected value changes. */
export function useReadable<Snapshot, Selected = Snapshot>(
  readable: Readable<Snapshot>,
  selector?: (snapshot: Snapshot) => Selected,
): Selected {
  const subscribe = useCallback((onChange: () => void) => readable.subscribe(onChange), [readable]);
  const getSnapshot = useCallback(
    () => (selector ? selector(readable.getSnapshot()) : (readable.getSnapshot() as unknown as Selected)),
    [readable, selector],
  );
  // The server renders the same (loading) snapshot the client starts from, so hydration matches.
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
