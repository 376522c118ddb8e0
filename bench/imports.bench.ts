/**
 * The import benchmark: `npx tsx bench/imports.bench.ts` (standalone, not a vitest file).
 *
 * On a temporary SQLite file (production settings) with one company, a rep owning 20,000
 * accounts (and 10,000 contacts already there, to deduplicate against), it uploads a CSV file of
 * 100,000 contacts (BENCH_IMPORT_ROWS) through the real app (`app.inject()`: session, policy,
 * parsing), 2 % of them with a broken email and 1 % duplicates of existing contacts, then times:
 *   - the upload (file stored, encoding detected, header and sample read);
 *   - the dry run (every row read, judged against the database, rejections stored);
 *   - the import (judged again and written in batches of 1,000).
 * The budget is 20 s for upload + import (the "importing 100,000 contacts"); the dry run is
 * reported on its own. `BENCH_DATABASE_URL=postgres://…` runs on a PostgreSQL database of its own.
 * Writes bench/results/imports-latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { uuidv7 } from '../src/server/lib/ids.js';
import { hashPassword, setDummyCost } from '../src/server/lib/password.js';
import { nameKey } from '../src/server/modules/sales/money.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000) || 100_000;
const ACCOUNTS = 20_000;
const BUDGET_MS = 20_000;
const AT = '2026-01-05T00:00:00.000Z';
const PASSWORD = 'bench-password';

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-import-bench-'));
  const config = loadConfig({ ...process.env, TANDEM_DATA_DIR: dir, TANDEM_DATABASE_URL: '', TANDEM_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  setDummyCost(10);
  let database: Database;
  let dropPg: (() => Promise<void>) | null = null;
  if (process.env.BENCH_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
    await admin.connect();
    const name = `tandem_import_bench_${process.pid}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.BENCH_DATABASE_URL);
    url.pathname = `/${name}`;
    database = openDatabase({ url: url.toString() });
    dropPg = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else database = openDatabase({ sqlitePath: path.join(dir, 'tandem.db') });
  const db = database.db;
  try {
    await migrateToLatest(db);
    const orgId = uuidv7();
    const base = { org_id: orgId, created_at: AT, updated_at: AT, version: 1 };
    await db.insertInto('organisations').values({ id: orgId, ...base, name: 'Bench Co', currency: 'CNY', default_locale: 'en', default_time_zone: 'UTC' }).execute();
    const repId = uuidv7();
    await db.insertInto('users').values({ id: repId, ...base, email: 'rep@bench.test', name: 'Rep', password_hash: await hashPassword(PASSWORD, 10), status: 'active', job_role: 'sales', manager_id: null, team_id: null, calendar_id: null, cost_rate: 0, bill_rate: 0, weekly_capacity_hours: 40, locale: 'en', time_zone: 'UTC', failed_sign_ins: 0, locked_until: null, last_sign_in_at: null }).execute();
    await db.insertInto('user_roles').values({ id: uuidv7(), ...base, user_id: repId, role: 'sales_rep' }).execute();
    const accountName = (i: number) => `Bench Customer ${String(i).padStart(5, '0')}`;
    const accountIds: string[] = [];
    for (let i = 0; i < ACCOUNTS; i += 500) {
      const rows = Array.from({ length: Math.min(500, ACCOUNTS - i) }, (_, k) => {
        const id = uuidv7();
        accountIds.push(id);
        const name = accountName(i + k);
        return { id, ...base, name, name_key: nameKey(name), industry: 'IT', segment_id: null, size: 'medium' as const, region: 'East', website: null, phone: null, address: '', notes: '', owner_id: repId, status: 'customer' as const, cadence_days: null, last_activity_at: null, next_contact_due: null };
      });
      await db.insertInto('accounts').values(rows).execute();
    }
    for (let i = 0; i < 10_000; i += 500) {
      await db.insertInto('contacts').values(Array.from({ length: 500 }, (_, k) => ({ id: uuidv7(), ...base, account_id: accountIds[(i + k) % ACCOUNTS]!, name: `Existing ${i + k}`, title: null, email: `existing${i + k}@bench.test`, email_key: `existing${i + k}@bench.test`, phone: null, buying_role: null, notes: '' }))).execute();
    }
    if (database.dialect === 'postgres') await db.executeQuery({ sql: 'ANALYZE', parameters: [], query: { kind: 'RawNode' } } as never).catch(() => {});

    const lines = ['Company,Full name,E-mail,Job title,Phone'];
    for (let i = 0; i < ROWS; i++) {
      const email = i % 50 === 7 ? 'not-an-email' : i % 100 === 13 ? `existing${i % 10_000}@bench.test` : `person${i}@customer.test`;
      lines.push(`${accountName(i % ACCOUNTS)},Person ${i},${email},"Manager, Sales",+86 138 0000 ${String(i % 10_000).padStart(4, '0')}`);
    }
    const file = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);

    const app = await buildApp({ database, config: { ...config, passwordCost: 10 }, logger: false, serveWeb: false });
    await app.ready();
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'rep@bench.test', password: PASSWORD } });
    const c = signIn.cookies.find((x) => x.name.endsWith('tandem_session'))!;
    const cookie = `${c.name}=${c.value}`;
    const wait = async (id: string) => {
      for (;;) {
        const job = (await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: { cookie } })).json();
        if (!['checking', 'importing'].includes(job.status)) return job;
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const t0 = performance.now();
    const up = await app.inject({ method: 'POST', url: '/api/v1/imports?entity=contacts&fileName=contacts.csv', headers: { cookie, 'content-type': 'text/csv' }, payload: file });
    if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
    const id = up.json().id;
    const t1 = performance.now();
    await app.inject({ method: 'POST', url: `/api/v1/imports/${id}/check`, headers: { cookie } });
    const checked = await wait(id);
    const t2 = performance.now();
    await app.inject({ method: 'POST', url: `/api/v1/imports/${id}/run`, headers: { cookie } });
    const done = await wait(id);
    const t3 = performance.now();
    await app.close();
    const result = {
      at: new Date().toISOString(),
      dialect: database.dialect,
      rows: ROWS,
      fileBytes: file.length,
      load: os.loadavg().map((x) => Number(x.toFixed(2))),
      uploadMs: Math.round(t1 - t0),
      dryRunMs: Math.round(t2 - t1),
      importMs: Math.round(t3 - t2),
      uploadPlusImportMs: Math.round(t1 - t0 + (t3 - t2)),
      budgetMs: BUDGET_MS,
      checked: { valid: checked.validRows, rejected: checked.rejectedRows, duplicates: checked.duplicateRows },
      done: { status: done.status, inserted: done.insertedRows },
    };
    fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
    fs.writeFileSync(path.join(HERE, 'results', `imports${database.dialect === 'postgres' ? '-postgres' : ''}-latest.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    if (done.status !== 'done' || done.insertedRows !== checked.validRows) throw new Error('the import did not write the valid rows');
    if (result.uploadPlusImportMs > BUDGET_MS) {
      console.error(`over budget: ${result.uploadPlusImportMs} ms > ${BUDGET_MS} ms`);
      process.exitCode = 1;
    }
  } finally {
    await database.destroy();
    await dropPg?.();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
