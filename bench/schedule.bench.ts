/**
 * The scheduler benchmark: `npx tsx bench/schedule.bench.ts` (standalone, not a vitest file).
 *
 * Generates random layered DAGs (seeded, so every run schedules the same plans) with all four link
 * types and lags from −5 to +10, shuffled so that the input order is not a topological order. Each
 * timed run gets the plan freshly parsed from JSON, as a server would hand it over (strings parsed
 * from a body, not yet hashed by V8). Ids are short (`T123`) or UUID-shaped, as Tandem's real ids
 * are; JSON.parse internalizes short strings, so comparing them is a pointer check, while resolving
 * 400k UUID references compares 400k strings scattered in memory. It times, after a warm-up:
 *   - `computeSchedule`: the CPM engine on offsets (validation, id resolution, forward and backward
 *     pass, floats, critical path);
 *   - `calculateSchedule`: the whole calculator (dates on a calendar with holidays, response objects);
 *   - `contract`: zod parsing of the request as the HTTP layer does (for information).
 * Prints median, p95 and min wall-clock milliseconds and the median process CPU time, and
 * writes bench/results/schedule-latest.json. The machine's load average is recorded too: on a busy
 * machine wall times spread widely. `BENCH_RUNS=n` changes the number of timed runs (default 21).
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ScheduleRequest } from '../src/contracts/schedule.js';
import { calculateSchedule, computeSchedule } from '../src/domain/schedule/index.js';
import type { CpmDependency, CpmTask } from '../src/domain/schedule/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// A full collection before each timed run, so that one run's garbage is not collected in the next.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const RESULTS = path.join(HERE, 'results');
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 21) || 21);
const WARMUP = 5;

/** mulberry32: a small seeded PRNG. */
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

interface Scenario {
  name: string;
  tasks: number;
  links: number;
  /** Group every `wbs` tasks under a summary task, and point some links at summaries. */
  wbs?: number;
  ids: 'short' | 'uuid';
  contract: boolean;
}

function generate(s: Scenario, seed: number) {
  const rand = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const hex = () => int(0, 0xffff).toString(16).padStart(4, '0');
  const uuid = () => `${hex()}${hex()}-${hex()}-7${hex().slice(1)}-${hex()}-${hex()}${hex()}${hex()}`;
  const name: string[] = [];
  for (let i = 0; i < s.tasks; i++) name.push(s.ids === 'uuid' ? uuid() : `T${i}`);
  const perLayer = 100;
  const layers = Math.ceil(s.tasks / perLayer);
  const tasks: CpmTask[] = [];
  for (let i = 0; i < s.tasks; i++) tasks.push({ id: name[i], durationDays: rand() < 0.05 ? 0 : int(1, 15) });
  const layerOf = (i: number) => Math.floor(i / perLayer);
  const types = ['FS', 'FS', 'FS', 'SS', 'FF', 'SF'] as const;
  const dependencies: CpmDependency[] = [];
  for (let k = 0; k < s.links; k++) {
    const a = int(0, s.tasks - 1);
    const la = layerOf(a);
    if (la >= layers - 1) {
      k--;
      continue;
    }
    const lb = Math.min(layers - 1, la + int(1, 3));
    const b = Math.min(s.tasks - 1, lb * perLayer + int(0, perLayer - 1));
    dependencies.push({ predecessorId: name[a], successorId: name[b], type: types[int(0, types.length - 1)], lagDays: int(-5, 10) });
  }
  if (s.wbs) {
    // Summaries over consecutive tasks (within a layer, so a link never joins a summary and its own
    // subtask), and 2 % of the links re-pointed at the predecessor's or successor's summary.
    const summaries = Math.ceil(s.tasks / s.wbs);
    const at = new Map(name.map((id, i) => [id, i]));
    for (let g = 0; g < summaries; g++) tasks.push({ id: `S${g}`, durationDays: 0 });
    for (let i = 0; i < s.tasks; i++) tasks[i].parentId = `S${Math.floor(i / s.wbs)}`;
    for (const d of dependencies) {
      if (rand() < 0.01) d.predecessorId = `S${Math.floor(at.get(d.predecessorId)! / s.wbs)}`;
      else if (rand() < 0.01) d.successorId = `S${Math.floor(at.get(d.successorId)! / s.wbs)}`;
    }
  }
  // Shuffle both lists (Fisher–Yates) so input order says nothing about the topology.
  for (const list of [tasks, dependencies] as unknown[][]) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
  }
  return { tasks, dependencies };
}

const calendar = {
  workingDays: [1, 2, 3, 4, 5],
  exceptions: [
    { date: '2026-04-06', working: false },
    { date: '2026-05-01', working: false },
    { date: '2026-05-09', working: true },
    { date: '2026-10-01', working: false },
    { date: '2026-12-25', working: false },
  ],
};

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const r = (x: number) => Math.round(x * 100) / 100;
  return { medianMs: r(at(0.5)), p95Ms: r(at(0.95)), minMs: r(sorted[0]), maxMs: r(sorted[sorted.length - 1]), runs: samples.length };
}

