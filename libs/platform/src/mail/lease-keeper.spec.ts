import { LeaseKeeper } from './lease-keeper';

describe('LeaseKeeper', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('renews held leases every third of the lease, and holds a row only while its lease has time left', async () => {
    const renewed: number[][] = [];
    const keeper = new LeaseKeeper(3000, (ids) => {
      renewed.push(ids);
      return Promise.resolve(ids);
    });
    keeper.track([1, 2], Date.now());
    expect(keeper.holds(1)).toBe(true);
    await jest.advanceTimersByTimeAsync(1000);
    expect(renewed).toEqual([[1, 2]]);
    await jest.advanceTimersByTimeAsync(5000);
    expect(keeper.holds(1)).toBe(true);
    keeper.forget([1]);
    expect(keeper.holds(1)).toBe(false);
    await keeper.close();
  });

  it('drops a row another sender took over, and stops holding rows whose renewal keeps failing', async () => {
    let fail = false;
    const keeper = new LeaseKeeper(3000, (ids) =>
      fail ? Promise.reject(new Error('down')) : Promise.resolve(ids.slice(1)),
    );
    keeper.track([1, 2], Date.now());
    await jest.advanceTimersByTimeAsync(1000);
    expect(keeper.holds(1)).toBe(false);
    expect(keeper.holds(2)).toBe(true);
    fail = true;
    await jest.advanceTimersByTimeAsync(1000);
    expect(keeper.holds(2)).toBe(true); // renewed 1 s ago: 2 s of the lease left
    await jest.advanceTimersByTimeAsync(1000);
    expect(keeper.holds(2)).toBe(false); // only a third left: another sender may take it soon
    await keeper.close();
  });
});
