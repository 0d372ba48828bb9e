'use client';
import type { Composer, ComposerOptions, ComposerState } from '@confide/core';
import { useConfideClient } from './use-client.js';
import { useReadable } from './use-readable.js';

/** A composer's state and its actions. */
export type UseComposerResult = ComposerState & Omit<Composer, 'getSnapshot' | 'subscribe'>;

/**
 * A draft (new conversation, or a reply with `conversationId`) saved as it changes, with validation, recipients,
 * merge-field warnings and sending.
 *
 * @example
 * const composer = useComposer({ conversationId });
 * <textarea value={composer.draft.body} onChange={(event) => composer.setBody(event.target.value)} />
 */
export function useComposer(options: ComposerOptions = {}): UseComposerResult {
  const composer = useConfideClient().composer(options);
  const state = useReadable(composer);
  return {
    ...state,
    setSubject: composer.setSubject,
    setBody: composer.setBody,
    setContact: composer.setContact,
    setInternal: composer.setInternal,
    setMatter: composer.setMatter,
    importTemplate: composer.importTemplate,
    searchRecipients: composer.searchRecipients,
    send: composer.send,
    reset: composer.reset,
  };
}
