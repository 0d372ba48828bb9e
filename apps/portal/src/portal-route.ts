import { matchPath } from '@confide/demo-shell';

/** What the portal shows at a path. */
export type PortalRoute =
  | { readonly page: 'messages'; readonly conversationId: string | null; readonly composing: boolean }
  | { readonly page: 'details' }
  | { readonly page: 'not-found' };

/** The portal's page for `path`; any path it does not know is `not-found` (never the message list in disguise). */
export function portalRoute(path: string): PortalRoute {
  if (path === '/' || path === '/messages')
    return { page: 'messages', conversationId: null, composing: false };
  if (path === '/messages/new') return { page: 'messages', conversationId: null, composing: true };
  if (path === '/details') return { page: 'details' };
  const conversation = matchPath('/messages/:id', path);
  if (conversation?.id) return { page: 'messages', conversationId: conversation.id, composing: false };
  return { page: 'not-found' };
}
