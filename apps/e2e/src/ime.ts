import type { CDPSession, Page } from '@playwright/test';

/**
 * An input method driven through Chromium's DevTools protocol, as a Japanese or Chinese IME drives the page: the
 * text being composed shows in the focused field (`compositionstart`, `input` with `isComposing`), the Enter that
 * picks a candidate arrives while the composition is still open, and the committed text ends it (`compositionend`).
 */
export interface InputMethod {
  /** Shows `text` as the composition in the focused field, not yet committed. */
  compose(text: string): Promise<void>;
  /** Presses Enter (with Ctrl when asked) while the composition is open, as the key that commits a candidate. */
  pressEnterWhileComposing(options?: { readonly ctrl?: boolean }): Promise<void>;
  /** Commits `text`, ending the composition, and releases the Enter key. */
  commit(text: string): Promise<void>;
}

// Modifier bits of Input.dispatchKeyEvent.
const CTRL_MODIFIER = 2;
// The key code browsers give a key that an input method is processing.
const IME_PROCESSING_KEY_CODE = 229;

/** An input method for `page`, over a DevTools session of its own. */
export async function inputMethodFor(page: Page): Promise<InputMethod> {
  const session: CDPSession = await page.context().newCDPSession(page);
  return {
    async compose(text) {
      await session.send('Input.imeSetComposition', {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
    },
    async pressEnterWhileComposing({ ctrl = false } = {}) {
      await session.send('Input.dispatchKeyEvent', {
        type: 'rawKeyDown',
        key: 'Enter',
        code: 'Enter',
        windowsVirtualKeyCode: IME_PROCESSING_KEY_CODE,
        modifiers: ctrl ? CTRL_MODIFIER : 0,
      });
    },
    async commit(text) {
      await session.send('Input.insertText', { text });
      await session.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        key: 'Enter',
        code: 'Enter',
        windowsVirtualKeyCode: 13,
      });
    },
  };
}
