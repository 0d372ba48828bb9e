import { describe, expect, it } from 'vitest';
import { matchPath } from './router.js';

describe('matchPath', () => {
  it('returns the parameters of a matching path, decoded', () => {
    expect(matchPath('/messages/:id', '/messages/cnv_a%20b')).toEqual({ id: 'cnv_a b' });
  });

  it('ignores a trailing slash', () => {
    expect(matchPath('/contacts/:id', '/contacts/con_daniel/')).toEqual({ id: 'con_daniel' });
  });

  it.each([
    ['a truncated UTF-8 sequence', '%E0'],
    ['a lone percent sign', '%'],
    ['a percent sign without hex digits', '%zz'],
    ['an overlong UTF-8 encoding', '%C0%AF'],
    ['an encoded lone surrogate', '%ED%A0%80'],
    ['a broken escape after good text', 'cnv_a%E0%A4'],
  ])('matches nothing when the parameter has %s (%s), instead of throwing', (_kind, segment) => {
    expect(matchPath('/messages/:id', `/messages/${segment}`)).toBeNull();
  });

  it('refuses paths with other segments or another length', () => {
    expect(matchPath('/messages/:id', '/contacts/con_daniel')).toBeNull();
    expect(matchPath('/messages/:id', '/messages')).toBeNull();
    expect(matchPath('/messages/:id', '/messages/cnv_a/extra')).toBeNull();
  });
});
