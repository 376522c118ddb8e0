import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSchedule, CONSTRAINT_TYPES } from './cpm.js';
import type { ConstraintType, CpmDependency, CpmSchedule, CpmTask, LinkType } from './cpm.js';

/**
 * Properties over random networks. Leaves get a hidden rank; links only go from a lower rank to a
 * higher one, so the network is acyclic. Summaries cover contiguous rank intervals forming a
 * laminar family (nested or disjoint), and a link touching a summary must go from everything at
 * its end to everything at the other end, so summaries cannot create cycles either. Ids are
 * a random permutation of the ranks, and tasks and links are listed in random order.
 */

interface Plan {
  tasks: CpmTask[];
  dependencies: CpmDependency[];
}

interface PlanOptions {
  summaries: boolean;
  constraints: boolean;
}

const LINKS: LinkType[] = ['FS', 'SS', 'FF', 'SF'];

function planArb(opts: PlanOptions): fc.Arbitrary<Plan> {
  return fc.integer({ min: 1, max: 16 }).chain((n) =>
    fc
      .record({
        durations: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: n, maxLength: n }),
        perm: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        intervals: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: opts.summaries ? 5 : 0 }),
        links: fc.array(
          fc.record({ a: fc.nat(999), b: fc.nat(999), type: fc.constantFrom(...LINKS), lag: fc.integer({ min: -6, max: 6 }) }),
          { minLength: n - 1, maxLength: 3 * n },
        ),
        // About one task in four carries a constraint.
        constraints: fc.array(
          fc.record({ pick: fc.nat(3), type: fc.constantFrom(...CONSTRAINT_TYPES), offset: fc.integer({ min: -3, max: 40 }) }).map((c) => (c.pick === 0 ? { type: c.type, offset: c.offset } : null)),
          { minLength: n + 5, maxLength: n + 5 },
        ),
        taskOrder: fc.array(fc.double({ noNaN: true }), { minLength: n + 5, maxLength: n + 5 }),
        linkOrder: fc.array(fc.double({ noNaN: true }), { minLength: 3 * n, maxLength: 3 * n }),
      })
      .map((raw) => buildPlan(n, raw, opts)),
  );
}

function buildPlan(
  n: number,
  raw: {
    durations: number[];
    perm: number[];
    intervals: [number, number][];
    links: { a: number; b: number; type: LinkType; lag: number }[];
    constraints: ({ type: ConstraintType; offset: number } | null)[];
    taskOrder: number[];
    linkOrder: number[];
  },
  opts: PlanOptions,
): Plan {
  // Laminar summary intervals; any non-empty interval holds at least one leaf.
  const intervals: [number, number][] = [];
  for (const [x, y] of raw.intervals) {
    const iv: [number, number] = [Math.min(x, y), Math.max(x, y)];
    const ok = intervals.every(([lo, hi]) => !(lo === iv[0] && hi === iv[1]) && (iv[1] < lo || hi < iv[0] || (lo <= iv[0] && iv[1] <= hi) || (iv[0] <= lo && hi <= iv[1])));
    if (ok) intervals.push(iv);
  }
  const leafId = (r: number) => `t${raw.perm[r]}`;
  const sumId = (k: number) => `s${k}`;
  // The parent of a node is the smallest interval strictly containing it.
  const parentOf = (lo: number, hi: number, self = -1) => {
    let best = -1;
    intervals.forEach(([a, b], k) => {
      if (k === self || !(a <= lo && hi <= b) || (a === lo && b === hi)) return;
      if (best < 0 || b - a < intervals[best][1] - intervals[best][0]) best = k;
    });
    return best < 0 ? undefined : sumId(best);
  };
  const tasks: CpmTask[] = [];
  for (let r = 0; r < n; r++) {
    const t: CpmTask = { id: leafId(r), durationDays: raw.durations[r] };
    const p = parentOf(r, r);
    if (p) t.parentId = p;
    if (opts.constraints && raw.constraints[r]) t.constraint = raw.constraints[r];
    tasks.push(t);
  }
  intervals.forEach(([lo, hi], k) => {
    const t: CpmTask = { id: sumId(k), durationDays: 0 };
    const p = parentOf(lo, hi, k);
    if (p) t.parentId = p;
    const c = raw.constraints[n + k];
    if (opts.constraints && c) t.constraint = { type: c.offset % 2 ? 'SNET' : 'FNLT', offset: c.offset };
    tasks.push(t);
  });
  const endpoints: { id: string; lo: number; hi: number }[] = [
    ...Array.from({ length: n }, (_, r) => ({ id: leafId(r), lo: r, hi: r })),
    ...intervals.map(([lo, hi], k) => ({ id: sumId(k), lo, hi })),
  ];
  const dependencies: CpmDependency[] = [];
  for (const l of raw.links) {
    const p = endpoints[l.a % endpoints.length];
    const after = endpoints.filter((e) => e.lo > p.hi);
    if (after.length === 0) continue;
    const s = after[l.b % after.length];
    dependencies.push({ predecessorId: p.id, successorId: s.id, type: l.type, lagDays: l.lag });
  }
  return {
    tasks: sortBy(tasks, raw.taskOrder),
    dependencies: sortBy(dependencies, raw.linkOrder),
  };
}

