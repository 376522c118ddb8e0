import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Password } from '../contracts/auth.js';
import { Locale, TimeZone } from '../contracts/common.js';
import type { Config } from '../server/config.js';
import type { Database } from '../server/db/database.js';
import { migrateToLatest, pendingMigrations } from '../server/db/migrate.js';
import type { Role, UserStatus } from '../server/db/schema.js';
import { inTransaction, type Executor } from '../server/db/transaction.js';
import { diffRecords, recordAudit } from '../server/lib/audit.js';
import { uuidv7 } from '../server/lib/ids.js';
import { hashPassword } from '../server/lib/password.js';
import * as userRepo from '../server/modules/users/user.repository.js';
import { DEMO_ORG_NAME, DEMO_PEOPLE, formatLogins, seedDemo } from '../server/seed/demo.js';
import { LARGE_ADMIN_EMAIL, LARGE_ORG_NAME, planLarge, seedLarge, type SeedProgress } from '../server/seed/large.js';
import { DEMO_PROJECTS } from '../server/seed/demo-delivery.js';
import { PROJECTS_PER_USER } from '../server/seed/large-delivery.js';
import { describeDatabase, formatBytes, formatCount, formatDuration, formatTable } from './format.js';

/**
 * The `tandem` commands. Each takes (database, config, options, output) and neither parses
 * arguments nor exits, so that tests run it against a real database and read what it printed.
 */

/** Where a command writes what it has to say. */
export interface Output {
  log(line: string): void;
}

/** A condition the operator can fix; main prints its message alone, as one line, and exits 1. */
export class CliError extends Error {
  override name = 'CliError';
}

export const consoleOutput: Output = { log: (line) => console.log(line) };

// --- migrate -------------------------------------------------------------------------------

export async function migrateCommand(database: Database, _config: Config, _options: Record<string, never>, out: Output): Promise<string[]> {
  const applied = await migrateToLatest(database.db);
  const where = describeDatabase(database.url);
  if (applied.length === 0) out.log(`${where}: up to date, no migration to apply.`);
  else {
    out.log(`${where}: applied ${applied.length} migration(s):`);
    for (const name of applied) out.log(`  ${name}`);
  }
  return applied;
}

/** Write commands bring the schema up to date first, like the server does when it starts. */
async function migrateQuietly(database: Database, out: Output) {
  const applied = await migrateToLatest(database.db);
  if (applied.length) out.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}.`);
}

/** Read commands refuse an out-of-date schema rather than change the database. */
async function requireMigrated(database: Database) {
  const pending = await pendingMigrations(database.db);
  if (pending.length) throw new CliError(`The database is missing ${pending.length} migration(s); run \`tandem migrate\` first.`);
}

// --- seed ----------------------------------------------------------------------------------

export interface SeedOptions {
  scale: 'demo' | 'large';
  /** Users of the large company (default 1,000); not for the demo. */
  users?: number;
  /** Projects of the large company (default 5 per user: 5,000 for 1,000 users; 0 for none); not for the demo. */
  projects?: number;
  batchSize?: number;
  now?: Date;
}

