import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('counts a client within its window, blocks it once over the limit, and lets it back after the block', async () => {
    const store = new MemoryThrottlerStorage();
    const hit = () => store.increment('ip-a', 60_000, 2, 60_000, 'default');
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect((await hit()).isBlocked).toBe(false);
    jest.advanceTimersByTime(10_000);
    expect(await hit()).toEqual({ totalHits: 3, timeToExpire: 50, isBlocked: true, timeToBlockExpire: 60 });
    // Blocked requests are not counted, and the block runs its full length even past the window's end.
    jest.advanceTimersByTime(55_000);
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 5 });
    jest.advanceTimersByTime(5_000);
    expect(await hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('keeps clients and throttlers apart, and starts a fresh window when the last one ended', async () => {
    const store = new MemoryThrottlerStorage();
    await store.increment('ip-a', 1000, 1, 1000, 'default');
    expect((await store.increment('ip-b', 1000, 1, 1000, 'default')).isBlocked).toBe(false);
    expect((await store.increment('ip-a', 1000, 1, 1000, 'other')).isBlocked).toBe(false);
    jest.advanceTimersByTime(1000);
    expect(await store.increment('ip-a', 1000, 1, 1000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets clients whose window and block have ended', async () => {
    const store = new MemoryThrottlerStorage();
    for (let i = 0; i < 1000; i++) await store.increment(`ip-${i}`, 1000, 5, 1000, 'default');
    const windows = (store as unknown as { windows: Map<string, unknown> }).windows;
    expect(windows.size).toBe(1000);
    jest.advanceTimersByTime(10_000);
    await store.increment('ip-new', 1000, 5, 1000, 'default');
    expect(windows.size).toBe(1);
  });
});
