import { AttachmentSchema, type RouteName, routes, ServerEventSchema } from '@confide/protocol';
import { ConfideError, toConfideError } from '../errors/confide-error.js';
import type { Transport } from './transport.js';

type Operation = Exclude<keyof Transport, 'subscribe' | 'uploadFile' | 'deleteUpload'>;

/** Which route's response schema checks each transport method's answer. */
const ROUTE_OF: Readonly<Record<Operation, RouteName>> = {
  getViewer: 'getMe',
  listContacts: 'listContacts',
  listMembers: 'listMembers',
  listConversations: 'listConversations',
  getConversation: 'getConversation',
  listMessages: 'listMessages',
  startConversation: 'startConversation',
  sendMessage: 'sendMessage',
  markRead: 'markRead',
  listTemplates: 'listTemplates',
  getTemplate: 'getTemplate',
  createTemplate: 'createTemplate',
  updateTemplate: 'updateTemplate',
  deleteTemplate: 'deleteTemplate',
  listNotifications: 'listNotifications',
  markNotificationsRead: 'markNotificationsRead',
  getNotificationSettings: 'getNotificationSettings',
  updateNotificationSettings: 'updateNotificationSettings',
  listAudit: 'listAudit',
  getAttachment: 'getAttachment',
  createDownloadTicket: 'createDownloadTicket',
};

/** Calls a transport method, turning anything it throws into a `ConfideError` and parsing its answer. */
async function checked(
  name: string,
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown; error?: unknown } } | null,
  call: () => Promise<unknown>,
): Promise<unknown> {
  let answer: unknown;
  try {
    answer = await call();
  } catch (error) {
    throw toConfideError(error);
  }
  if (!schema) return answer;
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    throw new ConfideError('invalid_response', `The answer to ${name} does not match the protocol`, {
      cause: parsed.error,
      retryable: false,
    });
  }
  return parsed.data;
}

const VALIDATED = Symbol.for('confide.validated-transport');

/** Marks a transport that parses every answer and event with the protocol's schemas itself. */
export function markValidated(transport: Transport): Transport {
  return Object.defineProperty(transport, VALIDATED, { value: true });
}

/**
 * Wraps any transport so that everything it answers crosses into the SDK through the protocol's schemas: a
 * malformed answer or event becomes a `ConfideError` of code `invalid_response` (events: reported and
 * skipped), and anything a custom transport throws becomes a `ConfideError`. A transport that already does all
 * of this (`httpTransport`) is returned as it is, so every answer is parsed once.
 */
export function validatedTransport(transport: Transport): Transport {
  if ((transport as { [VALIDATED]?: boolean })[VALIDATED] === true) return transport;
  const wrapped: Partial<Record<keyof Transport, unknown>> = {};
  for (const [operation, routeName] of Object.entries(ROUTE_OF) as [Operation, RouteName][]) {
    const method = transport[operation] as ((...args: unknown[]) => Promise<unknown>) | undefined;
    if (method) {
      wrapped[operation] = (...args: unknown[]) =>
        checked(operation, routes[routeName].response, () => method.apply(transport, args));
    }
  }
  const { uploadFile, deleteUpload } = transport;
  if (uploadFile) {
    wrapped.uploadFile = (...args: Parameters<typeof uploadFile>) =>
      checked('uploadFile', AttachmentSchema, () => uploadFile.apply(transport, args));
  }
  if (deleteUpload) {
    wrapped.deleteUpload = (...args: Parameters<typeof deleteUpload>) =>
      checked('deleteUpload', null, () => deleteUpload.apply(transport, args));
  }
  return {
    ...(wrapped as Omit<Transport, 'subscribe'>),
    subscribe(onEvent, options = {}) {
      return transport.subscribe((event) => {
        const parsed = ServerEventSchema.safeParse(event);
        if (parsed.success) onEvent(parsed.data);
        else
          options.onError?.(
            new ConfideError('invalid_response', 'An event does not match the protocol', {
              cause: parsed.error,
              retryable: false,
            }),
          );
      }, options);
    },
  };
}
