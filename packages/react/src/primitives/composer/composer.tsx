'use client';
import type { ComposerStatus } from '@confide/core';
import {
  type ChangeEvent,
  type ClipboardEvent,
  type CompositionEvent,
  forwardRef,
  type KeyboardEvent,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { composeRefs } from '../../lib/compose-refs.js';
import { isComposingKey } from '../../lib/ime.js';
import { Primitive, type PrimitiveProps } from '../primitive.js';

/** Props of `Composer.Root`. */
export interface ComposerRootProps extends PrimitiveProps<'form'> {
  /** Where the last send stands; mirrored to `data-state`. @default 'idle' */
  readonly state?: ComposerStatus;
}

/** The composer's form: submitting it sends; `data-state` shows the send's progress. */
const Root = forwardRef<HTMLFormElement, ComposerRootProps>(function ComposerRoot(
  { state = 'idle', ...props },
  ref,
) {
  return (
    <Primitive
      tag="form"
      data-state={state}
      aria-busy={state === 'sending' || undefined}
      {...props}
      ref={ref}
    />
  );
});

/** Props of `Composer.Body`. */
export interface ComposerBodyProps extends Omit<PrimitiveProps<'textarea'>, 'value' | 'onChange'> {
  /** The text. */
  readonly value: string;
  /** Called with the new text on typing and on paste. */
  readonly onValueChange: (value: string) => void;
  /** Called with the files pasted from the clipboard (a screenshot, files copied in a file manager); without it, only text is pasted. */
  readonly onPasteFiles?: (files: File[]) => void;
}

/**
 * The files a paste carries, when it is a paste of files. Word processors and spreadsheets put a picture of the copied
 * text on the clipboard next to the text and its HTML: that paste is text, so files count only without HTML.
 */
function pastedFiles(data: DataTransfer): File[] {
  // Optional reads: hosts' tests often hand over a clipboard with only `getData`.
  if (!data.files?.length || data.types?.includes('text/html')) return [];
  return [...data.files];
}

// Clipboard text from word processors and web pages can carry Windows line endings and invisible characters.
function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u200B-\u200D\uFEFF]/g, '');
}

/**
 * The message text: Ctrl/Cmd+Enter submits the form (never the Enter that commits an input method's composition);
 * pasting text inserts its plain text only, pasting files hands them to `onPasteFiles`; the text takes its direction
 * from its own content. While an input method composes, the field keeps what it shows even if `value` changes (a
 * newer copy of the draft from another tab): the person's composition is their latest typing, and is handed to
 * `onValueChange` when it ends.
 */
const Body = forwardRef<HTMLTextAreaElement, ComposerBodyProps>(function ComposerBody(
  { value, onValueChange, onPasteFiles, onKeyDown, onPaste, onCompositionStart, onCompositionEnd, ...props },
  ref,
) {
  const local = useRef<HTMLTextAreaElement | null>(null);
  // Setting a field's value while an input method composes in it ends the composition and drops its text.
  const [composing, setComposing] = useState<string | null>(null);
  function handleCompositionStart(event: CompositionEvent<HTMLTextAreaElement>) {
    onCompositionStart?.(event);
    setComposing(event.currentTarget.value);
  }
  function handleCompositionEnd(event: CompositionEvent<HTMLTextAreaElement>) {
    onCompositionEnd?.(event);
    setComposing(null);
    if (event.currentTarget.value !== value) onValueChange(event.currentTarget.value);
  }
  function handleChange(event: ChangeEvent<HTMLTextAreaElement>) {
    if (composing !== null) setComposing(event.currentTarget.value);
    onValueChange(event.currentTarget.value);
  }
  const caret = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caret.current === null || !local.current) return;
    local.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });
  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    onKeyDown?.(event);
    if (event.defaultPrevented || isComposingKey(event)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }
  function handlePaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    onPaste?.(event);
    if (event.defaultPrevented) return;
    event.preventDefault();
    const files = onPasteFiles ? pastedFiles(event.clipboardData) : [];
    if (files.length > 0) {
      onPasteFiles?.(files);
      return;
    }
    const pasted = plainText(event.clipboardData.getData('text/plain'));
    const { selectionStart, selectionEnd } = event.currentTarget;
    caret.current = selectionStart + pasted.length;
    onValueChange(value.slice(0, selectionStart) + pasted + value.slice(selectionEnd));
  }
  return (
    <Primitive
      tag="textarea"
      dir="auto"
      value={composing ?? value}
      onChange={handleChange}
      onCompositionStart={handleCompositionStart}
      onCompositionEnd={handleCompositionEnd}
      onKeyDown={handleKeyDown}
      onPaste={handlePaste}
      {...props}
      ref={composeRefs(ref, local)}
    />
  );
});

/** Props of `Composer.Submit`. */
export interface ComposerSubmitProps extends PrimitiveProps<'button'> {
  /** Where the send stands; mirrored to `data-state`, and `sending` disables the button. @default 'idle' */
  readonly state?: ComposerStatus;
}

/** The send button. */
const Submit = forwardRef<HTMLButtonElement, ComposerSubmitProps>(function ComposerSubmit(
  { state = 'idle', disabled, ...props },
  ref,
) {
  const isDisabled = disabled || state === 'sending';
  return (
    <Primitive
      tag="button"
      type="submit"
      data-state={state}
      data-disabled={isDisabled ? '' : undefined}
      disabled={isDisabled}
      {...props}
      ref={ref}
    />
  );
});

/**
 * The unstyled parts of a composer: `Root` (the form), `Body` (the text) and `Submit`.
 *
 * @example
 * <Composer.Root onSubmit={send}><Composer.Body value={body} onValueChange={setBody} /><Composer.Submit>Send</Composer.Submit></Composer.Root>
 */
export const Composer = { Root, Body, Submit };
