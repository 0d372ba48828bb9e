import { type ReactNode, useEffect, useId, useRef } from 'react';

/** Props of `Dialog`. */
export interface DialogProps {
  /** Whether the dialog is shown (as a modal). */
  readonly open: boolean;
  /** The dialog's heading, which also names it. */
  readonly title: string;
  /** Called when the person closes it (close button, Escape). */
  readonly onClose: () => void;
  /** The class name of the dialog element. */
  readonly className?: string;
  /** What the dialog contains. */
  readonly children: ReactNode;
}

/**
 * A modal dialog on the native `<dialog>` element: the browser traps focus, makes the page behind it inert and
 * closes it on Escape; focus goes back to what opened it.
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
    <dialog ref={ref} aria-labelledby={titleId} className={className}>
      {open ? (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="dialog-close" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div className="dialog-body">{children}</div>
        </>
      ) : null}
    </dialog>
  );
}
