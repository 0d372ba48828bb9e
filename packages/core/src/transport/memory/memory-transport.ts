import { ConfideError, toConfideError } from '../../errors/confide-error.js';
import type { RequestOptions, Transport } from '../transport.js';
import { createMemoryBackend, type MemoryBackend, type MemoryIdentity } from './memory-backend.js';

/** Options of `memoryTransport`. */
export interface MemoryTransportOptions {
  /** The backend to talk to; share one between transports to let a member and a client talk. @default a new backend with the demo seed */
  readonly backend?: MemoryBackend;
  /** Who this transport acts as. @default { kind: 'member', id: 'mem_ben' } (an admin in the demo seed) */
  readonly as?: MemoryIdentity;
  /** Simulated latency of every call, in milliseconds; 0 still answers asynchronously. @default 0 */
  readonly latencyMs?: number;
}

/** A memory transport, with the backend it talks to. */
export type MemoryTransport = Transport & {
  readonly backend: MemoryBackend;
  readonly identity: MemoryIdentity;
};

function abortError(signal: AbortSignal): ConfideError {
  return new ConfideError('aborted', 'The request was aborted', { cause: signal.reason });
}

/**
 * A transport that runs the protocol in memory, for tests, demos and Storybook. Answers arrive asynchronously
 * and are deep copies, like data that crossed a wire.
 *
 * @example
 * const backend = createMemoryBackend();
 * const firm = memoryTransport({ backend, as: { kind: 'member', id: 'mem_ben' } });
 * const client = memoryTransport({ backend, as: { kind: 'client', id: 'con_daniel' } });
 */
export function memoryTransport(options: MemoryTransportOptions = {}): MemoryTransport {
  const backend = options.backend ?? createMemoryBackend();
  const identity = options.as ?? { kind: 'member', id: 'mem_ben' };
  const api = backend.as(identity);
  const latencyMs = options.latencyMs ?? 0;

  async function call<Result>(run: () => Result, requestOptions: RequestOptions = {}): Promise<Result> {
    const { signal } = requestOptions;
    if (signal?.aborted) throw abortError(signal);
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (signal?.aborted) throw abortError(signal);
    try {
      return structuredClone(run());
    } catch (error) {
      throw toConfideError(error);
    }
  }

  return {
    backend,
    identity,
    getViewer: (o) => call(() => api.getViewer(), o),
    listContacts: (query, o) => call(() => api.listContacts(query), o),
    listMembers: (o) => call(() => api.listMembers(), o),
    listConversations: (query, o) => call(() => api.listConversations(query), o),
    getConversation: (id, o) => call(() => api.getConversation(id), o),
    listMessages: (id, query, o) => call(() => api.listMessages(id, query), o),
    startConversation: (input, o) => call(() => api.startConversation(input), o),
    sendMessage: (id, input, o) => call(() => api.sendMessage(id, input), o),
    markRead: (id, input, o) => call(() => api.markRead(id, input), o),
    listTemplates: (query, o) => call(() => api.listTemplates(query), o),
    getTemplate: (id, o) => call(() => api.getTemplate(id), o),
    createTemplate: (input, o) => call(() => api.createTemplate(input), o),
    updateTemplate: (id, input, o) => call(() => api.updateTemplate(id, input), o),
    deleteTemplate: (id, o) => call(() => api.deleteTemplate(id), o),
    listNotifications: (query, o) => call(() => api.listNotifications(query), o),
    markNotificationsRead: (input, o) => call(() => api.markNotificationsRead(input), o),
    getNotificationSettings: (o) => call(() => api.getNotificationSettings(), o),
    updateNotificationSettings: (input, o) => call(() => api.updateNotificationSettings(input), o),
    listAudit: (query, o) => call(() => api.listAudit(query), o),
    subscribe(onEvent, subscribeOptions = {}) {
      let open = true;
      // Events are delivered on a later task, as from a socket, never inside the call that caused them.
      const unsubscribe = api.subscribe((event) => {
        setTimeout(() => {
          if (open) onEvent(event);
        }, latencyMs);
      });
      const stop = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        subscribeOptions.signal?.removeEventListener('abort', stop);
        subscribeOptions.onStatusChange?.('closed');
      };
      subscribeOptions.signal?.addEventListener('abort', stop, { once: true });
      subscribeOptions.onStatusChange?.('open');
      return stop;
    },
  };
}
