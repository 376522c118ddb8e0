import { pendingMigrations } from '../server/db/migrate.js';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestDatabase, testConfig, testDialect } from '../../test/setup.js';
import { buildApp } from '../server/app.js';
import { openDatabase, type Database } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { verifyPassword } from '../server/lib/password.js';
import { DEMO_ORG_NAME } from '../server/seed/demo.js';
import { LARGE_ADMIN_EMAIL, LARGE_ORG_NAME, seedLarge } from '../server/seed/large.js';
import { backupCommand, CliError, createAdminCommand, migrateCommand, seedCommand, usersCommand } from './commands.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = testConfig();
type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

/** Collects what a command prints. */
function capture() {
  const lines: string[] = [];
  return { lines, log: (line: string) => void lines.push(line), text: () => lines.join('\n') };
}

const opened: { drop(): Promise<void> }[] = [];
async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  opened.push(database);
  return database;
}
afterAll(async () => {
  for (const d of opened) await d.drop();
});

const tempDirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

async function orgIdByName(database: Database, name: string) {
  return (await database.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

describe('tandem migrate', () => {
  it('applies every migration to an empty database, then nothing on a second run', async () => {
    const database = openDatabase({});
    try {
      const all = await pendingMigrations(database.db);
      expect(all[0]).toBe('20261127000000_platform');
      const first = capture();
      expect(await migrateCommand(database, config, {}, first)).toEqual(all);
      expect(first.text()).toContain(`applied ${all.length} migration(s)`);
      const second = capture();
      expect(await migrateCommand(database, config, {}, second)).toEqual([]);
      expect(second.text()).toContain('up to date');
    } finally {
      await database.destroy();
    }
  });

  it(`is idempotent on a migrated ${testDialect} database`, async () => {
    const database = await freshDatabase();
    expect(await migrateCommand(database, config, {}, capture())).toEqual([]);
    expect(await migrateCommand(database, config, {}, capture())).toEqual([]);
  });
});

describe('tandem seed --scale demo', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });

  it('creates the 13 demo users and prints their logins', async () => {
    const out = capture();
    await seedCommand(database, config, { scale: 'demo' }, out);
    const orgId = await orgIdByName(database, DEMO_ORG_NAME);
    const users = await database.db.selectFrom('users').select('email').where('org_id', '=', orgId).execute();
    expect(users).toHaveLength(13);
    expect(out.text()).toContain('admin@tandem.demo');
  });

  it('refuses a second time, saying why', async () => {
    await expect(seedCommand(database, config, { scale: 'demo' }, capture())).rejects.toThrow(CliError);
    await expect(seedCommand(database, config, { scale: 'demo' }, capture())).rejects.toThrow(/already exists/);
    const count = await database.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses --users, which only the large company takes', async () => {
    await expect(seedCommand(database, config, { scale: 'demo', users: 5 }, capture())).rejects.toThrow(/--users/);
    await expect(seedCommand(database, config, { scale: 'demo', projects: 5 }, capture())).rejects.toThrow(/--projects/);
  });
});

