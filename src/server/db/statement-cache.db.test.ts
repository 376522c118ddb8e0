import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './database.js';

describe('SQLite statement cache', () => {
  const sqlite = new SQLite(':memory:');

  it('prepares each SQL text once and hands back the same statement', () => {
    const cached = withStatementCache(sqlite, 3);
    const a = cached.prepare('select 1 as x');
    expect(cached.prepare('select 1 as x')).toBe(a);
    expect(cached.prepare('select 2 as x')).not.toBe(a);
    expect(a.get()).toEqual({ x: 1 });
  });

  it('drops the least recently used statement when full', () => {
    const cached = withStatementCache(sqlite, 2);
    const one = cached.prepare('select 1');
    const two = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(one); // now "select 2" is the oldest
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).toBe(one);
    expect(cached.prepare('select 2')).not.toBe(two);
  });

  it('keeps working when a migration changes the schema under a cached statement', () => {
    const cached = withStatementCache(sqlite);
    sqlite.exec('create table t (a integer)');
    sqlite.exec('insert into t values (1)');
    const read = () => cached.prepare('select * from t').all();
    expect(read()).toEqual([{ a: 1 }]);
    sqlite.exec('alter table t add column b text');
    expect(read()).toEqual([{ a: 1, b: null }]);
  });
});
