'use client';
import {
  type Composer,
  type ComposerOptions,
  type ComposerState,
  composerStateOf,
  wantsRecipients,
} from '@confide/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useConfideClient } from './use-client.js';

/** A composer's state and its actions. */
export type UseComposerResult = ComposerState &
  Omit<Composer, 'observe' | 'mode' | 'draftId' | 'draft' | 'local'>;

/**
 * A draft (new conversation, or a reply with `conversationId`) saved as it changes, with validation, recipients,
 * merge-field warnings and sending.
 *
 * @example
 * const composer = useComposer({ conversationId });
 * <textarea value={composer.draft.body} onChange={(event) => composer.setBody(event.target.value)} />
 */
export function useComposer(options: ComposerOptions = {}): UseComposerResult {
  const client = useConfideClient();
  const composer = client.composer(options);
  const viewer = useQuery(client.queries.viewer.viewer(), client.queryClient).data;
  const contacts = useQuery(
    { ...client.queries.viewer.contacts(''), enabled: wantsRecipients(composer.mode, viewer) },
    client.queryClient,
  ).data?.items;
  const stored = useStore(client.stores.composer, (state) => state.drafts[composer.draftId]);
  const saving = useStore(client.stores.composer, (state) => state.saving);
  const local = useStore(composer.local);
  const draft = stored ?? composer.draft();
  const state = useMemo(
    () => composerStateOf({ mode: composer.mode, draft, saving, local, contacts, viewer }),
    [composer.mode, draft, saving, local, contacts, viewer],
  );
  return {
    ...state,
    setSubject: composer.setSubject,
    setBody: composer.setBody,
    setContact: composer.setContact,
    setInternal: composer.setInternal,
    setMatter: composer.setMatter,
    importTemplate: composer.importTemplate,
    searchRecipients: composer.searchRecipients,
    attachFiles: composer.attachFiles,
    removeAttachment: composer.removeAttachment,
    retryAttachment: composer.retryAttachment,
    send: composer.send,
    reset: composer.reset,
  };
}
