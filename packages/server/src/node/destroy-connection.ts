import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/**
 * Resets the socket of a request served by `@hono/node-server`. An event stream whose reader stopped reading
 * cannot end politely: its end (and a plain close's FIN) would queue behind the bytes that reader never takes,
 * keeping the connection and the kernel's buffers alive. A reset drops them at once; the client, once it reads
 * again, finds the connection gone and reconnects with `Last-Event-ID`.
 */
export function destroyConnection(hono: Context): void {
  const { outgoing } = hono.env as HttpBindings;
  if (outgoing.socket) outgoing.socket.resetAndDestroy();
  else outgoing.destroy();
}
