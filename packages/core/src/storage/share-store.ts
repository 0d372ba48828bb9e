import type { StoreApi } from 'zustand/vanilla';
import type { SharingChannel, StorageSharing } from './storage.js';

/** How `shareStore` turns a store's changes into news for the other pages and applies theirs. */
export interface StoreSharingOptions<State, News> {
  /** What the other pages must hear of a change made on this page, or `undefined` for nothing. */
  tell(state: State, previous: State): News | undefined;
  /** Applies what another page told; the changes it makes are not told back. */
  hear(news: News): void;
  /** Runs after each `hear`, when changes are told again. */
  afterHearing?(): void;
}

/**
 * Tells the other pages on the channel `name` of each change made to `store` on this page, and applies what they
 * tell. Closing the returned channel stops both.
 */
export function shareStore<State, News>(
  store: StoreApi<State>,
  sharing: StorageSharing,
  name: string,
  { tell, hear, afterHearing }: StoreSharingOptions<State, News>,
): SharingChannel {
  // What another page told is applied without telling it back.
  let hearing = false;
  const channel = sharing.channel(name, (news) => {
    hearing = true;
    try {
      hear(news as News);
    } finally {
      hearing = false;
    }
    afterHearing?.();
  });
  const stopWatching = store.subscribe((state, previous) => {
    if (hearing) return;
    const news = tell(state, previous);
    if (news !== undefined) channel.post(news);
  });
  return {
    post: (news) => channel.post(news),
    close() {
      stopWatching();
      channel.close();
    },
  };
}
