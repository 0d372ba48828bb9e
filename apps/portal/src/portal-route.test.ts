import { describe, expect, it } from 'vitest';
import { portalRoute } from './portal-route.js';

describe('portalRoute', () => {
  it.each([
    ['/', { page: 'messages', conversationId: null, composing: false }],
    ['/messages', { page: 'messages', conversationId: null, composing: false }],
    ['/messages/new', { page: 'messages', conversationId: null, composing: true }],
    ['/messages/cnv_work_permit', { page: 'messages', conversationId: 'cnv_work_permit', composing: false }],
    ['/details', { page: 'details' }],
  ])('shows %s as its page', (path, route) => {
    expect(portalRoute(path)).toEqual(route);
  });

  it.each([
    '/no-such-page',
    '/settings',
    '/contacts',
    '/details/more',
    '/messages/cnv_work_permit/extra',
    '/messages/%E0%A4%A',
    '/Messages',
  ])('shows %s as not found', (path) => {
    expect(portalRoute(path)).toEqual({ page: 'not-found' });
  });
});
