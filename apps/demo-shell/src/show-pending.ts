import { navigate } from './router.js';

/**
 * Goes back to the message index after a new conversation that could not be sent yet was handed to it
 * (`ComposeSecureMessage`'s `onQueued`), and moves focus to the conversations not sent yet once they show, so a
 * screen reader says where it went.
 */
export function showPendingConversations(indexPath = '/messages'): void {
  navigate(indexPath);
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.confide-index-pending-list')?.focus());
}
