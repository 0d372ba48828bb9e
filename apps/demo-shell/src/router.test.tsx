// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Link, type LinkProps } from './router.js';

const START = '/messages';
const TARGET = '/messages/cnv_work_permit';

/** Clicks the link as `init` says; returns whether the app navigated and whether the browser's default was taken. */
function click(props: Partial<LinkProps>, init: MouseEventInit = {}) {
  render(
    <Link href={TARGET} {...props}>
      Work permit renewal
    </Link>,
  );
  let prevented: boolean | undefined;
  // Runs after React's handler (bubbling ends at the window); stops jsdom's own navigation either way.
  const observe = (event: Event) => {
    prevented = event.defaultPrevented;
    event.preventDefault();
  };
  window.addEventListener('click', observe);
  try {
    fireEvent.click(screen.getByRole('link', { name: 'Work permit renewal' }), { button: 0, ...init });
  } finally {
    window.removeEventListener('click', observe);
  }
  return { navigated: window.location.pathname === TARGET, prevented };
}

describe('Link', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', START);
  });

  afterEach(() => {
    cleanup();
  });

  it.each<[string, Partial<LinkProps>]>([
    ['a plain link', {}],
    ['a link targeting this window', { target: '_self' }],
  ])('navigates inside the app on a plain primary click of %s', (_label, props) => {
    expect(click(props)).toEqual({ navigated: true, prevented: true });
  });

  it.each<[string, MouseEventInit]>([
    ['Ctrl', { ctrlKey: true }],
    ['Cmd', { metaKey: true }],
    ['Shift', { shiftKey: true }],
    ['Alt', { altKey: true }],
    ['the middle button', { button: 1 }],
    ['the secondary button', { button: 2 }],
  ])('leaves a click with %s to the browser', (_label, init) => {
    expect(click({}, init)).toEqual({ navigated: false, prevented: false });
  });

  it.each<[string, Partial<LinkProps>]>([
    ['opens in a new tab', { target: '_blank' }],
    ['opens in a named window', { target: 'help' }],
    ['downloads', { download: '' }],
    ['leads to another site', { href: 'https://example.test/messages/cnv_work_permit' }],
  ])('leaves a primary click to the browser when the link %s', (_label, props) => {
    expect(click(props)).toEqual({ navigated: false, prevented: false });
  });

  it('lets its own onClick cancel the navigation', () => {
    expect(click({ onClick: (event) => event.preventDefault() })).toEqual({
      navigated: false,
      prevented: true,
    });
  });
});
