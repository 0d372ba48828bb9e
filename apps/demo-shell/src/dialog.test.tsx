// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dialog } from './dialog.js';

// jsdom has no modal dialogs: these stand in for the browser's, which show the dialog and focus its first focusable
// element (the dialog focusing steps), so the header's Close is what a browser would focus.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
    this.querySelector<HTMLElement>('button, input, select, textarea, a[href]')?.focus();
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

afterEach(() => {
  cleanup();
});

describe('Dialog', () => {
  it.each([
    {
      content: 'a combobox first',
      children: (
        <>
          <p>Pick the client, then write.</p>
          <input role="combobox" aria-label="Client" aria-expanded="false" />
          <input aria-label="Subject" />
        </>
      ),
      first: { role: 'combobox', name: 'Client' },
    },
    {
      content: 'a disabled field before a text box',
      children: (
        <>
          <input aria-label="Locked" disabled />
          <textarea aria-label="Message" />
        </>
      ),
      first: { role: 'textbox', name: 'Message' },
    },
    {
      content: 'an element out of the tab order before a button',
      children: (
        <>
          <span tabIndex={-1}>Skipped</span>
          <button type="button">Continue</button>
        </>
      ),
      first: { role: 'button', name: 'Continue' },
    },
  ] as const)(
    'opens with focus on the first field of its content ($content), not on Close',
    ({ children, first }) => {
      render(
        <Dialog open title="New secure message" onClose={() => {}}>
          {children}
        </Dialog>,
      );
      expect(document.activeElement).toBe(screen.getByRole(first.role, { name: first.name }));
    },
  );

  it('gives focus back to what opened it when it closes', () => {
    const view = (open: boolean) => (
      <>
        <button type="button">New message</button>
        <Dialog open={open} title="New secure message" onClose={() => {}}>
          <input aria-label="Subject" />
        </Dialog>
      </>
    );
    const { rerender } = render(view(false));
    const opener = screen.getByRole('button', { name: 'New message' });
    opener.focus();
    rerender(view(true));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Subject' }));
    rerender(view(false));
    expect(document.activeElement).toBe(opener);
  });

  it('is named by its title, its one heading, and adds no banner to the page it opens over', () => {
    render(
      <>
        <header>The page's own banner</header>
        <Dialog open title="Sign out and delete unsent work?" onClose={() => {}}>
          <p>1 draft</p>
        </Dialog>
      </>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Sign out and delete unsent work?' });
    expect(screen.getAllByRole('heading')).toEqual([
      screen.getByRole('heading', { name: 'Sign out and delete unsent work?' }),
    ]);
    expect(dialog.contains(screen.getByRole('heading'))).toBe(true);
    expect(screen.getAllByRole('banner')).toHaveLength(1);
  });
});