export async function seedCommand(database: Database, config: Config, options: SeedOptions, out: Output) {
  const { db } = database;
  const now = options.now ?? new Date();
  if (options.scale === 'demo') {
    if (options.users !== undefined) throw new CliError('--users applies to --scale large only; the demo company has a fixed cast.');
    if (options.projects !== undefined) throw new CliError('--projects applies to --scale large only; the demo company has its twelve projects.');
    await migrateQuietly(database, out);
    if (await findOrganisationByName(db, DEMO_ORG_NAME)) throw new CliError(`The demo organisation "${DEMO_ORG_NAME}" already exists; nothing to do.`);
    const started = performance.now();
    const result = await seedDemo(db, { password: config.demo.password, passwordCost: config.passwordCost, now });
    out.log(`Created "${DEMO_ORG_NAME}" with ${DEMO_PEOPLE.length} users and ${DEMO_PROJECTS.length} projects in ${formatDuration(performance.now() - started)}.`);
    out.log(formatLogins(config.demo.password, config.demo.passwordFromEnv));
    return { orgId: result.orgId, users: DEMO_PEOPLE.length };
  }
  if (options.scale !== 'large') throw new CliError(`Unknown scale "${String(options.scale)}"; use demo or large.`);
  await migrateQuietly(database, out);
  if (await findOrganisationByName(db, LARGE_ORG_NAME)) throw new CliError(`The organisation "${LARGE_ORG_NAME}" already exists; seed the large company into an empty database.`);
  const users = options.users ?? 1000;
  const projects = options.projects ?? users * PROJECTS_PER_USER;
  if (options.batchSize !== undefined && (!Number.isInteger(options.batchSize) || options.batchSize < 1)) throw new CliError('The batch size must be a positive whole number.');
  try {
    planLarge(users, undefined, projects);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  out.log(`Creating "${LARGE_ORG_NAME}" with ${formatCount(users)} users and ${formatCount(projects)} projects in ${describeDatabase(database.url)}…`);
  const result = await seedLarge(db, { users, projects, password: config.demo.password, passwordCost: config.passwordCost, now, batchSize: options.batchSize, onProgress: progressPrinter(out) });
  const total = Object.values(result.rows).reduce((a, b) => a + (b ?? 0), 0);
  out.log(`Done: ${formatCount(total)} rows in ${formatDuration(result.elapsedMs)} (${Object.entries(result.rows).map(([t, n]) => `${t} ${formatCount(n ?? 0)}`).join(', ')}).`);
  out.log(`Sign in as ${LARGE_ADMIN_EMAIL} (or any large user) with ${config.demo.passwordFromEnv ? 'TANDEM_DEMO_PASSWORD' : `the demo password "${config.demo.password}"`}.`);
  return { orgId: result.orgId, users };
}

/** One line per stage at most once a second, plus the stage's last batch. */
function progressPrinter(out: Output) {
  let lastStage = '';
  let lastAt = 0;
  return (p: SeedProgress) => {
    const t = performance.now();
    const finished = p.done >= p.total;
    if (p.stage === lastStage && !finished && t - lastAt < 1000) return;
    lastStage = p.stage;
    lastAt = t;
    const seconds = Math.max(p.elapsedMs, 1) / 1000;
    out.log(`  ${p.stage.padEnd(12)} ${formatCount(p.done).padStart(9)} / ${formatCount(p.total)}  (${formatCount(p.rows)} rows, ${formatCount(p.rows / seconds)} rows/s)`);
  };
}

// --- create-admin --------------------------------------------------------------------------

export interface CreateAdminOptions {
  email: string;
  name: string;
  password: string;
  /** The organisation to add the admin to (required when the database holds several). */
  org?: string;
  /** Settings of the organisation when this command creates it. */
  currency?: string;
  locale?: string;
  timeZone?: string;
  now?: Date;
}

export const DEFAULT_ORG_NAME = 'Tandem';

const AdminInput = z.object({
  email: z.email('Not a valid email address.').max(254),
  name: z.string().trim().min(1, 'A name is required.').max(200),
  password: Password,
  currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as CNY or EUR.'),
  locale: Locale,
  timeZone: TimeZone,
});

export async function createAdminCommand(database: Database, config: Config, options: CreateAdminOptions, out: Output) {
  const parsed = AdminInput.safeParse({
    email: options.email?.trim().toLowerCase(),
    name: options.name,
    password: options.password,
    currency: options.currency ?? 'CNY',
    locale: options.locale ?? 'zh-CN',
    timeZone: options.timeZone ?? 'Asia/Shanghai',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`Invalid ${String(issue.path[0] ?? 'input')}: ${issue.message}`);
  }
  const input = parsed.data;
  await migrateQuietly(database, out);
  const passwordHash = await hashPassword(input.password, config.passwordCost);
  const now = options.now ?? new Date();
  const at = now.toISOString();

  const result = await inTransaction(database.db, async (trx) => {
    const orgs = await listOrganisations(trx);
    let org = options.org !== undefined ? orgs.find((o) => o.name === options.org) : orgs.length === 1 ? orgs[0] : undefined;
    let createdOrg = false;
    if (!org) {
      if (orgs.length > 0 && options.org !== undefined) throw new CliError(`No organisation is named "${options.org}"; this database holds: ${orgs.map((o) => `"${o.name}"`).join(', ')}.`);
      if (orgs.length > 1) throw new CliError(`This database holds ${orgs.length} organisations; choose one with --org: ${orgs.map((o) => `"${o.name}"`).join(', ')}.`);
      org = await createOrganisation(trx, { name: options.org ?? DEFAULT_ORG_NAME, currency: input.currency, locale: input.locale, timeZone: input.timeZone }, now);
      createdOrg = true;
    }
    if (await userRepo.findUserByEmail(trx, input.email)) throw new CliError(`A user with the email ${input.email} already exists.`);
    const calendar = await trx.selectFrom('calendars').select('id').where('org_id', '=', org.id).where('is_default', '=', 1).orderBy('id').executeTakeFirst();
    const roles: Role[] = ['admin'];
    const row: userRepo.UserRow = {
      id: uuidv7(now.getTime()),
      org_id: org.id,
      email: input.email,
      name: input.name,
      password_hash: passwordHash,
      status: 'active',
      job_role: 'admin',
      manager_id: null,
      team_id: null,
      calendar_id: calendar?.id ?? null,
      cost_rate: 0,
      bill_rate: 0,
      weekly_capacity_hours: 40,
      locale: org.default_locale,
      time_zone: org.default_time_zone,
      failed_sign_ins: 0,
      locked_until: null,
      last_sign_in_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await userRepo.insertUser(trx, row, roles);
    await userRepo.upsertRate(trx, org.id, row.id, at.slice(0, 10), row.cost_rate, row.bill_rate, at);
    const { password_hash: _p, failed_sign_ins: _f, locked_until: _l, last_sign_in_at: _s, ...view } = row;
    // No actor: the operator at the server's console, not a user of the organisation.
    await recordAudit(trx, { orgId: org.id, actorId: null, action: 'create', entityType: 'user', entityId: row.id, changes: { ...diffRecords(null, { ...view, roles }), via: [null, 'cli'] }, ip: null, at: now });
    return { orgId: org.id, orgName: org.name, userId: row.id, createdOrg };
  });
  if (result.createdOrg) out.log(`Created the organisation "${result.orgName}".`);
  out.log(`Created the administrator ${input.email} (${input.name}) in "${result.orgName}". They can sign in now.`);
  return result;
}

interface OrganisationSummary {
  id: string;
  name: string;
  default_locale: string;
  default_time_zone: string;
}

function listOrganisations(db: Executor): Promise<OrganisationSummary[]> {
  return db.selectFrom('organisations').select(['id', 'name', 'default_locale', 'default_time_zone']).orderBy('name').orderBy('id').execute();
}

function findOrganisationByName(db: Executor, name: string) {
  return db.selectFrom('organisations').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
}

async function createOrganisation(trx: Executor, o: { name: string; currency: string; locale: string; timeZone: string }, now: Date): Promise<OrganisationSummary> {
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  const row = { id, org_id: id, name: o.name, currency: o.currency, default_locale: o.locale, default_time_zone: o.timeZone, created_at: at, updated_at: at, version: 1 };
  await trx.insertInto('organisations').values(row).execute();
  await recordAudit(trx, { orgId: id, actorId: null, action: 'create', entityType: 'organisation', entityId: id, changes: { ...diffRecords(null, row), via: [null, 'cli'] }, ip: null, at: now });
  return { id, name: o.name, default_locale: o.locale, default_time_zone: o.timeZone };
}

// --- backup --------------------------------------------------------------------------------

export interface BackupOptions {
  file: string;
  force?: boolean;
  /** The pg_dump program (default: pg_dump on the PATH). */
  pgDump?: string;
}

/**
 * An online, consistent copy while the server keeps running: SQLite's backup API (a snapshot,
 * page by page), or pg_dump's custom format (one repeatable-read snapshot). Written beside the
 * target under a temporary name and renamed at the end, so a failed backup leaves no partial file.
 */
export async function backupCommand(database: Database, _config: Config, options: BackupOptions, out: Output) {
  const file = path.resolve(options.file);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(`The directory ${dir} does not exist.`);
  if (fs.existsSync(file)) {
    if (!options.force) throw new CliError(`${file} already exists; choose another name or pass --force to overwrite it.`);
    if (fs.statSync(file).isDirectory()) throw new CliError(`${file} is a directory.`);
  }
  if (database.dialect === 'sqlite' && [database.url, `${database.url}-wal`, `${database.url}-shm`].some((f) => path.resolve(f) === file)) {
    throw new CliError('The backup file cannot be the database itself.');
  }
  const partial = path.join(dir, `.${path.basename(file)}.partial-${process.pid}`);
  const started = performance.now();
  try {
    if (database.dialect === 'sqlite') {
      if (!database.sqlite) throw new CliError('This SQLite database offers no backup handle.');
      await database.sqlite.backup(partial);
    } else {
      await runPgDump(options.pgDump ?? 'pg_dump', database.url, partial);
    }
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  const ms = performance.now() - started;
  const bytes = fs.statSync(file).size;
  out.log(`Backed up ${describeDatabase(database.url)} to ${file}: ${formatBytes(bytes)} in ${formatDuration(ms)}.`);
  return { file, bytes, ms };
}

/** pg_dump gets the password through PGPASSWORD, so that it never shows in the process list. */
function runPgDump(program: string, url: string, file: string): Promise<void> {
  const target = new URL(url);
  const env = { ...process.env };
  if (target.password) {
    env.PGPASSWORD = decodeURIComponent(target.password);
    target.password = '';
  }
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['--format=custom', `--file=${file}`, `--dbname=${target.toString()}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new CliError(`${program} was not found; install the PostgreSQL client tools (the server's major version or newer) or pass --pg-dump <path>.`)
          : new CliError(`Could not run ${program}: ${err.message}`),
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      const last = stderr.trim().split('\n').filter(Boolean).pop() ?? '';
      reject(new CliError(`${program} failed (${signal ?? `exit code ${code}`})${last ? `: ${last}` : '.'}`));
    });
  });
}

// --- users ---------------------------------------------------------------------------------

export interface UsersOptions {
  status?: UserStatus;
  /** How many users to show at most (default 50). */
  limit?: number;
  /** Only this organisation's users. */
  org?: string;
}

export async function usersCommand(database: Database, _config: Config, options: UsersOptions, out: Output) {
  await requireMigrated(database);
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive whole number.');
  let orgs = await listOrganisations(database.db);
  if (options.org !== undefined) {
    orgs = orgs.filter((o) => o.name === options.org);
    if (orgs.length === 0) throw new CliError(`No organisation is named "${options.org}".`);
  }
  const showOrg = orgs.length > 1;
  const rows: string[][] = [];
  let more = false;
  orgs: for (const [k, org] of orgs.entries()) {
    let cursor: string | undefined;
    do {
      const page = await userRepo.listUsers(database.db, org.id, { status: options.status }, { limit: Math.min(limit - rows.length, 200), cursor });
      const roles = await userRepo.rolesOfUsers(database.db, page.items.map((u) => u.id));
      for (const u of page.items) rows.push([...(showOrg ? [org.name] : []), u.email, u.name, (roles.get(u.id) ?? []).join(','), u.status]);
      cursor = page.nextCursor ?? undefined;
      if (rows.length >= limit) {
        more = cursor !== undefined || (await anyUser(database, orgs.slice(k + 1), options.status));
        break orgs;
      }
    } while (cursor);
  }
  if (rows.length === 0) {
    out.log(options.status ? `No ${options.status} users.` : 'No users.');
    return { count: 0, more: false };
  }
  for (const line of formatTable([...(showOrg ? ['ORGANISATION'] : []), 'EMAIL', 'NAME', 'ROLES', 'STATUS'], rows)) out.log(line);
  out.log(`${rows.length} user(s)${more ? ` shown; there are more (raise --limit)` : ''}.`);
  return { count: rows.length, more };
}

async function anyUser(database: Database, orgs: OrganisationSummary[], status: UserStatus | undefined) {
  for (const org of orgs) if ((await userRepo.listUsers(database.db, org.id, { status }, { limit: 1 })).items.length) return true;
  return false;
}
