import { ApiError } from '../errors/api-error.js';

const tooLarge = (maxBytes: number) =>
  new ApiError('payload_too_large', `The request body is larger than ${maxBytes} bytes`);

/**
 * Reads a request body as JSON, counting bytes as they arrive so an oversize body is refused without buffering
 * it, whether or not `Content-Length` is present (or honest). Empty, non-UTF-8, malformed or cut-off bodies
 * are `invalid_input`.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw new ApiError('invalid_input', 'The request body must be JSON');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client went away (or its stream failed) before the body was complete: its request, not a server fault.
      throw new ApiError('invalid_input', 'The request body ended before it was complete');
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError('invalid_input', 'The request body must be JSON');
  }
}
