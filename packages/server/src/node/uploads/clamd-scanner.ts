import { connect, type Socket } from 'node:net';
import type { MalwareScanner } from '../../attachments/malware-scanner.js';
import type { ScanVerdict } from '../../attachments/record-scan-result.js';

/** How long one scan may take before it counts as failed (the file then stays `scanning` and is retried). */
export const CLAMD_SCAN_TIMEOUT_MS = 5 * 60 * 1000;

/** Where clamd listens: a Unix socket path, or `host:port` for TCP. */
export type ClamdAddress = { readonly path: string } | { readonly host: string; readonly port: number };

/** Reads `CONFIDE_CLAMAV`: a socket path (`/run/clamav/clamd.ctl`) or `host:port` (`127.0.0.1:3310`). */
export function parseClamdAddress(value: string): ClamdAddress {
  const tcp = /^(.+):(\d{1,5})$/.exec(value);
  if (tcp?.[1] && tcp[2] && !value.startsWith('/')) return { host: tcp[1], port: Number(tcp[2]) };
  return { path: value };
}

function write(socket: Socket, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    // Wait for `drain` when the socket buffers: memory stays flat however large the file is.
    if (socket.write(bytes, (error) => (error ? reject(error) : undefined))) resolve();
    else socket.once('drain', resolve);
  });
}

function lengthPrefix(length: number): Uint8Array {
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setUint32(0, length);
  return prefix;
}

/** Turns clamd's INSTREAM reply into a verdict: `stream: OK`, `stream: <signature> FOUND`, or an error. */
export function parseClamdReply(reply: string): ScanVerdict {
  const text = reply.replace(/\0/g, '').trim();
  if (/^stream: OK$/.test(text)) return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found?.[1]) return { clean: false, signature: found[1] };
  throw new Error(`clamd could not scan the file: ${text.slice(0, 200)}`);
}

/**
 * A `MalwareScanner` over ClamAV's daemon with the INSTREAM command: the file streams to clamd in chunks
 * (length-prefixed, ended by a zero length) and clamd answers once. clamd's `StreamMaxLength` must allow the
 * largest upload, or it answers with an error and the file stays `scanning`.
 */
export function createClamdScanner(address: ClamdAddress): MalwareScanner {
  return {
    async scan(body) {
      const socket = 'path' in address ? connect(address.path) : connect(address.port, address.host);
      socket.setTimeout(CLAMD_SCAN_TIMEOUT_MS, () =>
        socket.destroy(new Error('clamd did not answer in time')),
      );
      const reply = new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        socket.on('error', reject);
      });
      reply.catch(() => undefined);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      await write(socket, new TextEncoder().encode('zINSTREAM\0'));
      const reader = body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (value.byteLength === 0) continue;
          await write(socket, lengthPrefix(value.byteLength));
          await write(socket, value);
        }
      } catch (error) {
        socket.destroy();
        throw error;
      } finally {
        reader.releaseLock();
      }
      socket.end(lengthPrefix(0));
      return parseClamdReply(await reply);
    },
  };
}
