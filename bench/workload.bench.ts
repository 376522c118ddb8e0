/**
 * The workload benchmark: `npx tsx bench/workload.bench.ts` (standalone, not a vitest file).
 *
 * Seeds a temporary SQLite file (WAL, production settings, no ANALYZE: as a fresh installation
 * runs) with one company: 200 people in 10 teams on two calendars (China 2026 holidays; a
 * part-time Mon–Wed one), 40 projects starting between October 2025 and September 2026, each with
 * 10–25 members and 2–3 summary phases of 20–32 tasks (about 2,800 tasks), and about 3,700
 * assignments (units 0.25–1, half the tasks estimated; the PMs also on their summary phases, which
 * must not count; 3 projects cancelled). It then drives the real app through `app.inject()` —
 * session cookie, authorization, the SQL, the engine, zod validation and serialization of the
 * response — and times, after a warm-up:
 *   - `pmo26w`: GET /api/v1/workload?weeks=26&limit=200 as the PMO: all 200 people × 26 weeks
 *     (the budget: median under 300 ms);
 *   - `pm26w`: the same as a project manager (the people of their projects);
 *   - `pmo26wPageOf10`: a page of 10 people (the query then starts from their assignments);
 *   - `cell`: GET /api/v1/workload/cell for the busiest person's busiest week.
 * For each: wall-clock median, p95 and min, and the median CPU time of this process per request
 * (user + system: on a busy machine the wall time also waits for the CPU). On SQLite it counts the
 * SQL statements per request too (by wrapping better-sqlite3's prepare): the count does not grow
 * with the number of people. Writes bench/results/workload-latest.json.
 *
 * `BENCH_RUNS=n` changes the number of timed runs (default 20); `BENCH_PROJECTS=n` seeds n projects
 * instead of 40, spread over proportionally more time (a longer history outside the range);
 * `BENCH_DATABASE_URL=postgres://…` runs on a PostgreSQL database of its own (created, analysed,
 * dropped) instead of SQLite. Those variants write workload-<variant>-latest.json.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { DB } from '../src/server/db/schema.js';
import { WorkingCalendar, WorkingDayIndex, parseIsoDate } from '../src/domain/schedule/calendar.js';
import { uuidv7 } from '../src/server/lib/ids.js';
import { hashPassword, setDummyCost } from '../src/server/lib/password.js';
import { CN_2026_EXCEPTIONS } from '../src/server/seed/demo.js';
import { rebuildTeamClosure } from '../src/server/modules/teams/team.repository.js';
import { sql, type Insertable, type Kysely } from 'kysely';
import pg from 'pg';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(HERE, 'results');
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 20) || 20);
const WARMUP = 3;
const PEOPLE = 200;
const PROJECTS = Math.max(1, Number(process.env.BENCH_PROJECTS ?? 40) || 40);
const BUDGET_MS = 300;
const FROM = '2026-03-02';
const PASSWORD = 'bench-password';
const AT = '2026-01-05T00:00:00.000Z';

/** mulberry32: a small seeded PRNG, so every run seeds the same company. */
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

async function insertChunked<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Insertable<DB[T]>[], size = 400) {
  for (let i = 0; i < rows.length; i += size) await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
}

