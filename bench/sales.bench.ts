/**
 * The sales benchmark: `npx tsx bench/sales.bench.ts` (also run by `npm run bench`).
 *
 * Issue #3's speed targets for the deals area: on a fresh SQLite file (WAL, production settings, no
 * ANALYZE) holding the large company (`seedLarge`, BENCH_USERS users, 1,000 by default) and its
 * sales data (`seedLargeSales`: 20,000 accounts, 200,000 opportunities, 2,000,000 activities over
 * the company's sales reps), signed in as a rep and as that rep's sales manager, 10 concurrent
 * clients (autocannon, from this process; the server runs in a child process):
 *   - `listRep` / `listManager`: GET /api/v1/opportunities?ownerId=&stageId=&sort=closeDate&limit=50
 *     (the manager asks for one of their reps);
 *   - `boardRep` / `boardManager`: GET /api/v1/pipelines/:id/board (per-stage count, amount and
 *     weighted amount in SQL, plus the first 10 cards of each open stage);
 *   - `dealsRep` / `accountsRep`: the rep's unfiltered lists, GET /api/v1/opportunities?limit=50 and
 *     /api/v1/accounts?limit=50 (what a rep opens first; held to the same budget).
 * Budget: p95 under 25 ms for each. Writes bench/results/sales-latest.json; exits 1 on a miss.
 *
 * TANDEM_BENCH_SCALE=0.1 seeds a tenth of the rows (a quick run); TANDEM_BENCH_ACTIVITIES=n overrides the
 * number of activities (they are not read by the measured queries, and are most of the seeding time); BENCH_DURATION (default 10 s),
 * BENCH_WARMUP (2 s), BENCH_CONNECTIONS (10) as in bench/run.ts. The seeded file is kept in
 * TANDEM_BENCH_CACHE (default <tmp>/tandem-bench-cache, 2.5 GB at full scale) and reused by the next
 * run of the same sizes; delete it to seed afresh.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const RESULTS = path.join(HERE, 'results');
const SCALE = Number(process.env.TANDEM_BENCH_SCALE ?? 1) || 1;
const DURATION = Number(process.env.BENCH_DURATION ?? 10) || 10;
const WARMUP = Number(process.env.BENCH_WARMUP ?? Math.min(2, DURATION));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10) || 10;
const USERS = Number(process.env.BENCH_USERS ?? 1000) || 1000;
const BUDGET_P95_MS = 25;
const SIZES = {
  accounts: Math.round(20_000 * SCALE),
  opportunities: Math.round(200_000 * SCALE),
  // The measured queries do not read activities; TANDEM_BENCH_ACTIVITIES=n writes fewer when time is short.
  activities: process.env.TANDEM_BENCH_ACTIVITIES !== undefined ? Number(process.env.TANDEM_BENCH_ACTIVITIES) : Math.round(2_000_000 * SCALE),
};

interface Seeded {
  orgId: string;
  pipelineId: string;
  seedMs: number;
  rows: Record<string, number>;
}

interface Ready {
  appUrl: string;
  password: string;
  rep: { email: string; id: string };
  manager: { email: string; id: string };
  pipelineId: string;
  stageId: string;
  seedMs: number;
  rows: Record<string, number>;
}

// ---- the target (child process) ----

async function target() {
  const { buildApp } = await import('../src/server/app.js');
  const { loadConfig } = await import('../src/server/config.js');
  const { openDatabase } = await import('../src/server/db/database.js');
  const { migrateToLatest } = await import('../src/server/db/migrate.js');
  const { setDummyCost } = await import('../src/server/lib/password.js');
  const { seedLarge } = await import('../src/server/seed/large.js');
  const { seedLargeSales } = await import('../src/server/seed/large-sales.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-sales-bench-'));
  const config = loadConfig({ ...process.env, TANDEM_DATA_DIR: dir, TANDEM_DATABASE_URL: '', TANDEM_LOG_LEVEL: 'silent' });
  setDummyCost(config.passwordCost);
  // The seeded file is kept (TANDEM_BENCH_CACHE, default <tmp>/tandem-bench-cache) and copied on the
  // next run with the same sizes: the full seed takes minutes. Migrations run after the copy, so a
  // new index lands on the cached data too.
  const cacheDir = process.env.TANDEM_BENCH_CACHE || path.join(os.tmpdir(), 'tandem-bench-cache');
  const cacheFile = path.join(cacheDir, `sales-u${USERS}-a${SIZES.accounts}-o${SIZES.opportunities}-x${SIZES.activities}.sqlite`);
  const cached: Seeded | undefined = fs.existsSync(cacheFile) && fs.existsSync(`${cacheFile}.json`) ? JSON.parse(fs.readFileSync(`${cacheFile}.json`, 'utf8')) : undefined;
  if (cached) {
    process.stdout.write(`  using the seeded database ${cacheFile} (seeded in ${(cached.seedMs / 1000).toFixed(1)} s)\n`);
    fs.copyFileSync(cacheFile, config.sqlitePath);
  }
  const database = openDatabase({ sqlitePath: config.sqlitePath });
  const db = database.db;
  await migrateToLatest(db);
  let seeded: Seeded;
  if (cached) seeded = cached;
  else {
    const started = performance.now();
    const large = await seedLarge(db, { users: USERS, password: config.demo.password, passwordCost: config.passwordCost, now: new Date('2026-01-05T00:00:00Z') });
    const reps = await db.selectFrom('user_roles').innerJoin('users', 'users.id', 'user_roles.user_id').select(['users.id']).where('user_roles.role', '=', 'sales_rep').where('users.org_id', '=', large.orgId).orderBy('users.id').execute();
    let lastPrint = 0;
    const sales = await seedLargeSales(db, {
      orgId: large.orgId, ownerIds: reps.map((r) => r.id), ...SIZES, seed: 20261128,
      onProgress: (p) => {
        if (performance.now() - lastPrint > 5000 || p.done === p.total) {
          lastPrint = performance.now();
          process.stdout.write(`  ${p.stage}: ${p.done}/${p.total}\n`);
        }
      },
    });
    seeded = { orgId: large.orgId, pipelineId: sales.pipelineId, seedMs: performance.now() - started, rows: Object.fromEntries(Object.entries(sales.rows).map(([k, v]) => [k, v ?? 0])) };
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.copyFileSync(config.sqlitePath, `${cacheFile}.tmp`);
    fs.renameSync(`${cacheFile}.tmp`, cacheFile);
    fs.writeFileSync(`${cacheFile}.json`, JSON.stringify(seeded));
  }
  const { seedMs } = seeded;
  const large = { orgId: seeded.orgId };
  const sales = { pipelineId: seeded.pipelineId };
  // A rep in a sales team with a manager, and that manager.
  const pair = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', (j) => j.onRef('r.user_id', '=', 'u.id').on('r.role', '=', 'sales_rep'))
    .innerJoin('teams as t', 't.id', 'u.team_id')
    .innerJoin('users as m', 'm.id', 't.manager_id')
    .select(['u.id as repId', 'u.email as repEmail', 'm.id as mgrId', 'm.email as mgrEmail'])
    .where('u.org_id', '=', large.orgId)
    .where('t.kind', '=', 'sales')
    .where((eb) => eb('u.id', '!=', eb.ref('m.id')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('user_roles as x').select('x.id').where('x.user_id', '=', eb.ref('u.id')).where('x.role', '=', 'sales_manager'))))
    .orderBy('u.id')
    .executeTakeFirstOrThrow();
  // The busiest open stage of the rep's.
  const stage = await db.selectFrom('opportunities').select(['stage_id', (eb) => eb.fn.countAll().as('n')]).where('owner_id', '=', pair.repId).where('status', '=', 'open').groupBy('stage_id').orderBy('n', 'desc').executeTakeFirstOrThrow();
  const app = await buildApp({ database, config, logger: false, serveWeb: false });
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const close = async () => {
    await app.close();
    await database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('disconnect', close);
  const rows = seeded.rows;
  const ready: Ready = { appUrl, password: config.demo.password, rep: { email: pair.repEmail, id: pair.repId }, manager: { email: pair.mgrEmail, id: pair.mgrId }, pipelineId: sales.pipelineId, stageId: stage.stage_id, seedMs, rows };
  process.send!(ready);
}

// ---- the load generator ----

function percentile(sorted: Float64Array, p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
}
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

async function measure(name: string, url: string, cookie: string) {
  const headers = { cookie };
  const check = await fetch(url, { headers });
  if (check.status !== 200) throw new Error(`${name}: ${url} answered ${check.status} ${await check.text()}`);
  if (WARMUP > 0) await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, headers });
  process.stdout.write(`  measuring ${name} (${DURATION} s, ${CONNECTIONS} connections)…\n`);
  let times = new Float64Array(1 << 16);
  let n = 0;
  const inst = autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  inst.on('response', (_c, status, _b, ms) => {
    if (status < 200 || status >= 300) return;
    if (n === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[n++] = ms;
  });
  const result = await inst;
  const sorted = times.slice(0, n).sort();
  return {
    name,
    url: new URL(url).pathname + new URL(url).search,
    requestsPerSecond: round(result.requests.mean),
    latencyMs: { p50: round(percentile(sorted, 50), 3), p95: round(percentile(sorted, 95), 3), p99: round(percentile(sorted, 99), 3), max: round(n ? sorted[n - 1] : NaN, 3) },
    requests: n,
    errors: result.errors + result.non2xx + result.timeouts,
    withinBudget: percentile(sorted, 95) < BUDGET_P95_MS,
  };
}

async function signIn(appUrl: string, email: string, password: string) {
  const res = await fetch(new URL('/api/v1/auth/sign-in', appUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`Sign-in as ${email} failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => /tandem_session=./.test(c))!;
}

async function main() {
  console.log(`Sales benchmark: ${SIZES.accounts} accounts, ${SIZES.opportunities} opportunities, ${SIZES.activities} activities; ${CONNECTIONS} connections, ${DURATION} s per target.`);
  const child = fork(fileURLToPath(import.meta.url), [], { cwd: ROOT, execArgv: ['--import', 'tsx'], env: { ...process.env, SALES_BENCH_TARGET: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`The target exited (${code}) before it was ready.`)));
  });
  try {
    console.log(`  seeded in ${(ready.seedMs / 1000).toFixed(1)} s`);
    const rep = await signIn(ready.appUrl, ready.rep.email, ready.password);
    const mgr = await signIn(ready.appUrl, ready.manager.email, ready.password);
    const list = new URL(`/api/v1/opportunities?ownerId=${ready.rep.id}&stageId=${ready.stageId}&sort=closeDate&limit=50`, ready.appUrl).href;
    const board = new URL(`/api/v1/pipelines/${ready.pipelineId}/board`, ready.appUrl).href;
    // What a rep sees first: their deals and their accounts, unfiltered (held to the same budget).
    const myDeals = new URL('/api/v1/opportunities?limit=50', ready.appUrl).href;
    const myAccounts = new URL('/api/v1/accounts?limit=50', ready.appUrl).href;
    const results = [
      await measure('listRep', list, rep),
      await measure('listManager', list, mgr),
      await measure('boardRep', board, rep),
      await measure('boardManager', board, mgr),
      await measure('dealsRep', myDeals, rep),
      await measure('accountsRep', myAccounts, rep),
    ];
    const load = os.loadavg();
    const out = {
      startedAt: new Date().toISOString(),
      scale: SCALE,
      sizes: SIZES,
      rows: ready.rows,
      seedSeconds: round(ready.seedMs / 1000, 1),
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      budgetP95Ms: BUDGET_P95_MS,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), node: process.version, loadAverage: load.map((l) => round(l, 2)) },
      results,
    };
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, 'sales-latest.json'), `${JSON.stringify(out, null, 2)}\n`);
    console.log(`\n${'target'.padEnd(14)} ${'req/s'.padStart(8)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}  errors`);
    for (const r of results) console.log(`${r.name.padEnd(14)} ${r.requestsPerSecond.toFixed(0).padStart(8)} ${r.latencyMs.p50.toFixed(2).padStart(8)} ${r.latencyMs.p95.toFixed(2).padStart(8)} ${r.latencyMs.p99.toFixed(2).padStart(8)}  ${r.errors}`);
    console.log(`load average ${load.map((l) => l.toFixed(2)).join(' ')}; wrote bench/results/sales-latest.json`);
    process.exitCode = results.every((r) => r.withinBudget && r.errors === 0) ? 0 : 1;
  } finally {
    if (child.connected) child.disconnect();
  }
}

if (process.env.SALES_BENCH_TARGET === '1') {
  target().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
