import type { ConfideClient } from '@confide/core';
import { useConfideContext } from '../provider/use-confide-context.js';

/**
 * The Confide client of the nearest provider, for anything the hooks do not cover.
 *
 * @example
 * const client = useConfideClient();
 * await client.templates.create({ name, subject, body });
 */
export function useConfideClient(): ConfideClient {
  return useConfideContext().client;
}
