import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('spaces calls at the configured rate and does not wait at all when the rate is 0', async () => {
    let rate = 50;
    const limiter = new RateLimiter(() => rate);
    const start = Date.now();
    for (let i = 0; i < 11; i++) await limiter.take();
    // Ten intervals of 20 ms after the first, immediate, call.
    expect(Date.now() - start).toBeGreaterThanOrEqual(190);
    rate = 0;
    const unlimited = Date.now();
    for (let i = 0; i < 1000; i++) await limiter.take();
    expect(Date.now() - unlimited).toBeLessThan(100);
  });
});
