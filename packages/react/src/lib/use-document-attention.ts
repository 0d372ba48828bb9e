import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  window.addEventListener('focus', onChange);
  window.addEventListener('blur', onChange);
  return () => {
    document.removeEventListener('visibilitychange', onChange);
    window.removeEventListener('focus', onChange);
    window.removeEventListener('blur', onChange);
  };
}

const hasAttention = () => document.visibilityState === 'visible' && document.hasFocus();
// On the server nobody is looking.
const hasAttentionOnServer = () => false;

/**
 * Whether the person can be looking at the page: the document is visible (not a background tab, not minimised) and
 * has focus. Re-renders when either changes, so whatever depends on it (marking messages read) resumes by itself.
 */
export function useDocumentAttention(): boolean {
  return useSyncExternalStore(subscribe, hasAttention, hasAttentionOnServer);
}
