import { bindNamed } from './named-parameters';

describe('bindNamed', () => {
  it('uses ? on SQLite and $n on PostgreSQL, in order of appearance, repeating values as needed', () => {
    const sql = 'UPDATE t SET a = :a, b = :b WHERE c = :a';
    expect(bindNamed(sql, { a: 1, b: 'x' }, 'sqlite')).toEqual(['UPDATE t SET a = ?, b = ? WHERE c = ?', [1, 'x', 1]]);
    expect(bindNamed(sql, { a: 1, b: 'x' }, 'postgres')).toEqual([
      'UPDATE t SET a = $1, b = $2 WHERE c = $3',
      [1, 'x', 1],
    ]);
  });

  it('keeps the SQL text the same whatever the values (so prepared statements are reused)', () => {
    const sql = 'INSERT INTO t (n) VALUES (:n)';
    expect(bindNamed(sql, { n: 1 }, 'sqlite')[0]).toBe(bindNamed(sql, { n: 2 }, 'sqlite')[0]);
  });

  it('expands :...list and leaves quoted text alone', () => {
    expect(
      bindNamed(
        "SELECT strftime('%H:%M', x) FROM t WHERE id IN (:...ids) AND s = ':nope'",
        { ids: [1, 2] },
        'postgres',
      ),
    ).toEqual(["SELECT strftime('%H:%M', x) FROM t WHERE id IN ($1, $2) AND s = ':nope'", [1, 2]]);
  });

  it('refuses a missing parameter', () => {
    expect(() => bindNamed('SELECT :x', {}, 'sqlite')).toThrow(/:x/);
  });
});
