'use client';
import { type ConfideClient, createConfideClient, type StorageAdapter, type Transport } from '@confide/core';
import type { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
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
      }
    | {
        readonly client?: never;
        /** The transport a client is built over (read once; the client is disposed with the provider). */
        readonly transport: Transport;
        /** The host's QueryClient to keep Confide's data in. @default a private one */
        readonly queryClient?: QueryClient;
        /** Where drafts and queued sends survive a reload. @default in memory */
        readonly storage?: StorageAdapter;
      }
  );

const disposedClients = new WeakSet<ConfideClient>();

/**
 * The provider's client: the host's, or one built from the transport. Building a client does nothing observable,
 * so React may call the initializer twice; the effect mounts it and disposes it on unmount. Strict mode's effect
 * re-run finds the first client disposed and builds a fresh one, so no stream or timer outlives its client.
 */
function useProviderClient(props: ConfideProviderProps): ConfideClient {
  const { client, transport, queryClient, storage } = props;
  const [build] = useState(
    () => () =>
      createConfideClient({
        transport: transport as Transport,
        ...(queryClient ? { queryClient } : {}),
        ...(storage ? { storage } : {}),
      }),
  );
  const [owned, setOwned] = useState(() => (client ? null : build()));
  useEffect(() => {
    if (client) {
      client.mount();
      return;
    }
    if (!owned) return;
    if (disposedClients.has(owned)) {
      setOwned(build());
      return;
    }
    owned.mount();
    return () => {
      disposedClients.add(owned);
      owned.dispose();
    };
  }, [client, owned, build]);
  return client ?? (owned as ConfideClient);
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
  return <ConfideContext.Provider value={value}>{children}</ConfideContext.Provider>;
}
