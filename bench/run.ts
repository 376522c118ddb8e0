import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import type { TargetReady } from './target.js';

/**
 * `npm run bench`: the platform benchmark. Starts bench/target.ts (a bare Fastify route and the
 * real app over a temporary SQLite file holding the 1,000-user large company) in a child process,
 * drives each with autocannon from this process, and writes bench/results/platform-*.json.
 * See bench/README.md for what the figures mean.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const RESULTS = path.join(HERE, 'results');

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min}; got "${raw}".`);
  return n;
}

const DURATION = envNumber('BENCH_DURATION', 10, 1);
const WARMUP = envNumber('BENCH_WARMUP', Math.min(2, DURATION), 0);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 10, 1);
const USERS = envNumber('BENCH_USERS', 1000, 38);

interface Measurement {
  name: string;
  method: 'GET';
  url: string;
  requestsPerSecond: { mean: number; stddev: number; min: number; max: number };
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * autocannon reports p50/p90/p97.5/p99 but not p95, so every 2xx response time is recorded here
 * (a few hundred thousand numbers at most) and the percentiles are exact.
 */
async function measure(name: string, url: string, headers: Record<string, string>): Promise<Measurement> {
  if (WARMUP > 0) {
    process.stdout.write(`  warming up ${name} (${WARMUP} s)…\n`);
    await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, headers });
  }
  process.stdout.write(`  measuring ${name} (${DURATION} s, ${CONNECTIONS} connections)…\n`);
  let times = new Float64Array(1 << 16);
  let n = 0;
  const instance = autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  instance.on('response', (_client, statusCode, _bytes, ms) => {
    if (statusCode < 200 || statusCode >= 300) return;
    if (n === times.length) {
      const grown = new Float64Array(times.length * 2);
      grown.set(times);
      times = grown;
    }
    times[n++] = ms;
  });
  const result: Result = await instance;
  const sorted = times.slice(0, n).sort();
  const mean = n ? sorted.reduce((a, b) => a + b, 0) / n : NaN;
  return {
    name,
    method: 'GET',
    url: new URL(url).pathname + new URL(url).search,
    requestsPerSecond: { mean: round(result.requests.mean), stddev: round(result.requests.stddev), min: result.requests.min, max: result.requests.max },
    latencyMs: { mean: round(mean, 3), p50: round(percentile(sorted, 50), 3), p95: round(percentile(sorted, 95), 3), p99: round(percentile(sorted, 99), 3), max: round(n ? sorted[n - 1] : NaN, 3) },
    requests: n,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

function startTarget(): Promise<{ ready: TargetReady; stop(): void }> {
  const child = fork(path.join(HERE, 'target.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_USERS: String(USERS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () => {
    if (child.connected) child.disconnect();
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('The bench target did not start within 5 minutes.'));
    }, 300_000);
    child.once('message', (m: TargetReady) => {
      clearTimeout(timer);
      resolve({ ready: m, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The bench target exited (code ${code}) before it was ready.`));
    });
  });
}

async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(new URL('/api/v1/auth/sign-in', appUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`Sign-in as ${email} failed: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => /^(__Host-)?tandem_session=./.test(c));
  if (!session) throw new Error('Sign-in answered 200 without a session cookie.');
  return session;
}

function machine() {
  const cpus = os.cpus();
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    /* not a git checkout */
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    commit,
  };
}

function printSummary(bare: Measurement, list: Measurement, ratios: { throughput: number; p95: number }) {
  const rows = [bare, list].map((m) => [m.name, m.requestsPerSecond.mean.toFixed(0), m.latencyMs.p50.toFixed(2), m.latencyMs.p95.toFixed(2), m.latencyMs.p99.toFixed(2), String(m.errors + m.non2xx)]);
  const headers = ['', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'];
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(`\n${line(headers)}\n${rows.map(line).join('\n')}`);
  console.log(`list / bare: throughput ×${ratios.throughput.toFixed(3)}, p95 latency ×${ratios.p95.toFixed(1)}\n`);
}

async function main() {
  const started = new Date();
  console.log(`Platform benchmark: ${CONNECTIONS} connections, ${DURATION} s per target (after ${WARMUP} s warm-up), ${USERS} users.`);
  console.log('Starting the target (migrating and seeding a temporary SQLite file)…');
  const target = await startTarget();
  try {
    const { bareUrl, appUrl, email, password, seedMs } = target.ready;
    console.log(`  seeded ${USERS} users in ${(seedMs / 1000).toFixed(2)} s; bare ${bareUrl}, app ${appUrl}`);
    const cookie = await signIn(appUrl, email, password);
    const listUrl = new URL('/api/v1/users?limit=50', appUrl).toString();
    // A benchmark of 401s would be fast and worthless: check the answer before measuring it.
    const check = await fetch(listUrl, { headers: { cookie } });
    const body = (await check.json()) as { items?: unknown[] };
    if (check.status !== 200 || body.items?.length !== 50) throw new Error(`GET ${listUrl} answered ${check.status} with ${body.items?.length ?? 0} items; expected 200 with 50.`);

    const bare = await measure('bare Fastify GET / {ok:true}', bareUrl, {});
    const list = await measure('GET /api/v1/users?limit=50 (signed in)', listUrl, { cookie });
    const ratios = { throughput: round(list.requestsPerSecond.mean / bare.requestsPerSecond.mean, 4), p95: round(list.latencyMs.p95 / bare.latencyMs.p95, 2) };
    const report = {
      benchmark: 'platform',
      date: started.toISOString(),
      machine: machine(),
      settings: { connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, users: USERS, database: 'sqlite (temporary file, WAL)', passwordCost: 17 },
      results: { bare, usersList: list },
      ratios: { description: 'authenticated users list ÷ bare route', ...ratios },
    };
    fs.mkdirSync(RESULTS, { recursive: true });
    const stamp = started.toISOString().slice(0, 19).replace(/:/g, '-');
    const json = `${JSON.stringify(report, null, 2)}\n`;
    fs.writeFileSync(path.join(RESULTS, `platform-${stamp}Z.json`), json);
    fs.writeFileSync(path.join(RESULTS, 'platform-latest.json'), json);
    printSummary(bare, list, ratios);
    console.log(`Wrote bench/results/platform-${stamp}Z.json and bench/results/platform-latest.json.`);
    const failures = [bare, list].filter((m) => m.errors + m.timeouts + m.non2xx > 0);
    if (failures.length) {
      console.error(`Some requests failed (${failures.map((m) => `${m.name}: ${m.errors} errors, ${m.timeouts} timeouts, ${m.non2xx} non-2xx`).join('; ')}); the figures are not trustworthy.`);
      process.exitCode = 1;
    }
  } finally {
    target.stop();
  }
}

main().catch((err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
