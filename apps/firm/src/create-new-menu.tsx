import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

/** Props of `CreateNewMenu`. */
export interface CreateNewMenuProps {
  /** Opens the secure portal message composer. */
  readonly onSecurePortal: () => void;
}

type Open = 'closed' | 'menu' | 'message';

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu
    ? Array.from(menu.querySelectorAll<HTMLElement>(':scope > [role="none"] > [role="menuitem"]'))
    : [];
}

// The WAI-ARIA menu pattern: arrows move, Home/End jump, focus wraps around.
function moveFocus(event: KeyboardEvent<HTMLDivElement>): boolean {
  const items = menuItems(event.currentTarget);
  const index = items.indexOf(document.activeElement as HTMLElement);
  const targets: Record<string, number> = {
    ArrowDown: (index + 1) % items.length,
    ArrowUp: (index - 1 + items.length) % items.length,
    Home: 0,
    End: items.length - 1,
  };
  const target = targets[event.key];
  if (target === undefined) return false;
  event.preventDefault();
  event.stopPropagation();
  items[target]?.focus();
  return true;
}

/**
 * "Create New ▾": a menu button (WAI-ARIA menu pattern) whose "Message" item opens a submenu with
 * "Secure Portal". The other kinds of record are shown as a practice app would, but are not part of the demo.
 */
export function CreateNewMenu({ onSecurePortal }: CreateNewMenuProps) {
  const [open, setOpen] = useState<Open>('closed');
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const messageRef = useRef<HTMLButtonElement>(null);
  const submenuRef = useRef<HTMLDivElement>(null);
  const ids = { button: useId(), menu: useId(), message: useId(), submenu: useId() };

  useEffect(() => {
    if (open === 'closed') return;
    const closeOutside = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen('closed');
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const focusFirst = (menu: HTMLDivElement | null) =>
    requestAnimationFrame(() => menuItems(menu)[0]?.focus());
  const openMenu = () => {
    setOpen('menu');
    focusFirst(menuRef.current);
  };
  const openSubmenu = () => {
    setOpen('message');
    requestAnimationFrame(() => menuItems(submenuRef.current)[0]?.focus());
  };
  const close = () => {
    setOpen('closed');
    buttonRef.current?.focus();
  };
  const choose = () => {
    setOpen('closed');
    onSecurePortal();
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openMenu();
    }
  };
  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (moveFocus(event)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') setOpen('closed');
    else if (event.key === 'ArrowRight' && document.activeElement === messageRef.current) {
      event.preventDefault();
      openSubmenu();
    }
  };
  const onSubmenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (moveFocus(event)) return;
    if (event.key === 'Escape' || event.key === 'ArrowLeft') {
      event.preventDefault();
      event.stopPropagation();
      setOpen('menu');
      messageRef.current?.focus();
    }
  };

  return (
    <div className="menu" ref={rootRef}>
      <button
        ref={buttonRef}
        id={ids.button}
        type="button"
        className="button button-primary"
        aria-haspopup="menu"
        aria-expanded={open !== 'closed'}
        aria-controls={ids.menu}
        onClick={() => (open === 'closed' ? openMenu() : setOpen('closed'))}
        onKeyDown={onButtonKeyDown}
      >
        Create New <span aria-hidden="true">▾</span>
      </button>
      <div
        ref={menuRef}
        id={ids.menu}
        role="menu"
        aria-labelledby={ids.button}
        className="menu-list"
        hidden={open === 'closed'}
        onKeyDown={onMenuKeyDown}
      >
        <div role="none">
          <button
            ref={messageRef}
            id={ids.message}
            type="button"
            role="menuitem"
            tabIndex={-1}
            aria-haspopup="menu"
            aria-expanded={open === 'message'}
            aria-controls={ids.submenu}
            onClick={openSubmenu}
            onPointerEnter={() => setOpen('message')}
          >
            Message <span aria-hidden="true">▸</span>
          </button>
          <div
            ref={submenuRef}
            id={ids.submenu}
            role="menu"
            aria-labelledby={ids.message}
            className="menu-list submenu"
            hidden={open !== 'message'}
            onKeyDown={onSubmenuKeyDown}
          >
            <div role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={choose}>
                Secure Portal
                <span className="menu-hint">Through the client’s secure portal</span>
              </button>
            </div>
            <div role="none">
              <button type="button" role="menuitem" tabIndex={-1} aria-disabled="true">
                E-mail
                <span className="menu-hint">Not part of this demo</span>
              </button>
            </div>
          </div>
        </div>
        {['Contact', 'Matter', 'Task'].map((label) => (
          <div role="none" key={label}>
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-disabled="true"
              onPointerEnter={() => setOpen('menu')}
            >
              {label}
              <span className="menu-hint">Not part of this demo</span>
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}