/**
 * Times several functions, interleaved run by run so that a burst of load elsewhere on the machine
 * hits all of them alike. For each: wall-clock statistics, and the median process CPU time (user +
 * system, all threads), which a busy machine inflates less than wall time. `prepare` runs untimed
 * before each call: it parses the request afresh, because strings that V8 has already hashed (a plan
 * reused run after run) make id lookups look cheaper than they are for a new request. A full garbage
 * collection follows, also untimed.
 */
function timeAll(fns: Record<string, { prepare: () => any; fn: (input: any) => unknown; runs: number }>) {
  const names = Object.keys(fns);
  for (let i = 0; i < WARMUP; i++) for (const name of names) fns[name].fn(fns[name].prepare());
  const wall: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  for (const name of names) {
    wall[name] = [];
    cpu[name] = [];
  }
  const rounds = Math.max(...names.map((name) => fns[name].runs));
  for (let i = 0; i < rounds; i++) {
    for (const name of names) {
      if (i >= fns[name].runs) continue;
      const input = fns[name].prepare();
      gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fns[name].fn(input);
      wall[name].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[name].push((c.user + c.system) / 1000);
    }
  }
  return Object.fromEntries(names.map((name) => [name, { ...stats(wall[name]), cpuMedianMs: stats(cpu[name]).medianMs }]));
}

const scenarios: Scenario[] = [
  { name: '10k tasks / 20k links', tasks: 10_000, links: 20_000, ids: 'short', contract: true },
  { name: '10k tasks / 20k links, UUID ids', tasks: 10_000, links: 20_000, ids: 'uuid', contract: true },
  { name: '100k tasks / 200k links', tasks: 100_000, links: 200_000, ids: 'short', contract: true },
  { name: '100k tasks / 200k links, UUID ids', tasks: 100_000, links: 200_000, ids: 'uuid', contract: false },
  { name: '100k tasks / 200k links, UUID ids, summaries of 20', tasks: 100_000, links: 200_000, ids: 'uuid', wbs: 20, contract: false },
];
const budgetFor = (s: Scenario) => (s.tasks <= 10_000 ? 15 : 200);

const loadBefore = os.loadavg();
const results = [];
for (const [i, s] of scenarios.entries()) {
  const generated = generate(s, 20260302 + i);
  const planJson = JSON.stringify(generated);
  const requestJson = JSON.stringify({ ...generated, start: '2026-03-02', calendar });
  const freshPlan = () => JSON.parse(planJson) as typeof generated;
  const freshRequest = () => JSON.parse(requestJson);
  const plan = freshPlan();
  const check = computeSchedule(plan);
  const timed = timeAll({
    computeSchedule: { prepare: freshPlan, fn: (p) => computeSchedule(p), runs: RUNS },
    calculateSchedule: { prepare: freshRequest, fn: (r) => calculateSchedule(r, '2026-03-02'), runs: RUNS },
    ...(s.contract ? { contract: { prepare: freshRequest, fn: (r) => ScheduleRequest.parse(r), runs: Math.max(3, Math.floor(RUNS / 4)) } } : {}),
  });
  const engine = timed.computeSchedule;
  const full = timed.calculateSchedule;
  const contract = timed.contract;
  const budget = budgetFor(s);
  const row = {
    scenario: s.name,
    tasks: plan.tasks.length,
    dependencies: plan.dependencies!.length,
    projectDuration: check.projectDuration,
    criticalPathLength: check.criticalPath.length,
    computeSchedule: engine,
    calculateSchedule: full,
    ...(contract ? { contractParse: contract } : {}),
    budgetMs: budget,
    medianWithinBudget: engine.medianMs < budget,
  };
  results.push(row);
  const fmt = (x: { medianMs: number; p95Ms: number; minMs: number; cpuMedianMs: number }) =>
    `median ${x.medianMs.toFixed(1)} ms, p95 ${x.p95Ms.toFixed(1)} ms, min ${x.minMs.toFixed(1)} ms, median cpu ${x.cpuMedianMs.toFixed(1)} ms`;
  console.log(`${s.name} (${row.tasks} tasks, ${row.dependencies} links, duration ${check.projectDuration}, critical path ${check.criticalPath.length} tasks)`);
  console.log(`  computeSchedule    ${fmt(engine)}   budget ${budget} ms: ${row.medianWithinBudget ? 'ok' : 'OVER'}`);
  console.log(`  calculateSchedule  ${fmt(full)}`);
  if (contract) console.log(`  zod request parse  ${fmt(contract)}`);
}
console.log(`load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

fs.mkdirSync(RESULTS, { recursive: true });
const file = path.join(RESULTS, 'schedule-latest.json');
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      benchmark: 'schedule',
      at: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      runs: RUNS,
      warmup: WARMUP,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg(),
      results,
    },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
