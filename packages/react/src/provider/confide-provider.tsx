'use client';
import {
  browserNetworkStatus,
  type ConfideClient,
  createConfideClient,
  type NetworkStatus,
  type StorageAdapter,
  type Transport,
} from '@confide/core';
import type { QueryClient } from '@tanstack/react-query';
import { Fragment, type ReactNode, useEffect, useMemo, useState } from 'react';
import type { ConfideComponents } from './components.js';
import { ConfideContext, type ConfideContextValue } from './confide-context.js';
import { type ConfideOverrides, defaultMessages } from './messages.js';

interface ProviderCommonProps {
  /** Replaces some of the kit's strings (English by default). */
  readonly overrides?: ConfideOverrides;
  /** Replaces parts of the styled components (`Avatar`, `MessageBody`, `EmptyState`). */
  readonly components?: Partial<ConfideComponents>;
  /** The BCP 47 locale dates and times are shown in. @default the viewer's (the runtime's) locale */
  readonly locale?: string;
  /** The IANA time zone dates and times are shown in. @default the viewer's time zone */
  readonly timeZone?: string;
  /** The part of the app that uses Confide. */
  readonly children?: ReactNode;
}

/** Props of `ConfideProvider`: a ready client, or a transport to build one with. */
export type ConfideProviderProps = ProviderCommonProps &
  (
    | {
        /** A client from `createConfideClient`; the provider mounts it, the host owns it and disposes it. */
        readonly client: ConfideClient;
        readonly transport?: never;
        readonly queryClient?: never;
        readonly storage?: never;
        readonly network?: never;
      }
    | {
        readonly client?: never;
        /** The transport a client is built over (read once; the client is disposed with the provider). */
        readonly transport: Transport;
        /** The host's QueryClient to keep Confide's data in. @default a private one */
        readonly queryClient?: QueryClient;
        /** Where drafts and queued sends survive a reload. @default in memory */
        readonly storage?: StorageAdapter;
        /**
         * Whether the device is online: sends wait while it is not, the kit says so, and coming back reopens the live
         * stream at once. @default the browser's (`browserNetworkStatus()`)
         */
        readonly network?: NetworkStatus;
      }
  );

/** Clients the provider let go of; each is disposed a microtask later unless an effect claimed it back. */
const released = new WeakSet<ConfideClient>();
/** The provider's own clients it has disposed: one is never handed to the tree again. */
const disposed = new WeakSet<ConfideClient>();

/**
 * The provider's client: the host's, or one built from the transport. Building a client does nothing observable,
 * so React may call the initializer twice; the effect mounts it. Disposal waits a microtask, for two reasons: React
 * cleans up a removed tree from the top down, so disposing at once would remove the client's queries before the
 * components below let go of them, and each query let go of afterwards would start a five-minute garbage-collection
 * timer on a query already removed; and StrictMode's simulated unmount claims the client back before the microtask
 * runs, so one client lives from first render to unmount. The provider builds its own client when it first needs
 * one, and again when the host's `client` goes after the provider's own was disposed for it.
 */
function useProviderClient(props: ConfideProviderProps): ConfideClient {
  const { client, transport, queryClient, storage, network } = props;
  const build = () =>
    createConfideClient({
      transport: transport as Transport,
      network: network ?? browserNetworkStatus(),
      ...(queryClient ? { queryClient } : {}),
      ...(storage ? { storage } : {}),
    });
  const [owned, setOwned] = useState(() => (client ? null : build()));
  let current = client ?? owned;
  if (!current || disposed.has(current)) {
    // State derived during render (React's documented pattern): React renders again at once with the new client.
    current = build();
    setOwned(current);
  }
  useEffect(() => {
    released.delete(current);
    current.mount();
    if (current !== owned) return;
    return () => {
      released.add(current);
      queueMicrotask(() => {
        if (!released.delete(current)) return;
        disposed.add(current);
        current.dispose();
      });
    };
  }, [current, owned]);
  return current;
}

/** A key per client: the tree below the provider starts afresh with each client (see `ConfideProvider`). */
const clientKeys = new WeakMap<ConfideClient, number>();
let nextClientKey = 0;
function keyOf(client: ConfideClient): number {
  let key = clientKeys.get(client);
  if (key === undefined) {
    nextClientKey += 1;
    key = nextClientKey;
    clientKeys.set(client, key);
  }
  return key;
}

/**
 * Gives every Confide hook and component below it a client, strings and date settings. Server data stays in the
 * client's QueryClient (the host's if given), never in the host's default react-query client. `transport` is read
 * once: when another person signs in, give the provider a new `key` (their id) or a new `client`, so their token is
 * never used by a client holding the previous person's cache and queued sends (packages/react README).
 *
 * @example
 * const transport = useMemo(() => httpTransport({ baseUrl, getToken }), [baseUrl]);
 * <ConfideProvider key={session.userId} transport={transport}>
 *   <MessageIndex onOpen={(id) => navigate(`/messages/${id}`)} />
 * </ConfideProvider>
 */
export function ConfideProvider(props: ConfideProviderProps) {
  const client = useProviderClient(props);
  const { overrides, components, locale, timeZone, children } = props;
  const value = useMemo<ConfideContextValue>(
    () => ({
      client,
      messages: { ...defaultMessages, ...overrides },
      dates: { locale, timeZone },
      components: components ?? {},
    }),
    [client, overrides, components, locale, timeZone],
  );
  // Keyed by the client: react-query's hooks keep the QueryClient they first saw and components keep their state
  // (a search typed, a highlight, a draft), so a new client (another person signing in) gets components made for it, and nothing of the previous person's shows for even one frame.
  return (
    <ConfideContext.Provider value={value}>
      <Fragment key={keyOf(client)}>{children}</Fragment>
    </ConfideContext.Provider>
  );
}
