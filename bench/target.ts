import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { setDummyCost } from '../src/server/lib/password.js';
import { LARGE_ADMIN_EMAIL, seedLarge } from '../src/server/seed/large.js';

/**
 * The servers under test, in a process of their own so that the load generator (bench/run.ts)
 * does not share their event loop. Started by run.ts; answers { ready, bareUrl, appUrl, … } over
 * IPC, and closes everything when run.ts disconnects.
 */
export interface TargetReady {
  ready: true;
  bareUrl: string;
  appUrl: string;
  email: string;
  password: string;
  users: number;
  seedMs: number;
}

async function main() {
  const users = Number(process.env.BENCH_USERS ?? 1000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  // A temporary SQLite file, production settings otherwise (scrypt cost included), no request log.
  const config = loadConfig({ ...process.env, TANDEM_DATA_DIR: dir, TANDEM_DATABASE_URL: '', TANDEM_LOG_LEVEL: 'silent' });
  setDummyCost(config.passwordCost);
  const database = openDatabase({ sqlitePath: config.sqlitePath });
  await migrateToLatest(database.db);
  const seeded = await seedLarge(database.db, { users, password: config.demo.password, passwordCost: config.passwordCost, now: new Date() });

  const bare = Fastify({ logger: false });
  bare.get('/', async () => ({ ok: true }));
  const app = await buildApp({ database, config, logger: false, serveWeb: false });
  const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await Promise.allSettled([bare.close(), app.close()]);
    await database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('disconnect', close);
  process.on('SIGTERM', close);
  process.on('SIGINT', close);

  const ready: TargetReady = { ready: true, bareUrl, appUrl, email: LARGE_ADMIN_EMAIL, password: config.demo.password, users, seedMs: seeded.elapsedMs };
  process.send!(ready);
}

main().catch((err) => {
  console.error(`bench target: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
