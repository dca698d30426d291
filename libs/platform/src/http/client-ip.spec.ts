import { ipBucket } from './client-ip';

describe('ipBucket', () => {
  it('counts IPv4 addresses one by one and IPv6 by /64', () => {
    expect(ipBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3:8d3::/64');
    expect(ipBucket('2001:db8:85a3:8d3::1')).toBe('2001:db8:85a3:8d3::/64');
    expect(ipBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipBucket('::1')).toBe('0:0:0:0::/64');
    expect(ipBucket('2001:db8:85a3:8d3:ffff:ffff:ffff:ffff')).toBe(ipBucket('2001:db8:85a3:8d3::'));
  });
});