describe('seedLarge', () => {
  const USERS = 120;
  let a: TestDatabase;
  let b: TestDatabase;
  const now = new Date('2026-03-02T09:00:00.000Z');

  beforeAll(async () => {
    [a, b] = await Promise.all([freshDatabase(), freshDatabase()]);
    await seedLarge(a.db, { users: USERS, password: config.demo.password, passwordCost: config.passwordCost, now });
    // A different batch size must not change a single row.
    await seedLarge(b.db, { users: USERS, password: config.demo.password, passwordCost: config.passwordCost, now, batchSize: 7 });
  });

  const snapshot = (database: Database) =>
    database.db.selectFrom('users').select(['id', 'email', 'name', 'job_role', 'team_id', 'manager_id', 'cost_rate', 'bill_rate', 'calendar_id']).orderBy('id').execute();

  it('creates exactly the users asked for, in the large organisation', async () => {
    const orgId = await orgIdByName(a, LARGE_ORG_NAME);
    const users = await a.db.selectFrom('users').select(['id', 'org_id']).execute();
    expect(users).toHaveLength(USERS);
    expect(users.every((u) => u.org_id === orgId)).toBe(true);
    expect(new Set((await snapshot(a)).map((u) => u.email)).size).toBe(USERS);
  });

  it('gives every user a team and manager of the same organisation, and a manager chain without loops', async () => {
    const users = await snapshot(a);
    const teams = await a.db.selectFrom('teams').select(['id', 'manager_id', 'parent_id', 'kind']).execute();
    const userIds = new Set(users.map((u) => u.id));
    const teamIds = new Set(teams.map((t) => t.id));
    expect(teams).toHaveLength(36);
    for (const u of users) {
      if (u.team_id !== null) expect(teamIds.has(u.team_id), `team of ${u.email}`).toBe(true);
      if (u.manager_id !== null) expect(userIds.has(u.manager_id), `manager of ${u.email}`).toBe(true);
    }
    for (const t of teams) {
      expect(userIds.has(t.manager_id!), 'team manager').toBe(true);
      if (t.parent_id) expect(teamIds.has(t.parent_id)).toBe(true);
    }
    const managerOf = new Map(users.map((u) => [u.id, u.manager_id]));
    for (const u of users) {
      let steps = 0;
      for (let cur = u.manager_id; cur; cur = managerOf.get(cur) ?? null) expect(++steps).toBeLessThan(10);
    }
    // Most people belong to a team; only the administrator and executives do not.
    expect(users.filter((u) => u.team_id === null).every((u) => u.job_role === 'admin' || u.job_role === 'executive')).toBe(true);
    const jobRoles = new Set(users.map((u) => u.job_role));
    expect([...jobRoles].sort()).toEqual(expect.arrayContaining(['admin', 'delivery', 'executive', 'project_manager', 'sales']));
  });

  it('writes the team closure, a role for everyone, and a rate history matching the current rate', async () => {
    const closure = await a.db.selectFrom('team_closure').select(['ancestor_id', 'descendant_id', 'depth']).execute();
    // 36 teams: 2 roots at depth 0, 4 regions + 10 delivery teams at depth 1, 20 sales teams at depth 2.
    expect(closure).toHaveLength(36 + 4 + 10 + 20 * 2);
    const roles = await a.db.selectFrom('user_roles').select(['user_id', 'role']).execute();
    expect(new Set(roles.map((r) => r.user_id)).size).toBe(USERS);
    expect(roles.filter((r) => r.role === 'admin')).toHaveLength(1);
    const latest = await a.db.selectFrom('user_rates').select(['user_id', 'effective_from', 'cost_rate']).orderBy('effective_from', 'desc').execute();
    const current = new Map<string, number>();
    for (const r of latest) if (!current.has(r.user_id)) current.set(r.user_id, r.cost_rate);
    for (const u of await snapshot(a)) expect(current.get(u.id)).toBe(u.cost_rate);
  });

  it('is deterministic: the same ids, emails, names and references on another database and batch size', async () => {
    expect(await snapshot(b)).toEqual(await snapshot(a));
  });

  it('lets the large users sign in with the demo password and list users through the API', async () => {
    const app = await buildApp({ database: a, config, logger: false, serveWeb: false });
    try {
      const client = await new Client(app).signIn(LARGE_ADMIN_EMAIL, config.demo.password);
      const res = await client.get('/api/v1/users?limit=50');
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toHaveLength(50);
      const someone = (await snapshot(a)).find((u) => u.job_role === 'delivery')!;
      await new Client(app).signIn(someone.email, config.demo.password);
    } finally {
      await app.close();
    }
  });

  it('refuses to run twice, and refuses fewer users than the team tree needs', async () => {
    await expect(seedLarge(a.db, { users: USERS, password: config.demo.password, passwordCost: config.passwordCost, now })).rejects.toThrow(/already exists/);
    const empty = await freshDatabase();
    await expect(seedCommand(empty, config, { scale: 'large', users: 10 }, capture())).rejects.toThrow(/at least 38 users/);
    expect(await empty.db.selectFrom('organisations').select('id').execute()).toEqual([]);
  });

  it('is what `tandem seed --scale large --users N` runs, with progress', async () => {
    const database = await freshDatabase();
    const out = capture();
    await seedCommand(database, config, { scale: 'large', users: 60, projects: 12, batchSize: 25 }, out);
    expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(60);
    expect(out.text()).toMatch(/users\s+60 \/ 60/);
    expect(await database.db.selectFrom('projects').select('id').execute()).toHaveLength(12);
    expect(out.text()).toMatch(/projects\s+12 \/ 12/);
    expect(out.text()).toContain(LARGE_ADMIN_EMAIL);
  });
});

