import { describe, expect, it } from 'vitest';
import { buildPath, routeList, routes } from './routes.js';

// Every route of wire protocol v1 as the design document lists it.
const DESIGNED_ROUTES = [
  'GET /v1/me',
  'GET /v1/contacts',
  'GET /v1/members',
  'GET /v1/conversations',
  'POST /v1/conversations',
  'GET /v1/conversations/:id',
  'GET /v1/conversations/:id/messages',
  'POST /v1/conversations/:id/messages',
  'POST /v1/conversations/:id/read',
  'GET /v1/templates',
  'GET /v1/templates/:id',
  'POST /v1/templates',
  'PUT /v1/templates/:id',
  'DELETE /v1/templates/:id',
  'GET /v1/notifications',
  'POST /v1/notifications/read',
  'GET /v1/settings/notifications',
  'PUT /v1/settings/notifications',
  'GET /v1/events',
  'GET /v1/audit',
  'GET /healthz',
  'GET /dev/mail',
  'POST /v1/dev/token',
  'POST /v1/uploads',
  'GET /v1/attachments/:id',
  'POST /v1/attachments/:id/tickets',
  'GET /v1/downloads/:ticket',
];

describe('routes', () => {
  it('covers exactly the routes of the design, each once', () => {
    const table = routeList.map((route) => `${route.method} ${route.path}`);
    expect(new Set(table).size).toBe(table.length);
    expect([...table].sort()).toEqual([...DESIGNED_ROUTES].sort());
  });

  it('gives every route with a path parameter a params schema', () => {
    for (const route of routeList) {
      expect(route.path.includes(':') ? 'params' in route : true, `${route.method} ${route.path}`).toBe(true);
    }
  });

  it('restricts writes to templates and settings to owners and admins', () => {
    expect(routes.createTemplate.access).toBe('admin');
    expect(routes.updateTemplate.access).toBe('admin');
    expect(routes.deleteTemplate.access).toBe('admin');
    expect(routes.updateNotificationSettings.access).toBe('admin');
    expect(routes.listAudit.access).toBe('admin');
    expect(routes.listTemplates.access).toBe('member');
  });

  it('validates path parameters with the id schemas', () => {
    expect(routes.getConversation.params.safeParse({ id: 'cnv_01' }).success).toBe(true);
    expect(routes.getConversation.params.safeParse({ id: '../../etc' }).success).toBe(false);
  });
});

describe('buildPath', () => {
  it('fills and encodes path parameters', () => {
    expect(buildPath(routes.sendMessage.path, { id: 'cnv_01' })).toBe('/v1/conversations/cnv_01/messages');
    expect(buildPath('/v1/templates/:id', { id: 'a/b' })).toBe('/v1/templates/a%2Fb');
  });

  it('throws when a parameter is missing', () => {
    expect(() => buildPath(routes.getConversation.path)).toThrow(/Missing path parameter "id"/);
  });
});