async function seed(db: Kysely<DB>) {
  const rand = rng(20261127);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const base = () => ({ id: uuidv7(), created_at: AT, updated_at: AT, version: 1 });
  const orgId = uuidv7();
  await db.insertInto('organisations').values({ id: orgId, org_id: orgId, name: 'Workload Bench Co.', currency: 'CNY', default_locale: 'en', default_time_zone: 'Asia/Shanghai', created_at: AT, updated_at: AT, version: 1 }).execute();
  const org = { org_id: orgId };

  const standard = { ...base(), ...org, name: 'China standard', working_days: '1,2,3,4,5', hours_per_day: 8, is_default: 1 as const };
  const partTime = { ...base(), ...org, name: 'Part-time', working_days: '1,2,3', hours_per_day: 8, is_default: 0 as const };
  await db.insertInto('calendars').values([standard, partTime]).execute();
  await db.insertInto('calendar_exceptions').values(CN_2026_EXCEPTIONS.map((e) => ({ ...base(), ...org, calendar_id: standard.id, date: e.date, name: e.name, working: e.working ? (1 as const) : (0 as const) }))).execute();

  const root = { ...base(), ...org, name: 'Delivery', kind: 'delivery' as const, manager_id: null, parent_id: null };
  const teams = [root, ...Array.from({ length: 9 }, (_, i) => ({ ...base(), ...org, name: `Delivery team ${i + 1}`, kind: 'delivery' as const, manager_id: null, parent_id: root.id }))];
  await db.insertInto('teams').values(teams).execute();
  await rebuildTeamClosure(db, orgId, AT);

  const hash = await hashPassword(PASSWORD, 10);
  const users: Insertable<DB['users']>[] = [];
  const roles: Insertable<DB['user_roles']>[] = [];
  const pmIds: string[] = [];
  const memberIds: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const isPmo = i === 0;
    const isPm = i > 0 && i <= 12;
    const part = !isPmo && !isPm && rand() < 0.05;
    const u = base();
    users.push({
      ...u,
      ...org,
      email: isPmo ? 'pmo@bench.test' : isPm ? `pm${i}@bench.test` : `person${i}@bench.test`,
      name: isPmo ? 'Bench PMO' : `${isPm ? 'PM' : 'Person'} ${String(i).padStart(3, '0')}`,
      password_hash: isPmo || i === 1 ? hash : null,
      status: 'active',
      job_role: isPmo || isPm ? 'project_manager' : 'delivery',
      manager_id: null,
      team_id: teams[1 + (i % 9)].id,
      calendar_id: part ? partTime.id : null,
      cost_rate: 38000,
      bill_rate: 95000,
      weekly_capacity_hours: part ? 24 : 40,
      locale: 'en',
      time_zone: 'Asia/Shanghai',
      failed_sign_ins: 0,
      locked_until: null,
      last_sign_in_at: null,
    });
    for (const role of isPmo ? (['pmo', 'project_manager'] as const) : isPm ? (['project_manager'] as const) : (['team_member'] as const)) roles.push({ ...base(), ...org, user_id: u.id, role });
    if (isPm) pmIds.push(u.id);
    if (!isPmo && !isPm) memberIds.push(u.id);
  }
  await insertChunked(db, 'users', users, 200);
  await insertChunked(db, 'user_roles', roles);

  const calendar = new WorkingCalendar({ workingDays: [1, 2, 3, 4, 5], exceptions: CN_2026_EXCEPTIONS });
  const projects: Insertable<DB['projects']>[] = [];
  const members: Insertable<DB['project_members']>[] = [];
  const tasks: Insertable<DB['tasks']>[] = [];
  const assignments: Insertable<DB['task_assignments']>[] = [];
  // Projects start from October 2025 (40 projects) to later years when BENCH_PROJECTS asks for more history.
  const startWindow = [parseIsoDate('2025-10-01'), parseIsoDate('2025-10-01') + Math.round((335 * PROJECTS) / 40)];
  for (let p = 0; p < PROJECTS; p++) {
    const project = base();
    const managerId = pmIds[p % pmIds.length];
    const startDay = int(startWindow[0], startWindow[1]);
    const index = new WorkingDayIndex(calendar, startDay);
    projects.push({
      ...project,
      ...org,
      code: `B${String(p + 1).padStart(3, '0')}`,
      name: `Bench project ${p + 1}`,
      account_id: null,
      source_contract_id: null,
      manager_id: managerId,
      sponsor: null,
      goals: '',
      scope_in: '',
      scope_out: '',
      status: p % 13 === 12 ? 'cancelled' : 'executing',
      health: 'on_track',
      planned_start: index.dateOf(0),
      calendar_id: standard.id,
      budget_labour: 0,
      budget_expenses: 0,
      currency: 'CNY',
      industry: null,
      tags: '[]',
      planned_finish: null,
      percent_complete: 0,
    });
    const team = new Set<string>();
    const size = int(10, 25);
    while (team.size < size) team.add(pick(memberIds));
    const teamIds = [...team];
    members.push({ ...base(), ...org, project_id: project.id, user_id: managerId, project_role: 'project_manager', allocation_pct: 100, from_date: null, to_date: null });
    for (const userId of teamIds) members.push({ ...base(), ...org, project_id: project.id, user_id: userId, project_role: 'member', allocation_pct: 100, from_date: null, to_date: null });
    const phases = int(2, 3);
    let position = 0;
    for (let ph = 0; ph < phases; ph++) {
      const phase = base();
      const leaves = int(20, 32);
      let phaseStart = Infinity;
      let phaseEnd = -Infinity;
      const children: Insertable<DB['tasks']>[] = [];
      for (let k = 0; k < leaves; k++) {
        const milestone = rand() < 0.05;
        const duration = milestone ? 0 : int(1, 15);
        const offset = ph * 40 + int(0, 60);
        phaseStart = Math.min(phaseStart, offset);
        phaseEnd = Math.max(phaseEnd, offset + Math.max(0, duration - 1));
        const task = base();
        children.push({
          ...task,
          ...org,
          project_id: project.id,
          parent_id: phase.id,
          position: k,
          wbs: `${ph + 1}.${k + 1}`,
          name: `Task ${ph + 1}.${k + 1}`,
          kind: milestone ? 'milestone' : 'task',
          duration_days: duration,
          constraint_type: 'ASAP',
          constraint_date: null,
          estimated_hours: rand() < 0.5 ? int(8, 120) : null,
          status: 'not_started',
          percent_complete: 0,
          actual_start: null,
          actual_finish: null,
          deliverable: null,
          early_start: index.dateOf(offset),
          early_finish: index.dateOf(offset + Math.max(0, duration - 1)),
          late_start: null,
          late_finish: null,
          total_float: null,
          free_float: null,
          critical: 0,
        });
        if (milestone) continue;
        const who = new Set<string>();
        const count = rand() < 0.6 ? 1 : 2;
        while (who.size < count) who.add(pick(teamIds));
        for (const userId of who) assignments.push({ ...base(), ...org, project_id: project.id, task_id: task.id, user_id: userId, units: pick([0.25, 0.5, 0.5, 1, 1, 1]) });
      }
      tasks.push({
        ...phase,
        ...org,
        project_id: project.id,
        parent_id: null,
        position: position++,
        wbs: String(ph + 1),
        name: `Phase ${ph + 1}`,
        kind: 'task',
        duration_days: phaseEnd - phaseStart + 1,
        constraint_type: 'ASAP',
        constraint_date: null,
        estimated_hours: null,
        status: 'not_started',
        percent_complete: 0,
        actual_start: null,
        actual_finish: null,
        deliverable: null,
        early_start: index.dateOf(phaseStart),
        early_finish: index.dateOf(phaseEnd),
        late_start: null,
        late_finish: null,
        total_float: null,
        free_float: null,
        critical: 0,
      });
      // A summary also carries an assignment now and then (a PM "on the phase"): it must not count.
      assignments.push({ ...base(), ...org, project_id: project.id, task_id: phase.id, user_id: managerId, units: 1 });
      tasks.push(...children);
    }
  }
  await insertChunked(db, 'projects', projects, 100);
  await insertChunked(db, 'project_members', members);
  await insertChunked(db, 'tasks', tasks, 300);
  await insertChunked(db, 'task_assignments', assignments);
  return { orgId, projects: projects.length, members: members.length, tasks: tasks.length, assignments: assignments.length, pmEmail: users[1].email };
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const r = (x: number) => Math.round(x * 100) / 100;
  return { medianMs: r(at(0.5)), p95Ms: r(at(0.95)), minMs: r(sorted[0]), maxMs: r(sorted[sorted.length - 1]), runs: samples.length };
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: HERE, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-workload-bench-'));
  const config = loadConfig({ ...process.env, TANDEM_DATA_DIR: dir, TANDEM_DATABASE_URL: '', TANDEM_LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv);
  setDummyCost(10);
  // BENCH_DATABASE_URL=postgres://… runs the same on a fresh PostgreSQL database of its own (dropped at the end).
  const pgAdminUrl = process.env.BENCH_DATABASE_URL && /^postgres(ql)?:\/\//.test(process.env.BENCH_DATABASE_URL) ? process.env.BENCH_DATABASE_URL : null;
  const pgName = `tandem_bench_${process.pid}_${Date.now()}`;
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

    // Count SQL statements: Kysely's SQLite driver prepares every statement it runs.
    // (On PostgreSQL they are not counted.)
    let statements = 0;
    const sqlite = database.sqlite;
    if (sqlite) {
      const prepare = sqlite.prepare.bind(sqlite);
      (sqlite as { prepare: typeof prepare }).prepare = ((source: string) => {
        statements++;
        return prepare(source);
      }) as typeof prepare;
    } else {
      // PostgreSQL plans from statistics: collect them as autovacuum would after a bulk load.
      await sql`ANALYZE`.execute(database.db);
    }

    const app = await buildApp({ database, config: { ...config, passwordCost: 10 }, logger: false, serveWeb: false });
    await app.ready();
    const signIn = async (email: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${email}: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name.endsWith('tandem_session'))!;
      return `${c.name}=${c.value}`;
    };
    const pmoCookie = await signIn('pmo@bench.test');
    const pmCookie = await signIn(seeded.pmEmail);

    const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    const grid = `/api/v1/workload?from=${FROM}&weeks=26&limit=200`;

    // Correctness first (not timed): 200 people, 26 weeks, and some of them over-allocated.
    const check = await get(grid, pmoCookie);
    if (check.statusCode !== 200) throw new Error(`workload answered ${check.statusCode}: ${check.body}`);
    const body = check.json() as { weekStarts: string[]; items: { id: string; totalHours: number; overAllocatedWeeks: number; weeks: { weekStart: string; hours: number }[] }[] };
    if (body.items.length !== PEOPLE || body.weekStarts.length !== 26) throw new Error(`expected ${PEOPLE} people × 26 weeks, got ${body.items.length} × ${body.weekStarts.length}`);
    const totalHours = body.items.reduce((s, p) => s + p.totalHours, 0);
    const overAllocatedCells = body.items.reduce((s, p) => s + p.overAllocatedWeeks, 0);
    const busiest = [...body.items].sort((a, b) => b.totalHours - a.totalHours)[0];
    const busiestWeek = [...busiest.weeks].sort((a, b) => b.hours - a.hours)[0];
    const cellUrl = `/api/v1/workload/cell?userId=${busiest.id}&weekStart=${busiestWeek.weekStart}`;
    const pmCheck = (await get(grid, pmCookie)).json() as { items: unknown[] };

    const time = async (url: string, cookie: string) => {
      for (let i = 0; i < WARMUP; i++) await get(url, cookie);
      const samples: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      const before = statements;
      for (let i = 0; i < RUNS; i++) {
        const c0 = process.cpuUsage();
        const s = performance.now();
        const res = await get(url, cookie);
        samples.push(performance.now() - s);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
        bytes = res.rawPayload.length;
      }
      const cpuMedianMs = Math.round([...cpu].sort((a, b) => a - b)[Math.floor(cpu.length / 2)] * 100) / 100;
      return { ...stats(samples), cpuMedianMs, sqlStatementsPerRequest: sqlite ? (statements - before) / RUNS : null, responseBytes: bytes };
    };

    const loadBefore = os.loadavg();
    const pmo26w = await time(grid, pmoCookie);
    const pm26w = await time(grid, pmCookie);
    const cell = await time(cellUrl, pmoCookie);
    const pmo10 = await time(`/api/v1/workload?from=${FROM}&weeks=26&limit=10`, pmoCookie);
    const loadAfter = os.loadavg();

    const result = {
      benchmark: 'workload',
      at: new Date().toISOString(),
      machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, commit: gitCommit() },
      settings: { database: pgAdminUrl ? 'postgresql (a database of its own)' : 'sqlite (temporary file, WAL)', runs: RUNS, warmup: WARMUP, from: FROM, weeks: 26 },
      data: { people: PEOPLE, projects: seeded.projects, projectMembers: seeded.members, tasks: seeded.tasks, assignments: seeded.assignments, seedMs },
      checks: { people: body.items.length, weeks: body.weekStarts.length, totalHours: Math.round(totalHours), overAllocatedCells, pmSees: pmCheck.items.length },
      loadAverageBefore: loadBefore.map((x) => Math.round(x * 100) / 100),
      loadAverageAfter: loadAfter.map((x) => Math.round(x * 100) / 100),
      results: {
        pmo26w: { request: `GET ${grid} (PMO, ${PEOPLE} people)`, ...pmo26w, budgetMs: BUDGET_MS, medianWithinBudget: pmo26w.medianMs < BUDGET_MS },
        pm26w: { request: `GET ${grid} (project manager, ${pmCheck.items.length} people)`, ...pm26w },
        pmo26wPageOf10: { request: `GET /api/v1/workload?from=${FROM}&weeks=26&limit=10 (PMO)`, ...pmo10 },
        cell: { request: `GET ${cellUrl.replace(busiest.id, ':userId')}`, ...cell },
      },
    };
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, `workload${PROJECTS === 40 ? '' : `-${PROJECTS}-projects`}${pgAdminUrl ? '-postgres' : ''}-latest.json`), `${JSON.stringify(result, null, 2)}\n`);

    console.log(`seeded ${PEOPLE} people, ${seeded.projects} projects, ${seeded.tasks} tasks, ${seeded.assignments} assignments in ${seedMs} ms`);
    console.log(`grid check: ${body.items.length} people × ${body.weekStarts.length} weeks, ${Math.round(totalHours)} h, ${overAllocatedCells} over-allocated cells; the PM sees ${pmCheck.items.length} people`);
    const line = (name: string, r: { medianMs: number; p95Ms: number; minMs: number; cpuMedianMs: number; sqlStatementsPerRequest: number | null; responseBytes: number }) =>
      console.log(`  ${name.padEnd(22)} median ${r.medianMs.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms, min ${r.minMs.toFixed(1)} ms, cpu ${r.cpuMedianMs.toFixed(1)} ms, ${r.sqlStatementsPerRequest ?? '?'} SQL statements, ${Math.round(r.responseBytes / 1024)} KiB`);
    line('PMO, 200 × 26 weeks', pmo26w);
    line('PM, 26 weeks', pm26w);
    line('PMO, page of 10', pmo10);
    line('cell', cell);
    console.log(`budget ${BUDGET_MS} ms for the PMO's 200 × 26: ${result.results.pmo26w.medianWithinBudget ? 'ok' : 'OVER'}; load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')} → ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
    await app.close();
    if (!result.results.pmo26w.medianWithinBudget) process.exitCode = 1;
  } finally {
    await database.destroy();
    if (pgAdminUrl) await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