function sortBy<T>(list: T[], keys: number[]): T[] {
  return list
    .map((x, i) => [x, keys[i] ?? i] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([x]) => x);
}

/** id → { es, ef, ls, lf, tf, ff, critical } */
function byId(s: CpmSchedule) {
  const out = new Map<string, { es: number; ef: number; ls: number; lf: number; tf: number; ff: number; critical: boolean; summary: boolean }>();
  s.ids.forEach((id, i) =>
    out.set(id, {
      es: s.earlyStart[i],
      ef: s.earlyFinish[i],
      ls: s.lateStart[i],
      lf: s.lateFinish[i],
      tf: s.totalFloat[i],
      ff: s.freeFloat[i],
      critical: s.critical[i] === 1,
      summary: s.isSummary[i] === 1,
    }),
  );
  return out;
}

/** The bound a link puts on its successor's early start, given the successor's duration. */
function bound(type: LinkType, lag: number, pred: { es: number; ef: number }, succDuration: number) {
  switch (type) {
    case 'FS':
      return pred.ef + lag;
    case 'SS':
      return pred.es + lag;
    case 'FF':
      return pred.ef + lag - succDuration;
    case 'SF':
      return pred.es + lag - succDuration;
  }
}

/**
 * An independent reference: the same semantics (docs/decisions/005) by naive fixpoint iteration
 * over leaves, with summaries expanded by definition instead of helper nodes.
 */
function reference(plan: Plan) {
  const tasks = plan.tasks;
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const n = tasks.length;
  const isSummary = tasks.map((t) => tasks.some((c) => c.parentId === t.id));
  const leaves: number[][] = tasks.map(() => []);
  for (let i = 0; i < n; i++) {
    if (isSummary[i]) continue;
    for (let v: number | undefined = i; v !== undefined; v = tasks[v].parentId ? index.get(tasks[v].parentId!) : undefined) leaves[v].push(i);
  }
  const d = tasks.map((t, i) => (isSummary[i] ? 0 : t.durationDays));
  const esLow = new Array(n).fill(0);
  const lfUp = new Array(n).fill(Infinity);
  tasks.forEach((t, i) => {
    const c = t.constraint;
    if (!c || c.type === 'ASAP') return;
    const at = c.offset!;
    const targets = isSummary[i] ? leaves[i] : [i];
    for (const l of targets) {
      const dl = d[l];
      if (isSummary[i]) {
        if (c.type === 'SNET') esLow[l] = Math.max(esLow[l], at);
        else lfUp[l] = Math.min(lfUp[l], at);
        continue;
      }
      if (c.type === 'SNET' || c.type === 'MSO') esLow[l] = Math.max(esLow[l], at);
      if (c.type === 'FNET' || c.type === 'MFO') esLow[l] = Math.max(esLow[l], at - dl);
      if (c.type === 'SNLT' || c.type === 'MSO') lfUp[l] = Math.min(lfUp[l], at + dl);
      if (c.type === 'FNLT' || c.type === 'MFO') lfUp[l] = Math.min(lfUp[l], at);
    }
  });
  const links = plan.dependencies.map((x) => ({ p: index.get(x.predecessorId)!, s: index.get(x.successorId)!, type: x.type, lag: x.lagDays ?? 0 }));
  const ES = new Array(n).fill(0);
  const startOf = (v: number) => Math.min(...leaves[v].map((l) => ES[l]));
  const finishOf = (v: number) => Math.max(...leaves[v].map((l) => ES[l] + d[l]));
  for (let changed = true; changed; ) {
    changed = false;
    for (let l = 0; l < n; l++) {
      if (isSummary[l]) continue;
      let v = Math.max(0, esLow[l]);
      for (const k of links) {
        if (!leaves[k.s].includes(l)) continue;
        const base = k.type === 'FS' || k.type === 'FF' ? finishOf(k.p) : startOf(k.p);
        v = Math.max(v, k.type === 'FS' || k.type === 'SS' ? base + k.lag : base + k.lag - d[l]);
      }
      if (v !== ES[l]) {
        ES[l] = v;
        changed = true;
      }
    }
  }
  let P = 0;
  for (let l = 0; l < n; l++) if (!isSummary[l]) P = Math.max(P, ES[l] + d[l]);
  const LF = new Array(n).fill(Infinity);
  const lateStartOf = (v: number) => Math.min(...leaves[v].map((l) => LF[l] - d[l]));
  const lateFinishOf = (v: number) => Math.min(...leaves[v].map((l) => LF[l]));
  for (let changed = true; changed; ) {
    changed = false;
    for (let l = 0; l < n; l++) {
      if (isSummary[l]) continue;
      let v = Math.min(P, lfUp[l]);
      for (const k of links) {
        if (!leaves[k.p].includes(l)) continue;
        const startSide = k.type === 'SS' || k.type === 'SF';
        // From a summary's start: only the leaves that start when the summary starts are bound.
        if (k.p !== l && startSide && ES[l] !== startOf(k.p)) continue;
        const succ = k.type === 'FS' || k.type === 'SS' ? lateStartOf(k.s) : lateFinishOf(k.s);
        v = Math.min(v, succ - k.lag + (startSide ? d[l] : 0));
      }
      if (v !== LF[l]) {
        LF[l] = v;
        changed = true;
      }
    }
  }
  return { ES, LF, P, d, isSummary, index, links, leaves };
}

