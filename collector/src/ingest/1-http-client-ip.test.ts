import { describe, expect, it } from 'vitest';
import { truncateIp } from './1-http-client-ip.ts';

describe('truncateIp', () => {
  it('keeps the /24 of an IPv4 address, also when mapped into IPv6', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('::ffff:198.51.100.9')).toBe('198.51.100.0');
    expect(truncateIp('0.0.0.0')).toBe('0.0.0.0');
    expect(truncateIp('255.255.255.255')).toBe('255.255.255.0');
    expect(truncateIp('10.200.3.0')).toBe('10.200.3.0');
  });
  it('keeps the /48 of an IPv6 address', () => {
    expect(truncateIp('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe('2001:db8:85a3::');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::');
    expect(truncateIp('fe80::1%eth0')).toBe('fe80:0:0::');
  });
  it('gives nothing for missing or malformed addresses', () => {
    for (const bad of [
      undefined,
      '',
      'localhost',
      '999.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.256',
      'x::y::z',
      '1..2.3',
      '1.2.3.',
      '.1.2.3',
      '1.2.3.4 ',
      '1234.1.1.1',
      '00.1.1.1',
      '1.2.3.-4',
      '1.2.3.4a',
    ])
      expect(truncateIp(bad)).toBe('');
  });
});
