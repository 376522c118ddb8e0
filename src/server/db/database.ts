import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The raw better-sqlite3 handle (for online backup); undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  url: string;
  destroy(): Promise<void>;
}

// PostgreSQL returns int8 and numeric as strings; our int8 columns hold minor units well inside 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function openDatabase(opts: { url?: string; sqlitePath?: string; poolSize?: number }): Database {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, types: pgTypes });
    // An idle connection that the server ends (a restart, a failover, an administrator, a dropped test
    // database) is an 'error' on the pool; unhandled, it would end the process. The pool replaces the
    // connection on the next query, so it is only worth a warning, and not even that when the server
    // said it was shutting the connection down on purpose (57P01).
    pool.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') console.warn(`PostgreSQL: an idle connection failed: ${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', url: opts.url, destroy: () => db.destroy() };
  }
  const file = opts.sqlitePath ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Kysely's SQLite dialect runs every query over this one connection, one at a time: one writer.
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, url: file, destroy: () => db.destroy() };
}

/** How many prepared statements a SQLite connection keeps (the app has a few hundred distinct queries). */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query afresh; compiling SQL costs as much as running a small indexed query.
 * This hands it the connection with prepare() remembering the last STATEMENT_CACHE_SIZE statements
 * by their SQL text (least recently used dropped first). Reusing a statement is safe here: Kysely
 * runs one query at a time on the one connection, and SQLite re-prepares a statement itself when a
 * migration changes the schema under it.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
