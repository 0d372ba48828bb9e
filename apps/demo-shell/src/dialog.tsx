import { type ReactNode, useEffect, useId, useRef } from 'react';

/** Props of `Dialog`. */
export interface DialogProps {
  /** Whether the dialog is shown (as a modal). */
  readonly open: boolean;
  /** The dialog's heading, which also names it. */
  readonly title: string;
  /** Called when the person closes it (close button, Escape). */
  readonly onClose: () => void;
  /** A class name of the dialog element, besides the shell's `shell-dialog`. */
  readonly className?: string;
  /** What the dialog contains. */
  readonly children: ReactNode;
}

// What a person can Tab to; disabled fields and elements taken out of the tab order are skipped.
const FOCUSABLE = [
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'button:not([disabled])',
  'a[href]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, makes the page behind it inert and
 * closes it on Escape; focus starts on the content's first field and goes back to what opened it. Its title is its
 * only heading and its name: content that brings a heading of its own should leave it out. The dialog fits the
 * window: its header stays, its body scrolls inside it.
 */
export function Dialog({ open, title, onClose, className, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // The browser focuses the dialog's first focusable element, which is Close in the header: start in the content
    // instead (its first field), as a person opening "New message" expects to type.
    dialog.querySelector<HTMLElement>(`.dialog-body :is(${FOCUSABLE})`)?.focus();
    const handleCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', handleCancel);
    return () => {
      dialog.removeEventListener('cancel', handleCancel);
      dialog.close();
      opener?.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={className ? `shell-dialog ${className}` : 'shell-dialog'}
    >
      {open ? (
        <>
          {/* A div, not a header: a header outside any section is a page banner, and the page has its own. */}
          <div className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="dialog-close" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </div>
          <div className="dialog-body">{children}</div>
        </>
      ) : null}
    </dialog>
  );
}
