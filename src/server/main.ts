import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { MINUTE } from './lib/clock.js';
import { setDummyCost } from './lib/password.js';
import { deleteExpiredSessions } from './modules/auth/session.repository.js';
import { demoCompanyExists, formatLogins, isEmpty, seedDemo } from './seed/demo.js';

/** Reads config, migrates, seeds the demo company into an empty database, and listens. */
async function main() {
  const config = loadConfig();
  setDummyCost(config.passwordCost);
  const database = openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath });
  const applied = await migrateToLatest(database.db);
  const where = database.dialect === 'postgres' ? 'PostgreSQL' : config.sqlitePath;
  if (applied.length) console.log(`Applied ${applied.length} migration(s) to ${where}.`);
  let seeded = false;
  if (config.demo.enabled && (await isEmpty(database.db))) {
    console.log('Empty database: creating the demo company…');
    await seedDemo(database.db, { password: config.demo.password, passwordCost: config.passwordCost, now: new Date() });
    seeded = true;
  }
  // jobs: reminders that fell due while the server was down go out at start-up, then every 5 minutes.
  const app = await buildApp({ database, config, serveWeb: true, jobs: true });
  const cleanup = setInterval(() => {
    const now = new Date();
    const idleCutoff = new Date(now.getTime() - config.session.idleMinutes * MINUTE).toISOString();
    deleteExpiredSessions(database.db, now.toISOString(), idleCutoff).catch((err) => app.log.error({ err }, 'session cleanup failed'));
    app.services.mailer.deliverPending(database.db, now).catch((err) => app.log.error({ err }, 'mail delivery failed'));
  }, MINUTE);
  cleanup.unref();
  const close = async () => {
    clearInterval(cleanup);
    await app.close();
    await database.destroy();
    process.exit(0);
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  console.log(`\nTandem is serving ${url} (database: ${where})`);
  if (seeded) console.log(`${formatLogins(config.demo.password, config.demo.passwordFromEnv)}\n`);
  else if (await demoCompanyExists(database.db)) console.log(`(demo company already present; its password is the one it was created with)\n${formatLogins(config.demo.password, config.demo.passwordFromEnv)}\n`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