describe('tandem create-admin', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });

  it('creates the organisation when there is none, and an active admin who can sign in', async () => {
    const out = capture();
    const result = await createAdminCommand(database, config, { email: ' Root@Example.COM ', name: 'Root Admin', password: 'a long enough secret', org: 'Acme 有限公司' }, out);
    expect(result.createdOrg).toBe(true);
    expect(out.text()).toContain('Created the organisation "Acme 有限公司"');
    const user = await database.db.selectFrom('users').selectAll().where('email', '=', 'root@example.com').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ status: 'active', job_role: 'admin', org_id: result.orgId, name: 'Root Admin' });
    expect(await verifyPassword('a long enough secret', user.password_hash)).toBe(true);
    const roles = await database.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
    expect(roles.map((r) => r.role)).toEqual(['admin']);
    const audit = await database.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'user').where('entity_id', '=', user.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actor_id: null, org_id: result.orgId });
    expect(audit[0].changes).not.toContain(user.password_hash!);

    const app = await buildApp({ database, config, logger: false, serveWeb: false });
    try {
      await new Client(app).signIn('root@example.com', 'a long enough secret');
    } finally {
      await app.close();
    }
  });

  it('adds a second admin to the only organisation', async () => {
    const result = await createAdminCommand(database, config, { email: 'second@example.com', name: 'Second', password: 'another secret!' }, capture());
    expect(result.createdOrg).toBe(false);
    expect(result.orgName).toBe('Acme 有限公司');
  });

  it('rejects a short password, a taken email and a bad email, creating nothing', async () => {
    await expect(createAdminCommand(database, config, { email: 'short@example.com', name: 'Short', password: 'seven77' }, capture())).rejects.toThrow(/password.*8 characters/i);
    await expect(createAdminCommand(database, config, { email: 'ROOT@example.com', name: 'Again', password: 'a long enough secret' }, capture())).rejects.toThrow(/already exists/);
    await expect(createAdminCommand(database, config, { email: 'not-an-email', name: 'X', password: 'a long enough secret' }, capture())).rejects.toThrow(/email/);
    expect(await database.db.selectFrom('users').select('id').where('email', '=', 'short@example.com').executeTakeFirst()).toBeUndefined();
  });

  it('asks which organisation when there are several, and refuses an unknown one', async () => {
    await seedCommand(database, config, { scale: 'demo' }, capture());
    await expect(createAdminCommand(database, config, { email: 'x@example.com', name: 'X', password: 'a long enough secret' }, capture())).rejects.toThrow(/--org/);
    await expect(createAdminCommand(database, config, { email: 'x@example.com', name: 'X', password: 'a long enough secret', org: 'Nobody Ltd' }, capture())).rejects.toThrow(/No organisation is named "Nobody Ltd"/);
    const result = await createAdminCommand(database, config, { email: 'x@example.com', name: 'X', password: 'a long enough secret', org: DEMO_ORG_NAME }, capture());
    expect(result.orgId).toBe(await orgIdByName(database, DEMO_ORG_NAME));
  });
});

