import { absoluteUrl } from '../lib/absolute-url.js';
import { type EventStreamOptions, openEventStream } from './event-stream.js';
import { createHttpClient, type GetToken } from './http-client.js';
import type { Transport } from './transport.js';
import { createTusUploads, type TusUploadsOptions } from './tus-uploads.js';
import { markValidated } from './validated-transport.js';

/** Options of `httpTransport`. */
export interface HttpTransportOptions {
  /** Where the Confide API lives, e.g. `https://api.example.com` or `/confide`; route paths are appended. */
  readonly baseUrl: string;
  /** Returns a bearer token; called for every request and asked again once when the server answers 401. */
  readonly getToken: GetToken;
  /** The fetch to use. @default globalThis.fetch, looked up on each call */
  readonly fetch?: typeof globalThis.fetch;
  /** Timeout of a request in milliseconds. @default 15000 */
  readonly timeoutMs?: number;
  /** Reconnect delays, heartbeat timeout and timers of the event stream (see `openEventStream`). */
  readonly events?: Pick<EventStreamOptions, 'baseDelayMs' | 'maxDelayMs' | 'heartbeatTimeoutMs' | 'clock'>;
  /** Chunk size (over a custom `fetch`) and automatic retry delays of resumable uploads. */
  readonly uploads?: Pick<TusUploadsOptions, 'chunkSizeBytes' | 'retryDelaysMs'>;
}

/**
 * The transport for a Confide server (or anything speaking wire protocol v1) over HTTP, built from the
 * protocol's route table. Live events arrive over Server-Sent Events read with fetch streaming, so the token
 * travels in the `Authorization` header and never in a URL.
 *
 * @example
 * const transport = httpTransport({ baseUrl: 'https://api.example.com', getToken: () => session.token });
 */
export function httpTransport(transportOptions: HttpTransportOptions): Transport {
  const http = createHttpClient(transportOptions);
  const conversation = (id: string) => ({ params: { id }, context: { conversationId: id } });
  const template = (id: string) => ({ params: { id }, context: { templateId: id } });
  const attachment = (id: string) => ({ params: { id }, context: { attachmentId: id } });
  const tus = createTusUploads({ ...transportOptions, ...transportOptions.uploads });

  // Every answer is parsed with its route's schema and every event with the event schema here, so the client
  // does not parse them a second time.
  return markValidated({
    getViewer: (options) => http.request('getMe', {}, options),
    listContacts: (query, options) => http.request('listContacts', { query }, options),
    listMembers: (options) => http.request('listMembers', {}, options),
    listConversations: (query, options) => http.request('listConversations', { query }, options),
    getConversation: (id, options) => http.request('getConversation', conversation(id), options),
    listMessages: (id, query, options) =>
      http.request('listMessages', { ...conversation(id), query }, options),
    startConversation: (body, options) => http.request('startConversation', { body }, options),
    sendMessage: (id, body, options) => http.request('sendMessage', { ...conversation(id), body }, options),
    markRead: (id, body, options) => http.request('markRead', { ...conversation(id), body }, options),
    listTemplates: (query, options) => http.request('listTemplates', { query }, options),
    getTemplate: (id, options) => http.request('getTemplate', template(id), options),
    createTemplate: (body, options) => http.request('createTemplate', { body }, options),
    updateTemplate: (id, body, options) => http.request('updateTemplate', { ...template(id), body }, options),
    deleteTemplate: (id, options) => http.request('deleteTemplate', template(id), options),
    listNotifications: (query, options) => http.request('listNotifications', { query }, options),
    markNotificationsRead: (body, options) => http.request('markNotificationsRead', { body }, options),
    getNotificationSettings: (options) => http.request('getNotificationSettings', {}, options),
    updateNotificationSettings: (body, options) =>
      http.request('updateNotificationSettings', { body }, options),
    listAudit: (query, options) => http.request('listAudit', { query }, options),
    getAttachment: (id, options) => http.request('getAttachment', attachment(id), options),
    uploadFile: async (file, uploadOptions = {}) => {
      const id = await tus.upload(file, uploadOptions);
      const uploaded = await http.request('getAttachment', attachment(id), uploadOptions);
      tus.forget(file);
      return uploaded;
    },
    deleteUpload: (id) => tus.remove(id),
    createDownloadTicket: async (id, { purpose, ...options } = {}) => {
      const query = purpose ? { purpose } : {};
      const ticket = await http.request('createDownloadTicket', { ...attachment(id), query }, options);
      return { ...ticket, url: absoluteUrl(transportOptions.baseUrl, ticket.url) };
    },
    subscribe: (onEvent, subscribeOptions = {}) =>
      openEventStream({
        ...transportOptions,
        ...transportOptions.events,
        ...subscribeOptions,
        onEvent,
        requests: http,
      }),
  });
}
