/**
 * The real Tandem server for the browser suite: the built web app, a fresh database (a temporary
 * SQLite file, or a database of its own on PostgreSQL when TANDEM_TEST_DATABASE_URL is set) with
 * the demo company, listening on a free port of 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, WEB_DIST } from '../src/server/app.js';
import type { Database } from '../src/server/db/database.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { DEMO_PEOPLE, seedDemo } from '../src/server/seed/demo.js';
import { createTestDatabase, TEST_PASSWORD_COST, testConfig } from '../test/setup.js';

export const DEMO_PASSWORD = 'tandem-demo';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function demoLogin(key: string) {
  const p = DEMO_PEOPLE.find((x) => x.key === key);
  if (!p) throw new Error(`no demo person ${key}`);
  return p;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app when dist/web is missing, or older than its sources (so that a local run
 * never tests yesterday's bundle). CI builds it first, and then this does nothing.
 */
export function ensureWebBuilt() {
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'src/web')), newestMtime(path.join(ROOT, 'src/contracts')), fs.statSync(path.join(ROOT, 'vite.config.ts')).mtimeMs);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  // NODE_ENV is 'test' under vitest; the bundle must be the production one (React and antd drop their dev checks).
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

export interface TestServer {
  url: string;
  database: Database;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  ensureWebBuilt();
  let database: Database;
  let dropDatabase: () => Promise<void>;
  if (process.env.TANDEM_TEST_DATABASE_URL) {
    const d = await createTestDatabase();
    database = d;
    dropDatabase = d.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
    const d = openDatabase({ sqlitePath: path.join(dir, 'tandem.db') });
    await migrateToLatest(d.db);
    database = d;
    dropDatabase = async () => {
      await d.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  await seedDemo(database.db, { password: DEMO_PASSWORD, passwordCost: TEST_PASSWORD_COST, now: new Date() });
  const app = await buildApp({ database, config: testConfig(), serveWeb: true, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    async close() {
      await app.close();
      await dropDatabase();
    },
  };
}
