/**
 * The forecast roll-up benchmark: `npx tsx bench/forecast.bench.ts` (not a vitest file; also run by
 * `npm run bench`).
 *
 * Seeds a temporary SQLite file (WAL, production settings) with one company whose sales tree is a
 * director's top team, 2 regions and 5 teams (10 reps each: 50 reps), 2,000 accounts and 200,000
 * opportunities spread over 2025–2027 (batched multi-row inserts), revenue quotas for every rep and
 * team. It then drives the real app through `app.inject()` and times, after a warm-up, 30 runs of
 *   - `director`: GET /api/v1/forecast?periodKind=quarter&periodStart=2026-10-01 as the director
 *     (the whole tree: 50 reps, 8 teams) — the budget: p95 under 200 ms;
 *   - `exec`: the same as an executive (every sales team);
 *   - `rep`: the same as one rep.
 * For each: median, p95, min, max and the median CPU time of this process per request; the
 * machine's load average before and after. Writes bench/results/forecast-latest.json (or
 * forecast-postgres-latest.json with BENCH_DATABASE_URL=postgres://…, on a database of its own).
 * `BENCH_RUNS=n` changes the number of timed runs (default 30); `BENCH_OPPORTUNITIES=n` the volume.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Insertable, type Kysely } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { DB } from '../src/server/db/schema.js';
import { uuidv7 } from '../src/server/lib/ids.js';
import { hashPassword, setDummyCost } from '../src/server/lib/password.js';
import { rebuildTeamClosure } from '../src/server/modules/teams/team.repository.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'results');
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 30) || 30);
const WARMUP = 3;
const OPPORTUNITIES = Math.max(1000, Number(process.env.BENCH_OPPORTUNITIES ?? 200_000) || 200_000);
const REPS_PER_TEAM = 10;
const TEAMS = 5;
const BUDGET_MS = 200;
const PASSWORD = 'bench-password';
const AT = '2026-01-05T00:00:00.000Z';
const QUERY = '/api/v1/forecast?periodKind=quarter&periodStart=2026-10-01';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertChunked<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[], size = 500) {
  for (let i = 0; i < rows.length; i += size) await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
}

async function seed(db: Kysely<DB>) {
  const rand = rng(20261128);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const base = () => ({ id: uuidv7(), created_at: AT, updated_at: AT, version: 1 });
  const orgId = uuidv7();
  const org = { org_id: orgId };
  await db.insertInto('organisations').values({ id: orgId, org_id: orgId, name: 'Forecast Bench Co.', currency: 'CNY', default_locale: 'en', default_time_zone: 'Asia/Shanghai', created_at: AT, updated_at: AT, version: 1 }).execute();
  const hash = await hashPassword(PASSWORD, 10);
  const users: Insertable<DB['users']>[] = [];
  const roles: Insertable<DB['user_roles']>[] = [];
  const user = (email: string, name: string, teamId: string | null, rs: DB['user_roles']['role'][]) => {
    const u = base();
    users.push({
      ...u, ...org, email, name, password_hash: hash, status: 'active', job_role: rs.includes('executive') ? 'executive' : 'sales', manager_id: null, team_id: teamId, calendar_id: null,
      cost_rate: 30000, bill_rate: 90000, weekly_capacity_hours: 40, locale: 'en', time_zone: 'Asia/Shanghai', failed_sign_ins: 0, locked_until: null, last_sign_in_at: null,
    });
    for (const role of rs) roles.push({ ...base(), ...org, user_id: u.id, role });
    return u.id;
  };
  const directorId = user('director@bench.test', 'Director', null, ['sales_manager']);
  user('exec@bench.test', 'Exec', null, ['executive']);
  const top = { ...base(), ...org, name: 'Sales', kind: 'sales' as const, manager_id: directorId, parent_id: null };
  const regions = [1, 2].map((r) => ({ ...base(), ...org, name: `Region ${r}`, kind: 'sales' as const, manager_id: user(`region${r}@bench.test`, `Region manager ${r}`, null, ['sales_manager']), parent_id: top.id }));
  const teams = Array.from({ length: TEAMS }, (_, i) => ({ ...base(), ...org, name: `Team ${i + 1}`, kind: 'sales' as const, manager_id: user(`mgr${i + 1}@bench.test`, `Manager ${i + 1}`, null, ['sales_manager']), parent_id: regions[i % 2]!.id }));
  await db.insertInto('teams').values([top, ...regions, ...teams]).execute();
  await rebuildTeamClosure(db, orgId, AT);
  const reps: string[] = [];
  teams.forEach((team, ti) => {
    for (let r = 0; r < REPS_PER_TEAM; r++) reps.push(user(`rep${ti * REPS_PER_TEAM + r + 1}@bench.test`, `Rep ${String(ti * REPS_PER_TEAM + r + 1).padStart(2, '0')}`, team.id, ['sales_rep']));
  });
  await insertChunked(db, 'users', users, 100);
  await insertChunked(db, 'user_roles', roles);

  const pipeline = { ...base(), ...org, name: 'Standard', is_default: 1 as const, archived: 0 as const };
  await db.insertInto('pipelines').values(pipeline).execute();
  const stageDefs = [['Prospecting', 10, 'open'], ['Qualification', 25, 'open'], ['Proposal', 50, 'open'], ['Negotiation', 75, 'open'], ['Closed won', 100, 'won'], ['Closed lost', 0, 'lost']] as const;
  const stages = stageDefs.map(([name, probability, kind], position) => ({ ...base(), ...org, pipeline_id: pipeline.id, name, position, probability, kind, archived: 0 as const }));
  await db.insertInto('pipeline_stages').values(stages).execute();

  const accounts = Array.from({ length: 2000 }, (_, i) => {
    const name = `Account ${String(i).padStart(5, '0')}`;
    return { ...base(), ...org, name, name_key: name.toLowerCase().replace(/\s+/g, ''), industry: 'manufacturing', segment_id: null, size: 'medium' as const, region: 'East', website: null, phone: null, address: '', notes: '', owner_id: reps[i % reps.length]!, status: 'customer' as const, cadence_days: null, last_activity_at: null, next_contact_due: null };
  });
  await insertChunked(db, 'accounts', accounts, 200);

  const categories = ['pipeline', 'best_case', 'commit', 'omitted'] as const;
  const start = Date.UTC(2025, 0, 1);
  const spanDays = 365 * 3;
  let batch: Insertable<DB['opportunities']>[] = [];
  for (let i = 0; i < OPPORTUNITIES; i++) {
    const stage = pick(stages);
    const owner = reps[Math.floor(rand() * reps.length)]!;
    const amount = 1000_00 + Math.floor(rand() * 500_000_00);
    const close = new Date(start + Math.floor(rand() * spanDays) * 86_400_000).toISOString().slice(0, 10);
    batch.push({
      ...base(), ...org, name: `Deal ${i}`, account_id: accounts[i % accounts.length]!.id, contact_id: null, owner_id: owner, pipeline_id: pipeline.id, stage_id: stage.id, status: stage.kind,
      amount, currency: 'CNY', amount_base: amount, close_date: close, probability: stage.probability, probability_overridden: 0,
      forecast_category: stage.kind === 'won' ? 'closed' : stage.kind === 'lost' ? 'omitted' : pick(categories), needs: '', solution: '', next_step: '', lead_source: null, source_lead_id: null,
      lost_reason: stage.kind === 'lost' ? 'price' : null, lost_to_competitor_id: null, won_at: stage.kind === 'won' ? `${close}T08:00:00.000Z` : null, lost_at: stage.kind === 'lost' ? `${close}T08:00:00.000Z` : null, stage_changed_at: AT,
    });
    // 100 rows × 33 columns stays under SQLite's and PostgreSQL's bound-parameter limits.
    if (batch.length === 100) {
      await db.insertInto('opportunities').values(batch).execute();
      batch = [];
    }
  }
  if (batch.length) await db.insertInto('opportunities').values(batch).execute();

  const targets: Insertable<DB['sales_targets']>[] = [
    ...reps.map((id) => ({ ...base(), ...org, user_id: id, team_id: null, subject: `user:${id}`, period_kind: 'quarter' as const, period_start: '2026-10-01', metric: 'revenue' as const, amount: 50_000_000_00 })),
    ...[top, ...regions, ...teams].map((t) => ({ ...base(), ...org, user_id: null, team_id: t.id, subject: `team:${t.id}`, period_kind: 'quarter' as const, period_start: '2026-10-01', metric: 'revenue' as const, amount: 500_000_000_00 })),
  ];
  await insertChunked(db, 'sales_targets', targets, 100);
  return { reps: reps.length, teams: 1 + regions.length + teams.length, accounts: accounts.length, opportunities: OPPORTUNITIES };
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const r = (x: number) => Math.round(x * 100) / 100;
  return { medianMs: r(at(0.5)), p95Ms: r(at(0.95)), minMs: r(sorted[0]!), maxMs: r(sorted[sorted.length - 1]!), runs: samples.length };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-forecast-bench-'));
  const config = loadConfig({ ...process.env, TANDEM_DATA_DIR: dir, TANDEM_DATABASE_URL: '', TANDEM_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  setDummyCost(10);
  const pgAdminUrl = process.env.BENCH_DATABASE_URL && /^postgres(ql)?:\/\//.test(process.env.BENCH_DATABASE_URL) ? process.env.BENCH_DATABASE_URL : null;
  const pgName = `tandem_fbench_${process.pid}_${Date.now()}`;
  const adminQuery = async (text: string) => {
    const c = new pg.Client({ connectionString: pgAdminUrl! });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  let database: Database;
  if (pgAdminUrl) {
    await adminQuery(`CREATE DATABASE ${pgName}`);
    const url = new URL(pgAdminUrl);
    url.pathname = `/${pgName}`;
    database = openDatabase({ url: url.toString() });
  } else {
    database = openDatabase({ sqlitePath: path.join(dir, 'tandem.db') });
  }
  try {
    await migrateToLatest(database.db);
    const t0 = performance.now();
    const seeded = await seed(database.db);
    const seedMs = Math.round(performance.now() - t0);
    if (!database.sqlite) await sql`ANALYZE`.execute(database.db);

    const app = await buildApp({ database, config: { ...config, passwordCost: 10 }, logger: false, serveWeb: false });
    await app.ready();
    const signIn = async (email: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${email}: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name.endsWith('tandem_session'))!;
      return `${c.name}=${c.value}`;
    };
    const cookies = { director: await signIn('director@bench.test'), exec: await signIn('exec@bench.test'), rep: await signIn('rep1@bench.test') };
    const get = (cookie: string) => app.inject({ method: 'GET', url: QUERY, headers: { cookie } });

    // Correctness first (not timed): every rep once, the tree's total is the sum of its reps.
    const check = await get(cookies.director);
    if (check.statusCode !== 200) throw new Error(`forecast answered ${check.statusCode}: ${check.body}`);
    const body = check.json() as { reps: { pipeline: number; closedWon: number }[]; teams: { name: string; pipeline: number; repIds: string[] }[]; total: { pipeline: number; closedWon: number; weighted: number } };
    const sumPipeline = body.reps.reduce((s, r) => s + r.pipeline, 0);
    if (body.reps.length !== seeded.reps || body.teams.length !== seeded.teams || body.total.pipeline !== sumPipeline || body.teams[0]!.pipeline !== sumPipeline || body.teams[0]!.repIds.length !== seeded.reps) {
      throw new Error(`forecast check failed: ${body.reps.length} reps, ${body.teams.length} teams, total ${body.total.pipeline} vs Σ ${sumPipeline}`);
    }

    const time = async (cookie: string) => {
      for (let i = 0; i < WARMUP; i++) await get(cookie);
      const samples: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const c0 = process.cpuUsage();
        const s = performance.now();
        const res = await get(cookie);
        samples.push(performance.now() - s);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        if (res.statusCode !== 200) throw new Error(`forecast answered ${res.statusCode}`);
      }
      return { ...stats(samples), cpuMedianMs: Math.round([...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)]! * 100) / 100 };
    };
    const loadBefore = os.loadavg();
    const director = await time(cookies.director);
    const exec = await time(cookies.exec);
    const rep = await time(cookies.rep);
    const loadAfter = os.loadavg();
    const round = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100);
    const result = {
      benchmark: 'forecast',
      at: new Date().toISOString(),
      machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}` },
      settings: { database: pgAdminUrl ? 'postgresql (a database of its own)' : 'sqlite (temporary file, WAL)', runs: RUNS, warmup: WARMUP, query: QUERY },
      data: { ...seeded, seedMs },
      checks: { reps: body.reps.length, teams: body.teams.length, closedWon: body.total.closedWon, pipeline: body.total.pipeline, weighted: body.total.weighted },
      loadAverageBefore: round(loadBefore),
      loadAverageAfter: round(loadAfter),
      results: {
        director: { request: `GET ${QUERY} (director: 50 reps, 8 teams)`, ...director, budgetMs: BUDGET_MS, p95WithinBudget: director.p95Ms < BUDGET_MS },
        exec: { request: `GET ${QUERY} (executive)`, ...exec },
        rep: { request: `GET ${QUERY} (one rep)`, ...rep },
      },
    };
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, `forecast${pgAdminUrl ? '-postgres' : ''}-latest.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`seeded ${seeded.reps} reps in ${seeded.teams} teams, ${seeded.opportunities} opportunities in ${seedMs} ms`);
    for (const [name, r] of Object.entries(result.results)) console.log(`  ${name.padEnd(9)} median ${r.medianMs.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms, min ${r.minMs.toFixed(1)} ms, cpu ${r.cpuMedianMs.toFixed(1)} ms`);
    console.log(`budget ${BUDGET_MS} ms (p95, director): ${result.results.director.p95WithinBudget ? 'ok' : 'OVER'}; load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')} → ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
    await app.close();
    if (!result.results.director.p95WithinBudget) process.exitCode = 1;
  } finally {
    await database.destroy();
    if (pgAdminUrl) await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
