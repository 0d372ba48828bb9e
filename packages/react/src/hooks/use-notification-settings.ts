'use client';
import type { ClientStartedThread, ConfideError, NotificationSettings } from '@confide/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useConfideClient } from './use-client.js';
import { useViewer } from './use-viewer.js';

/** The firm's notification settings, whether the viewer may change them, and how. */
export interface UseNotificationSettingsResult {
  /** `pending` until the settings have loaded. */
  readonly status: 'pending' | 'success' | 'error';
  /** The firm's settings, once loaded. */
  readonly settings: NotificationSettings | undefined;
  /** Owners and admins may change the setting; other members only read it. */
  readonly canUpdate: boolean;
  /** Where the last save stands. */
  readonly saveState: 'idle' | 'saving' | 'saved' | 'failed';
  /** Why loading failed, when `status` is `error`. */
  readonly error: ConfideError | null;
  /** Why the last save failed, when `saveState` is `failed`. */
  readonly saveError: ConfideError | null;
  /** Saves a new choice (owners and admins). */
  readonly update: (clientStartedThread: ClientStartedThread) => Promise<NotificationSettings>;
  /** Loads the settings again. */
  readonly refetch: () => void;
}

const SAVE_STATES = { idle: 'idle', pending: 'saving', success: 'saved', error: 'failed' } as const;

/**
 * Whom the firm notifies when a client starts a conversation (members read it; owners and admins change it).
 *
 * @example
 * const { settings, canUpdate, update } = useNotificationSettings();
 */
export function useNotificationSettings(): UseNotificationSettingsResult {
  const client = useConfideClient();
  const { isManager } = useViewer();
  const query = useQuery(client.queries.notifications.settings(), client.queryClient);
  const mutation = useMutation(
    {
      mutationFn: (clientStartedThread: ClientStartedThread) =>
        client.settings.updateNotificationSettings({ clientStartedThread }),
    },
    client.queryClient,
  );
  return {
    status: query.status,
    settings: query.data,
    canUpdate: isManager,
    saveState: SAVE_STATES[mutation.status],
    error: (query.error as ConfideError | null) ?? null,
    saveError: (mutation.error as ConfideError | null) ?? null,
    update: mutation.mutateAsync,
    refetch: () => void query.refetch(),
  };
}
