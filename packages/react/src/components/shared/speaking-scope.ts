/**
 * Where a notice the kit says once per page speaks: the dialog it is in, or else the page (`null`). A dialog is read on
 * its own (a modal one makes the page behind it inert), so a notice behind it cannot speak for it.
 */
export const scopeOf = (notice: HTMLElement): Element | null =>
  notice.closest('dialog, [role="dialog"], [role="alertdialog"]');
