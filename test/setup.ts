import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { FixedClock } from '../src/server/lib/clock.js';
import { setDummyCost } from '../src/server/lib/password.js';

/** Tests hash with a low scrypt cost so that hundreds of sign-ins stay fast; production uses 2^17. */
export const TEST_PASSWORD_COST = 10;
setDummyCost(TEST_PASSWORD_COST);

/** Set TANDEM_TEST_DATABASE_URL=postgres://… to run the database suites on PostgreSQL. */
export const testDialect = process.env.TANDEM_TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/**
 * A fresh, migrated database per test file: in-memory SQLite, or a new PostgreSQL database of
 * its own (CI shares the server with others), dropped when the file's tests end.
 */
export async function createTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const adminUrl = process.env.TANDEM_TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = openDatabase({});
    await migrateToLatest(database.db);
    return { ...database, drop: () => database.destroy() };
  }
  const name = `tandem_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString(), poolSize: 5 });
  await migrateToLatest(database.db);
  return {
    ...database,
    async drop() {
      await database.destroy();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ TANDEM_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  return { ...base, passwordCost: TEST_PASSWORD_COST, signInRatePerMinute: 10_000, ...overrides };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database & { drop(): Promise<void> };
  clock: FixedClock;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = new FixedClock();
  const config = testConfig(overrides);
  const app = await buildApp({ database, config, clock, logger: false, serveWeb: false });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A signed-in client: keeps the session cookie like a browser and sends a same-origin Origin. */
export class Client {
  cookie: string | null = null;
  constructor(private app: FastifyInstance) {}

  async request(opts: InjectOptions & { json?: unknown }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    const res = await this.app.inject({ ...opts, headers, ...(opts.json !== undefined ? { payload: opts.json as object } : {}) });
    const set = res.cookies.find((c) => c.name.endsWith('tandem_session'));
    if (set) this.cookie = set.value ? `${set.name}=${set.value}` : null;
    return res;
  }
  get = (url: string) => this.request({ method: 'GET', url });
  post = (url: string, json?: unknown) => this.request({ method: 'POST', url, json: json ?? {} });
  patch = (url: string, json: unknown) => this.request({ method: 'PATCH', url, json });
  put = (url: string, json: unknown) => this.request({ method: 'PUT', url, json });
  delete = (url: string, json?: unknown) => this.request({ method: 'DELETE', url, json });

  async signIn(email: string, password: string) {
    const res = await this.post('/api/v1/auth/sign-in', { email, password });
    if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
    return this;
  }
}
