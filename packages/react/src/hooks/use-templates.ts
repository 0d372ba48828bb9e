'use client';
import type { ConfideError, Template } from '@confide/core';
import { useQuery } from '@tanstack/react-query';
import { useConfideClient } from './use-client.js';

/** The firm's message templates, as a react-query result. */
export interface UseTemplatesResult {
  /** `pending` until the first answer. */
  readonly status: 'pending' | 'success' | 'error';
  /** The matching templates (empty while loading). */
  readonly templates: readonly Template[];
  /** Why loading failed, when `status` is `error`. */
  readonly error: ConfideError | null;
  /** Loads the list again. */
  readonly refetch: () => void;
}

/**
 * The firm's message templates (members only), optionally searched by name.
 *
 * @example
 * const { templates } = useTemplates(search);
 */
export function useTemplates(query = '', options: { readonly enabled?: boolean } = {}): UseTemplatesResult {
  const client = useConfideClient();
  const result = useQuery(
    { ...client.queries.templates.list(query), enabled: options.enabled ?? true },
    client.queryClient,
  );
  return {
    status: result.status,
    templates: result.data?.items ?? EMPTY,
    error: (result.error as ConfideError | null) ?? null,
    refetch: () => void result.refetch(),
  };
}

const EMPTY: readonly Template[] = [];
