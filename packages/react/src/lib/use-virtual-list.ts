import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

/** Options of `useVirtualList`. */
export interface VirtualListOptions {
  /** The items' stable keys, in display order. */
  readonly keys: readonly string[];
  /** The height to assume for an item not measured yet, in pixels. */
  readonly estimateSize: number;
  /** Extra pixels rendered above and below the viewport so fast scrolling shows no gaps. @default 600 */
  readonly overscanPx?: number;
  /**
   * Items to render when the viewport has no size yet (server render, tests without layout). `start` shows the
   * first ones, `end` the last ones (a thread opens at its newest message).
   */
  readonly initial: { readonly count: number; readonly from: 'start' | 'end' };
}

/** What `useVirtualList` gives the list. */
export interface VirtualList {
  /** The first and one-past-last index to render. */
  readonly start: number;
  readonly end: number;
  /** Space standing in for the items above and below the rendered ones, in pixels. */
  readonly paddingBefore: number;
  readonly paddingAfter: number;
  /** Ref for the scrolling element. */
  readonly viewportRef: (node: HTMLElement | null) => void;
  /** Ref factory for one rendered item, measuring its real height. */
  readonly measure: (key: string) => (node: HTMLElement | null) => void;
  /** Call from the viewport's `onScroll`. */
  readonly onScroll: () => void;
  /** Whether the viewport shows the end of the list. */
  readonly atEnd: boolean;
  /** Whether the viewport shows the start of the list. */
  readonly atStart: boolean;
  /** Whether the viewport has a size (false on the server and in tests without layout). */
  readonly hasLayout: boolean;
  /** How far an item's top sits below the list's top, in pixels (estimated until the item is measured). */
  readonly offsetOf: (index: number) => number;
  /** How many items one viewport shows (the initial count while the viewport has no size): a page for PageDown. */
  readonly pageSize: number;
  /** Scrolls an item into view. */
  readonly scrollToIndex: (index: number) => void;
  /** Scrolls to the very end. */
  readonly scrollToEnd: () => void;
  /** Keeps the list scrolled to the end when items are added or measured (a thread's "pinned" mode). */
  readonly setPinned: (pinned: boolean) => void;
}

// A viewport within this many pixels of an edge counts as being at it (sub-pixel rounding, momentum scrolling).
const EDGE_TOLERANCE_PX = 4;

const isAtEnd = (node: HTMLElement) =>
  node.scrollHeight - node.scrollTop - node.clientHeight <= EDGE_TOLERANCE_PX;

