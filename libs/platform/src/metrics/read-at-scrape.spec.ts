import { Gauge, Registry } from 'prom-client';
import { readAtScrape } from './read-at-scrape';

describe('readAtScrape', () => {
  it('reads the database at most once per refresh interval however often it is scraped', async () => {
    const registry = new Registry();
    const gauge = new Gauge({ name: 'test_depth', help: 'x', registers: [registry] });
    let reads = 0;
    readAtScrape(gauge, () => Promise.resolve(++reads), 60_000);
    for (let i = 0; i < 200; i++) await registry.metrics();
    expect(reads).toBe(1);
    expect(await registry.metrics()).toContain('test_depth 1');
  });
});
