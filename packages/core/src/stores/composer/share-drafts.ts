import { shareStore } from '../../storage/share-store.js';
import type { StorageSharing } from '../../storage/storage.js';
import {
  type ComposerState,
  type ComposerStore,
  type Draft,
  newerDrafts,
  withUploadedOnly,
} from './composer-store.js';

/** What one page tells the others of the person's drafts: the ones it changed, or all it holds when it joins. */
interface DraftsNews {
  readonly drafts: Readonly<Record<string, Draft>>;
  readonly joined?: true;
}

/**
 * Keeps the drafts of one person's pages on one storage (a browser's tabs) together: each page tells the others of
 * every draft it changes, and takes in each one that is newer than its own (`newerDrafts`). Every page then saves
 * the drafts of all of them, so none erases another's, and a draft sent or discarded on one page is emptied on all.
 * A page joining tells what it holds and hears back what the others hold. Returns a stop.
 */
export function shareDrafts(composer: ComposerStore, sharing: StorageSharing, name: string): () => void {
  const channel = shareStore<ComposerState, DraftsNews>(composer, sharing, name, {
    tell(state, previous) {
      const changed = Object.entries(state.drafts).filter(([id, draft]) => previous.drafts[id] !== draft);
      // Files still uploading stay with the page that uploads them, as they do on a reload.
      return changed.length > 0 ? { drafts: withUploadedOnly(Object.fromEntries(changed)) } : undefined;
    },
    hear(news) {
      const { drafts } = composer.getState();
      const merged = newerDrafts(news.drafts, drafts);
      if (merged !== drafts) composer.setState({ drafts: merged });
      if (news.joined)
        channel.post({ drafts: withUploadedOnly(composer.getState().drafts) } satisfies DraftsNews);
    },
  });
  channel.post({ drafts: withUploadedOnly(composer.getState().drafts), joined: true } satisfies DraftsNews);
  return () => channel.close();
}
