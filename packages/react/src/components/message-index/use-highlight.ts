import { useCallback, useState } from 'react';

/** The keyboard highlight of a list, and how to move it. */
export interface Highlight {
  /** The highlighted item's position in the list. */
  readonly current: number;
  /** Highlights the item at a position. */
  readonly highlightAt: (index: number) => void;
}

/**
 * A listbox's keyboard highlight that follows an item's key, not a position: a live update that re-sorts the list
 * keeps it on its item. When its item leaves the list (filtered out, moved away by a live event) the highlight stays
 * where the reader's eyes are, on the item that took its place (or the last one), as React Aria's collections do,
 * rather than jumping to the top of a list the reader may have scrolled far down. Before any key is pressed it sits on
 * `fallback` (the selection) or on the first item, as WAI-ARIA's listbox pattern asks.
 */
export function useHighlight(keys: readonly string[], fallback: string | null): Highlight {
  const [highlight, setHighlight] = useState<{ key: string; position: number } | null>(null);
  let current = -1;
  if (highlight) {
    const found = keys.indexOf(highlight.key);
    current = found >= 0 ? found : Math.min(highlight.position, keys.length - 1);
  }
  if (current < 0) current = fallback === null ? 0 : Math.max(0, keys.indexOf(fallback));
  const currentKey = keys[current];
  // Stored during render (React's pattern for state derived from the previous render): the item that took the place
  // of one that left is highlighted from now on, and a re-sort moves the remembered place with its item.
  if (
    highlight &&
    currentKey !== undefined &&
    (highlight.key !== currentKey || highlight.position !== current)
  )
    setHighlight({ key: currentKey, position: current });
  const highlightAt = useCallback(
    (index: number) => {
      const key = keys[index];
      if (key !== undefined) setHighlight({ key, position: index });
    },
    [keys],
  );
  return { current, highlightAt };
}