const RUNS = 300;

describe('CPM properties', () => {
  it('(f) early and late dates equal a naive fixpoint reference', () => {
    for (const opts of [
      { summaries: false, constraints: false },
      { summaries: true, constraints: false },
      { summaries: true, constraints: true },
    ]) {
      fc.assert(
        fc.property(planArb(opts), (plan) => {
          const s = computeSchedule(plan);
          const ref = reference(plan);
          expect(s.projectDuration).toBe(ref.P);
          plan.tasks.forEach((t, i) => {
            if (ref.isSummary[i]) return;
            expect([t.id, s.earlyStart[i], s.lateFinish[i]]).toEqual([t.id, ref.ES[i], ref.LF[i]]);
            expect(s.earlyFinish[i]).toBe(ref.ES[i] + ref.d[i]);
            expect(s.lateStart[i]).toBe(ref.LF[i] - ref.d[i]);
          });
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('(a) without constraints, total float >= 0 and free float within [0, total float]', () => {
    fc.assert(
      fc.property(planArb({ summaries: true, constraints: false }), (plan) => {
        const s = computeSchedule(plan);
        for (let i = 0; i < s.ids.length; i++) {
          expect(s.totalFloat[i]).toBeGreaterThanOrEqual(0);
          expect(s.freeFloat[i]).toBeGreaterThanOrEqual(0);
          expect(s.freeFloat[i]).toBeLessThanOrEqual(s.totalFloat[i]);
          expect(s.critical[i] === 1).toBe(s.totalFloat[i] === 0);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('free float is the least slack to any successor (or to the project finish), capped by total float', () => {
    fc.assert(
      fc.property(planArb({ summaries: false, constraints: true }), (plan) => {
        const s = computeSchedule(plan);
        const rows = byId(s);
        const durations = new Map(plan.tasks.map((t) => [t.id, t.durationDays]));
        for (const [id, r] of rows) {
          let ff = Math.min(r.tf, s.projectDuration - r.ef);
          for (const k of plan.dependencies) {
            if (k.predecessorId !== id) continue;
            const succ = rows.get(k.successorId)!;
            ff = Math.min(ff, succ.es - bound(k.type, k.lagDays ?? 0, r, durations.get(k.successorId)!));
          }
          expect([id, r.ff]).toEqual([id, Math.max(0, ff)]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) every link holds in the early and in the late schedule; (c) ES >= 0 and EF = ES + duration', () => {
    fc.assert(
      fc.property(planArb({ summaries: true, constraints: true }), (plan) => {
        const s = computeSchedule(plan);
        const rows = byId(s);
        for (const t of plan.tasks) {
          const r = rows.get(t.id)!;
          expect(r.es).toBeGreaterThanOrEqual(0);
          if (!r.summary) {
            expect(r.ef).toBe(r.es + t.durationDays);
            expect(r.lf).toBe(r.ls + t.durationDays);
          }
        }
        for (const k of plan.dependencies) {
          const p = rows.get(k.predecessorId)!;
          const q = rows.get(k.successorId)!;
          const lag = k.lagDays ?? 0;
          // For a summary successor this checks its rolled-up dates (every child is bound).
          const holds = (pred: { es: number; ef: number }, succ: { es: number; ef: number }) => {
            if (k.type === 'FS') return succ.es >= pred.ef + lag;
            if (k.type === 'SS') return succ.es >= pred.es + lag;
            if (k.type === 'FF') return succ.ef >= pred.ef + lag;
            return succ.ef >= pred.es + lag;
          };
          expect(holds(p, q)).toBe(true);
          expect(holds({ es: p.ls, ef: p.lf }, { es: q.ls, ef: q.lf })).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('(d) the critical path is a chain of driving links from offset 0 to the project finish, all at zero float', () => {
    fc.assert(
      fc.property(planArb({ summaries: false, constraints: false }), (plan) => {
        const s = computeSchedule(plan);
        const rows = byId(s);
        const durations = new Map(plan.tasks.map((t) => [t.id, t.durationDays]));
        const path = s.criticalPath;
        expect(path.length).toBeGreaterThan(0);
        expect(new Set(path).size).toBe(path.length);
        expect(rows.get(path[0])!.es).toBe(0);
        expect(rows.get(path[path.length - 1])!.ef).toBe(s.projectDuration);
        for (const id of path) expect(rows.get(id)!.tf).toBe(0);
        // Driving: the link's bound on the successor's early start is exactly that start.
        for (let i = 1; i < path.length; i++) {
          const a = rows.get(path[i - 1])!;
          const b = rows.get(path[i])!;
          const driving = plan.dependencies.some(
            (k) => k.predecessorId === path[i - 1] && k.successorId === path[i] && bound(k.type, k.lagDays ?? 0, a, durations.get(path[i])!) === b.es,
          );
          expect(driving).toBe(true);
        }
        // Maximal at the end: the last task drives no other task that finishes at P.
        const last = path[path.length - 1];
        const extends_ = plan.dependencies.some((k) => {
          if (k.predecessorId !== last) return false;
          const b = rows.get(k.successorId)!;
          return b.ef === s.projectDuration && bound(k.type, k.lagDays ?? 0, rows.get(last)!, durations.get(k.successorId)!) === b.es;
        });
        expect(extends_).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('(d) with summaries the path still runs from 0 to the finish through zero-float leaves', () => {
    fc.assert(
      fc.property(planArb({ summaries: true, constraints: false }), (plan) => {
        const s = computeSchedule(plan);
        const rows = byId(s);
        const path = s.criticalPath;
        expect(rows.get(path[0])!.es).toBe(0);
        expect(rows.get(path[path.length - 1])!.ef).toBe(s.projectDuration);
        for (const id of path) expect([id, rows.get(id)!.tf, rows.get(id)!.summary]).toEqual([id, 0, false]);
      }),
      { numRuns: RUNS },
    );
  });

  it('(e) the result does not depend on the order of tasks and links', () => {
    fc.assert(
      fc.property(
        planArb({ summaries: true, constraints: true }),
        fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 }),
        fc.array(fc.double({ noNaN: true }), { minLength: 60, maxLength: 60 }),
        (plan, taskKeys, linkKeys) => {
          const a = computeSchedule(plan);
          const b = computeSchedule({ tasks: sortBy(plan.tasks, taskKeys), dependencies: sortBy(plan.dependencies, linkKeys) });
          expect(b.projectDuration).toBe(a.projectDuration);
          expect(b.criticalPath).toEqual(a.criticalPath);
          const ra = byId(a);
          const rb = byId(b);
          for (const [id, r] of ra) expect([id, rb.get(id)]).toEqual([id, r]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
