import { useMemo } from 'react';
import type { ConfideMessages, ConfideOverrides } from '../provider/messages.js';
import { useConfideContext } from '../provider/use-confide-context.js';

/** The kit's strings: the provider's, with a component's own `overrides` on top. */
export function useMessages(overrides?: ConfideOverrides): ConfideMessages {
  const { messages } = useConfideContext();
  return useMemo(() => (overrides ? { ...messages, ...overrides } : messages), [messages, overrides]);
}
