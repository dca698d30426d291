import { MemoryLoginAttempts } from './login-attempts';

describe('MemoryLoginAttempts', () => {
  it('blocks an account from one client after 10 failures and a client after 30, IPv6 counted per /64', async () => {
    const attempts = new MemoryLoginAttempts();
    for (let i = 0; i < 10; i++) await attempts.recordFailure('Owner', '203.0.113.1');
    expect(await attempts.isBlocked('owner', '203.0.113.1')).toBe(true);
    expect(await attempts.isBlocked('owner', '203.0.113.2')).toBe(false);
    for (let i = 0; i < 30; i++) await attempts.recordFailure(`user${i}`, `2001:db8:1:2::${i.toString(16)}`);
    expect(await attempts.isBlocked('someone-else', '2001:db8:1:2:ffff::1')).toBe(true);
    expect(await attempts.isBlocked('someone-else', '2001:db8:1:3::1')).toBe(false);
  });

  it('holds a bounded number of counters however many usernames and addresses a flood uses', async () => {
    const attempts = new MemoryLoginAttempts();
    for (let i = 0; i < 120_000; i++)
      await attempts.recordFailure(`u${i}`.padEnd(100, 'x'), `198.51.${(i >> 8) & 255}.${i & 255}`);
    expect(attempts.size).toBeLessThanOrEqual(50_000);
  });
});