function firstAtOrAfter(offsets: readonly number[], target: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((offsets[middle + 1] ?? Number.POSITIVE_INFINITY) <= target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Windowing with measured heights: renders only the items near the viewport, keeps the item at the top of the
 * viewport in place when items are added above it or measured, and can stay pinned to the end. The viewport's own
 * size is observed too (a window resize, a reply box growing under it).
 */
export function useVirtualList(options: VirtualListOptions): VirtualList {
  const { keys, estimateSize, overscanPx = 600, initial } = options;
  const sizes = useRef(new Map<string, number>());
  const viewport = useRef<HTMLElement | null>(null);
  const pinned = useRef(initial.from === 'end');
  // The viewport's scroll position and height as this hook last read them. A different position at the same height
  // is a scroll not reported yet; a different height is a resize the observer has not reported yet.
  const known = useRef({ top: 0, height: 0 });
  // The item at the top of the viewport and how far the viewport's top sits above that item's bottom edge. The bottom
  // edge, not the top: an item that loses something at its top when older items arrive (the day heading that now
  // belongs to an older message) keeps its content where the reader saw it.
  const anchor = useRef<{ key: string; fromBottom: number } | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 0 });
  const [version, setVersion] = useState(0);
  // Every element to observe (the items and the viewport) and what to do when its size changes. A Map, so the
  // observer made (again) by the effect below, StrictMode's second run among others, can observe them all.
  const [sizeReaders] = useState(() => new Map<Element, (entry?: ResizeObserverEntry) => void>());

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes when a measured height changes.
  const offsets = useMemo(() => {
    const result = new Array<number>(keys.length + 1);
    result[0] = 0;
    for (let index = 0; index < keys.length; index += 1)
      result[index + 1] =
        (result[index] as number) + (sizes.current.get(keys[index] as string) ?? estimateSize);
    return result;
  }, [keys, estimateSize, version]);
  const total = offsets[keys.length] as number;

  let start: number;
  let end: number;
  if (scroll.height === 0) {
    start = initial.from === 'end' ? Math.max(0, keys.length - initial.count) : 0;
    end = initial.from === 'end' ? keys.length : Math.min(keys.length, initial.count);
  } else {
    start = Math.min(keys.length, firstAtOrAfter(offsets, Math.max(0, scroll.top - overscanPx)));
    end = Math.min(keys.length, firstAtOrAfter(offsets, scroll.top + scroll.height + overscanPx) + 1);
  }

  const readScroll = useCallback(() => {
    const node = viewport.current;
    if (!node) return;
    known.current = { top: node.scrollTop, height: node.clientHeight };
    setScroll((previous) =>
      previous.top === node.scrollTop && previous.height === node.clientHeight
        ? previous
        : { top: node.scrollTop, height: node.clientHeight },
    );
  }, []);

  // Remember which item sits at the top of the viewport, so a layout change can put it back there.
  const rememberAnchor = useCallback(() => {
    const node = viewport.current;
    if (!node || keys.length === 0) return;
    // Browsers round `scrollTop`: an item whose top is a fraction of a pixel below it is the one at the top.
    const index = firstAtOrAfter(offsets, node.scrollTop + 1);
    const key = keys[index];
    if (key !== undefined)
      anchor.current = { key, fromBottom: (offsets[index + 1] as number) - node.scrollTop };
  }, [keys, offsets]);

  const measuredKeys = useRef(keys);
  useLayoutEffect(() => {
    const node = viewport.current;
    if (!node) return;
    if (measuredKeys.current !== keys) {
      measuredKeys.current = keys;
      // Items on screen can change size with their neighbours (a day heading moving to an older message): read them
      // now, before the browser paints, rather than a frame later from the observer.
      for (const [element, reader] of sizeReaders) if (element !== node) reader();
    }
    if (node.scrollTop !== known.current.top && node.clientHeight === known.current.height) {
      // The reader scrolled and the browser has not reported it yet (scroll events come with the next frame): where
      // they went wins over the pin to the end and over the anchor remembered before.
      pinned.current = isAtEnd(node);
      rememberAnchor();
    }
    if (pinned.current) {
      node.scrollTop = node.scrollHeight;
    } else if (anchor.current) {
      const index = keys.indexOf(anchor.current.key);
      if (index >= 0) {
        const wanted = (offsets[index + 1] as number) - anchor.current.fromBottom;
        if (Math.abs(node.scrollTop - wanted) > 1) node.scrollTop = wanted;
      }
    }
    readScroll();
    rememberAnchor();
  }, [keys, offsets, readScroll, rememberAnchor, sizeReaders]);

  const observe = useCallback(
    (node: Element, reader: (entry?: ResizeObserverEntry) => void) => {
      sizeReaders.set(node, reader);
      observer.current?.observe(node);
    },
    [sizeReaders],
  );
  const unobserve = useCallback(
    (node: Element) => {
      sizeReaders.delete(node);
      observer.current?.unobserve(node);
    },
    [sizeReaders],
  );

  // The viewport changing size changes what is visible; a list pinned to its end stays at its end.
  const onViewportResize = useCallback(() => {
    const node = viewport.current;
    if (!node) return;
    if (pinned.current) node.scrollTop = node.scrollHeight;
    readScroll();
  }, [readScroll]);

  const viewportRef = useCallback(
    (node: HTMLElement | null) => {
      if (viewport.current && viewport.current !== node) unobserve(viewport.current);
      viewport.current = node;
      if (!node) return;
      observe(node, onViewportResize);
      readScroll();
    },
    [readScroll, observe, unobserve, onViewportResize],
  );

  // One ref callback per key, kept across renders so memoized rows stay memoized and nodes are observed once.
  const measurers = useRef(new Map<string, (node: HTMLElement | null) => void>());
  const measure = useCallback(
    (key: string) => {
      const existing = measurers.current.get(key);
      if (existing) return existing;
      let observed: HTMLElement | null = null;
      const callback = (node: HTMLElement | null) => {
        if (observed && observed !== node) unobserve(observed);
        observed = node;
        if (!node) {
          // An item scrolled out of the window: forget its callback (its height stays known).
          if (measurers.current.get(key) === callback) measurers.current.delete(key);
          return;
        }
        const apply = (entry?: ResizeObserverEntry) => {
          // The observer's border box ignores transforms (an animating row); the first, synchronous read has only
          // the bounding box.
          const height = entry?.borderBoxSize?.[0]?.blockSize ?? node.getBoundingClientRect().height;
          if (height > 0 && sizes.current.get(key) !== height) {
            sizes.current.set(key, height);
            setVersion((value) => value + 1);
          }
        };
        apply();
        observe(node, apply);
      };
      measurers.current.set(key, callback);
      return callback;
    },
    [observe, unobserve],
  );

  // Made in an effect, not on first use: StrictMode runs effects twice, and a cleanup that disconnects must be
  // followed by an observer that watches every element again.
  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const resizeObserver = new ResizeObserver((entries) => {
      for (const entry of entries) sizeReaders.get(entry.target)?.(entry);
    });
    observer.current = resizeObserver;
    for (const node of sizeReaders.keys()) resizeObserver.observe(node);
    return () => {
      resizeObserver.disconnect();
      observer.current = null;
    };
  }, [sizeReaders]);

  const onScroll = useCallback(() => {
    const node = viewport.current;
    if (!node) return;
    // A scroll event can come after the viewport changed size and before the observer says so: the resize, not the
    // reader, moved the end out of view, so a pinned list stays pinned.
    if (node.clientHeight === known.current.height) pinned.current = isAtEnd(node);
    else if (pinned.current) node.scrollTop = node.scrollHeight;
    readScroll();
    rememberAnchor();
  }, [readScroll, rememberAnchor]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const node = viewport.current;
      if (!node) return;
      const top = offsets[index] ?? 0;
      const bottom = offsets[index + 1] ?? top;
      if (top < node.scrollTop) node.scrollTop = top;
      else if (bottom > node.scrollTop + node.clientHeight) node.scrollTop = bottom - node.clientHeight;
      readScroll();
    },
    [offsets, readScroll],
  );

  const scrollToEnd = useCallback(() => {
    const node = viewport.current;
    if (!node) return;
    pinned.current = true;
    node.scrollTop = node.scrollHeight;
    readScroll();
  }, [readScroll]);

  const setPinned = useCallback((value: boolean) => {
    pinned.current = value;
  }, []);

  const offsetOf = useCallback((index: number) => offsets[index] ?? 0, [offsets]);
  const measuredHeight = scroll.height;
  const pageSize =
    measuredHeight === 0
      ? initial.count
      : Math.max(
          1,
          firstAtOrAfter(offsets, scroll.top + measuredHeight) - firstAtOrAfter(offsets, scroll.top),
        );
  return {
    start,
    end,
    paddingBefore: offsets[start] as number,
    paddingAfter: total - (offsets[end] as number),
    viewportRef,
    measure,
    onScroll,
    atEnd: measuredHeight === 0 || scroll.top + measuredHeight >= total - EDGE_TOLERANCE_PX,
    atStart: scroll.top <= EDGE_TOLERANCE_PX,
    hasLayout: measuredHeight > 0,
    offsetOf,
    pageSize,
    scrollToIndex,
    scrollToEnd,
    setPinned,
  };
}
