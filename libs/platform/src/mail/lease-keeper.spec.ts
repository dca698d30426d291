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
    const claim = keeper.track([1, 2], Date.now());
    expect(keeper.holds(1)).toBe(true);
    await jest.advanceTimersByTimeAsync(1000);
    expect(renewed).toEqual([[1, 2]]);
    await jest.advanceTimersByTimeAsync(5000);
    expect(keeper.holds(1)).toBe(true);
    keeper.forget([1], claim);
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

  it('a row handed back and claimed again keeps its new lease whatever the earlier claim does late', async () => {
    const keeper = new LeaseKeeper(3000, () => Promise.resolve([]));
    const first = keeper.track([1, 2], Date.now());
    // Row 1 is handed back (a pause) and this sender claims it again before the first claim's results are written.
    const second = keeper.track([1], Date.now());
    keeper.forget([1, 2], first);
    expect(keeper.holds(1)).toBe(true);
    expect(keeper.holds(2)).toBe(false);
    keeper.forget([1], second);
    expect(keeper.holds(1)).toBe(false);
    await keeper.close();
  });

  it('a renewal answered after the row was claimed again does not drop the new lease', async () => {
    let answer: (held: number[]) => void = () => undefined;
    const keeper = new LeaseKeeper(3000, () => new Promise<number[]>((resolve) => (answer = resolve)));
    const first = keeper.track([1], Date.now());
    await jest.advanceTimersByTimeAsync(1000); // a renewal of claim `first` is now in flight
    keeper.forget([1], first);
    keeper.track([1], Date.now());
    answer([]); // the database says: not held (it was handed back before the new claim)
    await jest.advanceTimersByTimeAsync(0);
    expect(keeper.holds(1)).toBe(true);
    await keeper.close();
  });
});
