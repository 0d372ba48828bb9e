import { describe, expect, it } from 'vitest';
import { addressRateLimitKey } from './client-address.js';

describe('addressRateLimitKey', () => {
  it.each([
    ['an IPv4 address', '203.0.113.7', '203.0.113.7'],
    ['the IPv4 loopback', '127.0.0.1', '127.0.0.1'],
    ['an IPv4-mapped IPv6 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped address in capitals', '::FFFF:127.0.0.1', '127.0.0.1'],
    ['the IPv6 loopback', '::1', '0:0:0:0::/64'],
    ['a full IPv6 address', '2001:db8:85a3:1:8a2e:370:7334:1', '2001:db8:85a3:1::/64'],
    ['a compressed IPv6 address', '2001:db8::1', '2001:db8:0:0::/64'],
    ['IPv6 with leading zeros and capitals', '2001:0DB8:0000:0001::ABCD', '2001:db8:0:1::/64'],
    ['a link-local address with a zone', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['no address', undefined, 'unknown'],
    ['an empty address', '', 'unknown'],
    ['something that is no address', 'Not-An-Address', 'not-an-address'],
  ])('keys %s', (_case, address, key) => {
    expect(addressRateLimitKey(address)).toBe(key);
  });

  it.each([
    ['two addresses of one /64', '2001:db8:1:2::a', '2001:db8:1:2:ffff:ffff:ffff:ffff'],
    ['an IPv4 address and its mapped form', '198.51.100.9', '::ffff:198.51.100.9'],
  ])('gives one key to %s', (_case, first, second) => {
    expect(addressRateLimitKey(first)).toBe(addressRateLimitKey(second));
  });

  it.each([
    ['two IPv6 networks', '2001:db8:1:2::a', '2001:db8:1:3::a'],
    ['two IPv4 addresses', '198.51.100.9', '198.51.100.10'],
    ['the two loopbacks', '127.0.0.1', '::1'],
  ])('keeps %s apart', (_case, first, second) => {
    expect(addressRateLimitKey(first)).not.toBe(addressRateLimitKey(second));
  });
});
