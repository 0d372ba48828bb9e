'use client';
import type { ConfideClient, ConfideError } from '@confide/core';
import { useLayoutEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useConfideClient } from '../../hooks/use-client.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { scopeOf } from './speaking-scope.js';

/**
 * Whether the device is online, as the client's network says (the state the offline banner reads). Offline, a query
 * waits for the connection (query-core pauses it), so "Loading…" would promise progress that is not happening.
 */
function useOnline(): boolean {
  return useStore(useConfideClient().stores.connection, (state) => state.online);
}

/** What a part says while its data loads: `LOADING`, or offline `LOADING_OFFLINE`. */
export function useLoadingText(messages: ConfideMessages): string {
  return useOnline() ? messages.LOADING : messages.LOADING_OFFLINE;
}

/**
 * Placeholder rows while the first page loads; offline, the words that say it waits for the connection instead. Which
 * one shows follows the connection state, never the words: a host's overrides may word both alike.
 */
export function Skeleton({ rows, messages }: { readonly rows: number; readonly messages: ConfideMessages }) {
  if (!useOnline()) {
    return (
      <p className="confide-hint" role="status" data-state="waiting">
        {messages.LOADING_OFFLINE}
      </p>
    );
  }
  return (
    <div className="confide-skeleton" role="status" aria-label={messages.LOADING} data-state="loading">
      {Array.from({ length: rows }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholders.
        <div key={index} className="confide-skeleton-row" aria-hidden="true" />
      ))}
    </div>
  );
}

/** What `error` says to a person: its code's own words, or `ERROR_GENERIC`. */
export function errorText(messages: ConfideMessages, error: ConfideError | null): string {
  return (error && messages.ERROR_BY_CODE(error.code)) ?? messages.ERROR_GENERIC;
}

/** A failure, said by its code, with a way to try again. */
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
      <p>{errorText(messages, error)}</p>
      <button type="button" className="confide-button" onClick={onRetry}>
        {messages.RETRY}
      </button>
    </div>
  );
}

/** The offline banners on the page for one client, in the order they mounted. */
interface OfflineBannersState {
  readonly banners: readonly HTMLElement[];
}

// One registry per client instance (a WeakMap, so a disposed client's goes with it): the parts that share a client
// share a page, and a page says "offline" once however many of the kit's parts it shows.
const bannersByClient = new WeakMap<ConfideClient, StoreApi<OfflineBannersState>>();

function bannersOf(client: ConfideClient): StoreApi<OfflineBannersState> {
  let store = bannersByClient.get(client);
  if (!store) {
    store = createStore<OfflineBannersState>(() => ({ banners: [] }));
    bannersByClient.set(client, store);
  }
  return store;
}

/** Whether `banner` speaks for its scope: the first there in reading order, so it sits where a person meets it first. */
function speaksForScope(banners: readonly HTMLElement[], banner: HTMLElement | null): boolean {
  if (!banner) return false;
  const scope = scopeOf(banner);
  const first = banners
    .filter((other) => scopeOf(other) === scope)
    .reduce<HTMLElement | undefined>(
      (earliest, other) =>
        !earliest || other.compareDocumentPosition(earliest) & Node.DOCUMENT_POSITION_FOLLOWING
          ? other
          : earliest,
      undefined,
    );
  return first === banner;
}

/**
 * Whether the server holds this page's live updates back because the person has the most streams open that it
 * allows (many tabs and devices): the page is online but hears of nothing new until another of them closes.
 */
export function useLiveUpdatesHeldBack(): boolean {
  const { connection } = useConfideClient().stores;
  return useStore(connection, (state) => state.status !== 'open' && state.lastError?.code === 'rate_limited');
}

/**
 * Says the device is offline (sends wait until it is back), or, online, that live updates are held back (with
 * `liveData`, for parts that show live data); it decides itself when it has something to say. Each part that a
 * person can use on its own (index, thread, composer) carries one, and when a page shows several parts of one client
 * only the first in reading order with something to say speaks and shows: the others stay hidden, and take over if
 * it goes. A dialog is its own page here: the first banner inside it speaks there too.
 */
export function OfflineBanner({
  messages,
  liveData = true,
}: {
  readonly messages: ConfideMessages;
  readonly liveData?: boolean;
}) {
  const client = useConfideClient();
  const store = bannersOf(client);
  const online = useStore(client.stores.connection, (state) => state.online);
  const heldBack = useLiveUpdatesHeldBack();
  const active = !online || (liveData && heldBack);
  const ref = useRef<HTMLDivElement>(null);
  const speaks = useStore(store, (state) => speaksForScope(state.banners, ref.current));
  useLayoutEffect(() => {
    const banner = ref.current;
    if (!banner || !active) return;
    store.setState((state) => ({ banners: [...state.banners, banner] }));
    return () => store.setState((state) => ({ banners: state.banners.filter((other) => other !== banner) }));
  }, [store, active]);
  return (
    <div
      ref={ref}
      className="confide-offline"
      role="status"
      data-state={online ? 'held-back' : 'offline'}
      hidden={!speaks}
    >
      {speaks ? (online ? messages.LIVE_UPDATES_HELD_BACK : messages.OFFLINE) : null}
    </div>
  );
}
