'use client';
import type { ConfideError, Viewer } from '@confide/core';
import { useQuery } from '@tanstack/react-query';
import { useConfideClient } from './use-client.js';

/** The signed-in person, as a react-query result. */
export interface UseViewerResult {
  /** `pending` until the viewer has loaded. */
  readonly status: 'pending' | 'success' | 'error';
  /** The signed-in person, once loaded. */
  readonly viewer: Viewer | undefined;
  /** Whether the viewer works at the firm (members see internal notes, read receipts, notifications). */
  readonly isMember: boolean;
  /** Whether the viewer is a firm owner or admin (may change settings and templates). */
  readonly isManager: boolean;
  /** Why loading failed, when `status` is `error`. */
  readonly error: ConfideError | null;
}

/**
 * The signed-in person (a firm member or a client).
 *
 * @example
 * const { viewer, isMember } = useViewer();
 */
export function useViewer(): UseViewerResult {
  const client = useConfideClient();
  // The client's QueryClient is passed explicitly: the host's default react-query client is never read.
  const query = useQuery(client.queries.viewer.viewer(), client.queryClient);
  const viewer = query.data;
  return {
    status: query.status,
    viewer,
    isMember: viewer?.role === 'member',
    isManager: viewer?.role === 'member' && viewer.memberRole !== 'member',
    error: (query.error as ConfideError | null) ?? null,
  };
}