describe('tandem backup', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = tempDir();
    database = openDatabase({ sqlitePath: path.join(dir, 'data', 'tandem.db') });
    await migrateToLatest(database.db);
    await seedCommand(database, config, { scale: 'demo' }, capture());
  });
  afterAll(() => database.destroy());

  it('copies a live SQLite file database into a file that opens and holds the users', async () => {
    const file = path.join(dir, 'backup.db');
    const out = capture();
    const result = await backupCommand(database, config, { file }, out);
    expect(result.bytes).toBeGreaterThan(0);
    expect(out.text()).toMatch(/Backed up .* to .*backup\.db: [\d.]+ (KiB|MiB) in \d/);
    const copy = new SQLite(file, { readonly: true });
    try {
      expect(copy.prepare('select count(*) as n from users').get()).toEqual({ n: 13 });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('refuses to overwrite a file unless forced, and never writes over the database itself', async () => {
    const file = path.join(dir, 'existing.db');
    fs.writeFileSync(file, 'not a database');
    await expect(backupCommand(database, config, { file }, capture())).rejects.toThrow(/already exists.*--force/);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a database');
    await backupCommand(database, config, { file, force: true }, capture());
    expect(fs.readFileSync(file).subarray(0, 15).toString()).toBe('SQLite format 3');
    await expect(backupCommand(database, config, { file: path.join(dir, 'data', 'tandem.db'), force: true }, capture())).rejects.toThrow(/database itself/);
    await expect(backupCommand(database, config, { file: path.join(dir, 'missing', 'b.db') }, capture())).rejects.toThrow(/does not exist/);
  });

  // Defined only in the PostgreSQL run (not skipped on SQLite, where pg_dump has nothing to copy).
  if (testDialect === 'postgres')
  it('runs pg_dump on PostgreSQL, and says so clearly when pg_dump is missing', async () => {
    const pgDatabase = await freshDatabase();
    const file = path.join(dir, 'backup.dump');
    const result = await backupCommand(pgDatabase, config, { file }, capture());
    expect(result.bytes).toBeGreaterThan(0);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    await expect(backupCommand(pgDatabase, config, { file: path.join(dir, 'other.dump'), pgDump: path.join(dir, 'no-such-pg_dump') }, capture())).rejects.toThrow(/not found/);
    expect(fs.existsSync(path.join(dir, 'other.dump'))).toBe(false);
  });
});

describe('tandem users', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
    await seedCommand(database, config, { scale: 'demo' }, capture());
  });

  it('lists email, name, roles and status as a table', async () => {
    const out = capture();
    const result = await usersCommand(database, config, {}, out);
    expect(result).toEqual({ count: 13, more: false });
    expect(out.lines[0]).toMatch(/^EMAIL\s+NAME\s+ROLES\s+STATUS$/);
    expect(out.text()).toMatch(/sales\.manager@tandem\.demo\s+王丽 Li Wang\s+sales_manager,sales_rep\s+active/);
    expect(out.lines.at(-1)).toBe('13 user(s).');
  });

  it('filters by status and stops at the limit', async () => {
    const none = capture();
    await usersCommand(database, config, { status: 'disabled' }, none);
    expect(none.text()).toBe('No disabled users.');
    const some = capture();
    expect(await usersCommand(database, config, { limit: 5 }, some)).toEqual({ count: 5, more: true });
    expect(some.lines).toHaveLength(1 + 5 + 1);
    expect(some.lines.at(-1)).toContain('raise --limit');
  });

  it('refuses a database that is not migrated', async () => {
    const bare = openDatabase({});
    try {
      await expect(usersCommand(bare, config, {}, capture())).rejects.toThrow(/tandem migrate/);
    } finally {
      await bare.destroy();
    }
  });
});

describe('bin/tandem.mjs', () => {
  const exec = promisify(execFile);
  const env = (dataDir: string) => {
    const e: NodeJS.ProcessEnv = { ...process.env, TANDEM_DATA_DIR: dataDir };
    delete e.TANDEM_DATABASE_URL;
    return e;
  };

  it('runs migrate then users against a fresh SQLite data directory, exiting 0', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const migrate = await exec(process.execPath, [path.join(ROOT, 'bin/tandem.mjs'), 'migrate'], { env: env(dataDir), cwd: os.tmpdir() });
    expect(migrate.stdout).toMatch(/applied \d+ migration\(s\)/);
    expect(fs.existsSync(path.join(dataDir, 'tandem.db'))).toBe(true);
    const users = await exec(process.execPath, [path.join(ROOT, 'bin/tandem.mjs'), 'users'], { env: env(dataDir), cwd: os.tmpdir() });
    expect(users.stdout.trim()).toBe('No users.');
    expect(users.stderr).toBe('');
  });

  it('exits 1 with a one-line message when something is wrong', async () => {
    const dataDir = path.join(tempDir(), 'nothing-here');
    const failed = await exec(process.execPath, [path.join(ROOT, 'bin/tandem.mjs'), 'users'], { env: env(dataDir) }).then(
      () => null,
      (err: { code: number; stderr: string; stdout: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^tandem: There is no database at .*tandem migrate/)]);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
