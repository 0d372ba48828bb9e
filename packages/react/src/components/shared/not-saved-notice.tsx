'use client';
import type { ComposerState, ConfideClient } from '@confide/core';
import { useLayoutEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useConfideClient } from '../../hooks/use-client.js';
import { cx } from '../../lib/class-names.js';
import type { ConfideMessages } from '../../provider/messages.js';
import { scopeOf } from './speaking-scope.js';

/** The notice speaking for each scope of one client's page: the page (`null`) and each dialog. */
interface NotSavedNoticesState {
  readonly speakers: ReadonlyMap<Element | null, HTMLElement>;
}

// One registry per client instance (a WeakMap, so a disposed client's goes with it), as for the offline banners.
const noticesByClient = new WeakMap<ConfideClient, StoreApi<NotSavedNoticesState>>();

function noticesOf(client: ConfideClient): StoreApi<NotSavedNoticesState> {
  let store = noticesByClient.get(client);
  if (!store) {
    store = createStore<NotSavedNoticesState>(() => ({ speakers: new Map() }));
    noticesByClient.set(client, store);
  }
  return store;
}

/** Props of `NotSavedNotice`. */
export interface NotSavedNoticeProps {
  /** The words, or `null` while what it is about is saved (it then shows nothing). */
  readonly text: string | null;
  /** The id a field's `aria-describedby` names while it shows. */
  readonly id?: string;
  readonly className?: string;
}

/**
 * Says that something the person wrote (a draft, a queued send) is not saved on this device, in a polite live region
 * that is on the page before the words come, so a screen reader says them once as they come, and never again while
 * they stay (typing on does not repeat them). Several of one client's notices may show on a page at once (a thread's
 * queued replies and its reply box, the index's queued conversation): only one speaks at a time, and one that comes
 * while another speaks shows without speaking, so a person hears one announcement for what happened, not one per
 * notice. A dialog is its own page here, as for the offline banner.
 */
export function NotSavedNotice({ text, id, className }: NotSavedNoticeProps) {
  const notices = noticesOf(useConfideClient());
  const ref = useRef<HTMLSpanElement>(null);
  const shown = text !== null;
  const speaks = useStore(notices, (state) => {
    const notice = ref.current;
    return notice !== null && state.speakers.get(scopeOf(notice)) === notice;
  });
  useLayoutEffect(() => {
    const notice = ref.current;
    if (!notice || !shown) return;
    const scope = scopeOf(notice);
    // Claimed only when no notice speaks there: the one speaking is already being heard.
    if (notices.getState().speakers.has(scope)) return;
    notices.setState((state) => ({ speakers: new Map(state.speakers).set(scope, notice) }));
    return () =>
      notices.setState((state) => {
        const speakers = new Map(state.speakers);
        speakers.delete(scope);
        return { speakers };
      });
  }, [notices, shown]);
  return (
    // `aria-live="off"`: the words of a notice that does not speak stay quiet inside a live region of the host's or the
    // kit's (the index's list of queued conversations is one); its own status region speaks all the same.
    // Kept on the page while there is nothing to say (out of sight, taking no room in a grid), so its region exists
    // before the words come.
    <span
      ref={ref}
      id={id}
      className={cx('confide-not-saved', shown ? className : 'confide-visually-hidden')}
      data-state={shown ? 'failed' : 'saved'}
      aria-live="off"
    >
      <span role="status">{speaks ? text : null}</span>
      {speaks ? null : text}
    </span>
  );
}

/**
 * What a composer says while the device's storage refuses drafts (`saving: 'failed'`), or `null`: only once the person
 * has written something (text or files) that a reload would lose, so an empty composer stays quiet.
 */
export function draftNotSavedText(
  composer: Pick<ComposerState, 'saving' | 'draft'>,
  messages: ConfideMessages,
): string | null {
  const { subject, body, attachments } = composer.draft;
  const written = subject !== '' || body !== '' || attachments.length > 0;
  return composer.saving === 'failed' && written ? messages.COMPOSER_DRAFT_NOT_SAVED : null;
}
