import { type AnchorHTMLAttributes, forwardRef, type MouseEvent, useSyncExternalStore } from 'react';

const NAVIGATE_EVENT = 'confide-demo:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const currentPath = () => window.location.pathname;

/** Options of `navigate`. */
export interface NavigateOptions {
  /** Replaces the current history entry instead of adding one. */
  readonly replace?: boolean;
  /** Moves focus into the page's main content once it shows (after an action such as sending from a dialog). */
  readonly focus?: boolean;
}

/** Goes to a path of the app without reloading the page (history API). */
export function navigate(path: string, options: NavigateOptions = {}): void {
  if (path === currentPath()) return;
  const state = options.focus ? { focus: true } : null;
  if (options.replace) window.history.replaceState(state, '', path);
  else window.history.pushState(state, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Whether the navigation that showed the current page asked for focus to move into it (`navigate(…, { focus })`). */
export function wantsFocus(): boolean {
  return (window.history.state as { focus?: unknown } | null)?.focus === true;
}

/** The current path, re-rendering on every navigation (links, back and forward). */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

/** The segment decoded, or null when its percent-escapes are malformed (`%`, `%zz`, a broken UTF-8 sequence). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Matches a path against a pattern like `/messages/:id`; returns the parameters or `null`. A parameter whose
 * escapes cannot be decoded matches nothing, so a typed-in or mangled address shows the not-found view instead
 * of throwing while the page renders.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) {
      const decoded = decodeSegment(actual);
      if (decoded === null) return null;
      params[part.slice(1)] = decoded;
    } else if (part !== actual) return null;
  }
  return params;
}

/** Props of `Link`. */
export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  /** The app path to go to. */
  readonly href: string;
}

/**
 * Whether the browser should follow this click itself: another button or a modifier key (new tab, new window,
 * download), a link that opens elsewhere or downloads, or an address outside the app's origin.
 */
function isBrowserClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return true;
  const anchor = event.currentTarget;
  const target = anchor.getAttribute('target');
  if ((target !== null && target !== '' && target !== '_self') || anchor.hasAttribute('download'))
    return true;
  return anchor.origin !== window.location.origin;
}

/** An anchor that navigates inside the app; clicks meant for the browser (new tab, new window) stay the browser's. */
export const Link = forwardRef<HTMLAnchorElement, LinkProps>(function Link({ href, onClick, ...rest }, ref) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || isBrowserClick(event)) return;
    event.preventDefault();
    navigate(href);
  };
  return <a ref={ref} href={href} onClick={handleClick} {...rest} />;
});
