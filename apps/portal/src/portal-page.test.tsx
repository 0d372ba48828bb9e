// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { portalRoute } from './portal-route.js';
import { PortalPage } from './portal-shell.js';

describe('PortalPage', () => {
  afterEach(() => {
    cleanup();
  });

  it('shows an unknown path as a not-found page whose link goes home', () => {
    window.history.replaceState(null, '', '/no-such-page');
    render(<PortalPage route={portalRoute('/no-such-page')} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    const home = screen.getByRole('link', { name: 'Go to your messages' });
    expect(home.getAttribute('href')).toBe('/messages');
    fireEvent.click(home, { button: 0 });
    expect(window.location.pathname).toBe('/messages');
  });
});
