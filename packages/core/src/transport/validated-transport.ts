import { AttachmentSchema, routeList, type ServerEvent, ServerEventSchema } from '@confide/protocol';
import { ConfideError, type ConfideErrorContext, toConfideError } from '../errors/confide-error.js';
import type { Transport } from './transport.js';

interface Schema {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: unknown };
}

/** An answer to `name` parsed with `schema`; throws a `ConfideError` of code `invalid_response` when it does not fit. */
export function parseAnswer(name: string, schema: Schema, answer: unknown, context?: ConfideErrorContext) {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  throw new ConfideError('invalid_response', `The answer to ${name} does not match the protocol`, {
    cause: parsed.error,
    context,
  });
}

/**
 * Hands the event `read` returns to `onEvent` when it is a protocol event; otherwise reports a `ConfideError` of
 * code `invalid_response` (with the event's SSE id, when it has one) and skips it.
 */
export function deliverEvent(
  read: () => unknown,
  onEvent: (event: ServerEvent) => void,
  onError?: (error: ConfideError) => void,
  eventId?: string,
) {
  let event: ServerEvent;
  try {
    event = ServerEventSchema.parse(read());
  } catch (cause) {
    const message = 'A server event does not match the protocol';
    return onError?.(new ConfideError('invalid_response', message, { cause, context: { eventId } }));
  }
  onEvent(event);
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
  const methods = transport as unknown as Record<
    string,
    ((...args: unknown[]) => Promise<unknown>) | undefined
  >;
  const wrapped: Record<string, unknown> = {};
  const wrap = (operation: string, schema: Schema | null) => {
    const method = methods[operation];
    if (!method) return;
    wrapped[operation] = async (...args: unknown[]) => {
      let answer: unknown;
      try {
        answer = await method.apply(transport, args);
      } catch (error) {
        throw toConfideError(error);
      }
      return schema ? parseAnswer(operation, schema, answer) : answer;
    };
  };
  // Every method but these is named after the route whose answer it returns (the viewer's is `getMe`).
  wrap('uploadFile', AttachmentSchema);
  wrap('deleteUpload', null);
  for (const route of routeList) {
    if (route.kind === 'json') wrap(route.name === 'getMe' ? 'getViewer' : route.name, route.response);
  }
  return {
    ...(wrapped as Omit<Transport, 'subscribe'>),
    subscribe: (onEvent, options = {}) =>
      transport.subscribe((event) => deliverEvent(() => event, onEvent, options.onError), options),
  };
}
