import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

// Safari sends the Enter that commits a composition after `compositionend`, with `isComposing` false but the
// "being processed by an input method" key code 229; other browsers set `isComposing`.
const IME_PROCESSING_KEY_CODE = 229;

/**
 * Whether a key press belongs to an input method's composition (Chinese, Japanese, Korean and other IMEs, dictation):
 * the Enter that commits a candidate must never pick, send or submit anything.
 */
export function isComposingKey(event: ReactKeyboardEvent | KeyboardEvent): boolean {
  const native = 'nativeEvent' in event ? event.nativeEvent : event;
  return native.isComposing || native.keyCode === IME_PROCESSING_KEY_CODE;
}
