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
export function httpTransport(options: HttpTransportOptions): Transport {
  const http = createHttpClient(options);
  const conversation = (id: string) => ({ params: { id }, context: { conversationId: id } });
  const template = (id: string) => ({ params: { id }, context: { templateId: id } });
  const attachment = (id: string) => ({ params: { id }, context: { attachmentId: id } });
  const tus = createTusUploads({
    ...options.uploads,
    baseUrl: options.baseUrl,
    getToken: options.getToken,
    fetch: options.fetch,
  });

  // Every answer is parsed with its route's schema and every event with the event schema here, so the client
  // does not parse them a second time.
  return markValidated({
    getViewer: (requestOptions) => http.request('getMe', {}, requestOptions),
    listContacts: (query, requestOptions) => http.request('listContacts', { query }, requestOptions),
    listMembers: (requestOptions) => http.request('listMembers', {}, requestOptions),
    listConversations: (query, requestOptions) =>
      http.request('listConversations', { query }, requestOptions),
    getConversation: (id, requestOptions) =>
      http.request('getConversation', conversation(id), requestOptions),
    listMessages: (id, query, requestOptions) =>
      http.request('listMessages', { ...conversation(id), query }, requestOptions),
    startConversation: (body, requestOptions) => http.request('startConversation', { body }, requestOptions),
    sendMessage: (id, body, requestOptions) =>
      http.request('sendMessage', { ...conversation(id), body }, requestOptions),
    markRead: (id, body, requestOptions) =>
      http.request('markRead', { ...conversation(id), body }, requestOptions),
    listTemplates: (query, requestOptions) => http.request('listTemplates', { query }, requestOptions),
    getTemplate: (id, requestOptions) => http.request('getTemplate', template(id), requestOptions),
    createTemplate: (body, requestOptions) => http.request('createTemplate', { body }, requestOptions),
    updateTemplate: (id, body, requestOptions) =>
      http.request('updateTemplate', { ...template(id), body }, requestOptions),
    deleteTemplate: (id, requestOptions) => http.request('deleteTemplate', template(id), requestOptions),
    listNotifications: (query, requestOptions) =>
      http.request('listNotifications', { query }, requestOptions),
    markNotificationsRead: (body, requestOptions) =>
      http.request('markNotificationsRead', { body }, requestOptions),
    getNotificationSettings: (requestOptions) => http.request('getNotificationSettings', {}, requestOptions),
    updateNotificationSettings: (body, requestOptions) =>
      http.request('updateNotificationSettings', { body }, requestOptions),
    listAudit: (query, requestOptions) => http.request('listAudit', { query }, requestOptions),
    getAttachment: (id, requestOptions) => http.request('getAttachment', attachment(id), requestOptions),
    uploadFile: async (file, uploadOptions = {}) =>
      http.request('getAttachment', attachment(await tus.upload(file, uploadOptions)), uploadOptions),
    deleteUpload: (id) => tus.remove(id),
    createDownloadTicket: async (id, requestOptions) => {
      const ticket = await http.request('createDownloadTicket', attachment(id), requestOptions);
      return { ...ticket, url: absoluteUrl(options.baseUrl, ticket.url) };
    },
    subscribe: (onEvent, subscribeOptions = {}) =>
      openEventStream({ ...options, ...options.events, ...subscribeOptions, onEvent }),
  });
}
