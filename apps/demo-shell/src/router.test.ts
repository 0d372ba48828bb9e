import { describe, expect, it } from 'vitest';
import { matchPath } from './router.js';

describe('matchPath', () => {
  it('returns the parameters of a matching path, decoded', () => {
    expect(matchPath('/messages/:id', '/messages/cnv_a%20b')).toEqual({ id: 'cnv_a b' });
  });

  it('ignores a trailing slash', () => {
    expect(matchPath('/contacts/:id', '/contacts/con_daniel/')).toEqual({ id: 'con_daniel' });
  });

  it('refuses paths with other segments or another length', () => {
    expect(matchPath('/messages/:id', '/contacts/con_daniel')).toBeNull();
    expect(matchPath('/messages/:id', '/messages')).toBeNull();
    expect(matchPath('/messages/:id', '/messages/cnv_a/extra')).toBeNull();
  });
});
