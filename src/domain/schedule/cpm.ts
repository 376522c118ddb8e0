/**
 * Critical path method over working-day offsets: pure, no dates, no clock.
 *
 * Offsets count working days from the project start (0). A task occupies [start, finish): a
 * 2-day task starting at 0 finishes at 2, a milestone (duration 0) starts and finishes at the
 * same offset. Link semantics, in the early schedule and likewise in the late one:
 *
 *   FS  succ.start  >= pred.finish + lag        SS  succ.start  >= pred.start + lag
 *   FF  succ.finish >= pred.finish + lag        SF  succ.finish >= pred.start + lag
 *
 * The full set of rules (summary tasks, constraints, floats, critical path, ties) is in
 * docs/decisions/005-scheduler-semantics.md; the short version sits next to each step below.
 *
 * Performance: everything after input validation is index based on typed arrays. The graph is a
 * CSR adjacency (edges bucketed by predecessor); Kahn's topological sort and the forward pass run
 * as one loop, the backward pass and free float walk the same order in reverse.
 */

import { ScheduleCycleError, ScheduleInputError } from './errors.js';
import { IdIndex } from './id-index.js';

export const LINK_TYPES = ['FS', 'SS', 'FF', 'SF'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const CONSTRAINT_TYPES = ['ASAP', 'SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO'] as const;
export type ConstraintType = (typeof CONSTRAINT_TYPES)[number];
/** Constraints a summary task may carry (the others would need "some child" rather than "every child"). */
export const SUMMARY_CONSTRAINT_TYPES: readonly ConstraintType[] = ['ASAP', 'SNET', 'FNLT'];

/**
 * A scheduling constraint in offsets. Start constraints (SNET, SNLT, MSO) bound the start offset;
 * finish constraints (FNET, FNLT, MFO) bound the finish offset, exclusive like every finish here
 * (finishing on working day 4 is finish offset 5). ASAP needs no offset.
 */
export interface CpmConstraint {
  type: ConstraintType;
  offset?: number;
}

export interface CpmTask {
  id: string;
  /** Working days, a whole number >= 0; 0 is a milestone. Ignored for summary tasks. */
  durationDays: number;
  /** Makes the named task a summary task spanning its children. */
  parentId?: string | null;
  constraint?: CpmConstraint | null;
}

export interface CpmDependency {
  predecessorId: string;
  successorId: string;
  type: LinkType;
  /** Whole working days, may be negative (a lead). Default 0. */
  lagDays?: number;
}

export interface CpmInput {
  tasks: readonly CpmTask[];
  dependencies?: readonly CpmDependency[];
}

/** The schedule, column-wise: entry i of each array belongs to `ids[i]` (input order). */
export interface CpmSchedule {
  /** Latest early finish of any task; 0 without tasks. */
  projectDuration: number;
  /** Leaf task ids from a start task to a task finishing at the project duration. */
  criticalPath: string[];
  ids: readonly string[];
  /** Position of a task id in `ids`, or −1. */
  indexOf: (id: string) => number;
  earlyStart: Float64Array;
  earlyFinish: Float64Array;
  lateStart: Float64Array;
  lateFinish: Float64Array;
  totalFloat: Float64Array;
  freeFloat: Float64Array;
  /** 1 when total float <= 0. */
  critical: Uint8Array;
  /** 1 for a summary task (the parent of at least one task). */
  isSummary: Uint8Array;
  /** Index of the parent task, −1 at the top. */
  parentIndex: Int32Array;
  /** Every task index, each child before its parent (deepest first). */
  bottomUp: Int32Array;
}

// Link codes; MIN is the structural edge "child start → summary start" (a minimum, not a maximum).
const FS = 0;
const SS = 1;
const FF = 2;
const SF = 3;
const MIN = 4;
const LINK_CODE: Record<string, number> = { FS, SS, FF, SF };

// Node kinds.
const LEAF = 0;
const SUMMARY = 1; // carries no edges; its dates are rolled up from its children afterwards
const PSEUDO = 2; // zero-duration helper node of a summary, ordinary max semantics
const PSEUDO_MIN = 3; // the summary's start as seen by its successors: min over children

// Helper nodes of a summary (roles), and their flag bits.
const IN_START = 0; // FS/SS links into the summary and SNET: every child starts after it
const IN_FINISH = 1; // FF/SF links into the summary: every child finishes after it
const OUT_START = 2; // SS/SF links from the summary: min of children's starts
const OUT_FINISH = 3; // FS/FF links from the summary and FNLT: max of children's finishes

const describe = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function isWholeNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/**
 * Computes early and late dates, floats and the critical path.
 * @throws ScheduleInputError for bad input (with a dotted `path`), ScheduleCycleError for a cycle.
 */
export function computeSchedule(input: CpmInput): CpmSchedule {
  const tasks = input?.tasks;
  if (!Array.isArray(tasks)) throw new ScheduleInputError('tasks', 'Expected a list of tasks.');
  const deps = input.dependencies ?? [];
  if (!Array.isArray(deps)) throw new ScheduleInputError('dependencies', 'Expected a list of dependencies.');
  const n = tasks.length;

  // ---- Tasks: one pass over the objects; parents and constraints are rare, so only listed ----
  const ids: string[] = new Array(n);
  const taskDur = new Float64Array(n);
  const withParent: number[] = [];
  const withConstraint: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = tasks[i];
    const id = t?.id;
    if (typeof id !== 'string' || id.length === 0) throw new ScheduleInputError(`tasks.${i}.id`, 'A task needs a non-empty id.');
    ids[i] = id;
    const d = t.durationDays;
    if (!isWholeNumber(d) || d < 0) {
      throw new ScheduleInputError(`tasks.${i}.durationDays`, `The duration is a whole number of working days, 0 or more; got ${describe(d)}.`);
    }
    taskDur[i] = d;
    if (t.parentId != null) withParent.push(i);
    if (t.constraint != null) withConstraint.push(i);
  }
  const idIndex = new IdIndex(ids, (i, first) => {
    throw new ScheduleInputError(`tasks.${i}.id`, `The task id ${JSON.stringify(ids[i])} is used twice (also tasks.${first}).`);
  });
  const indexOf = (id: string) => idIndex.get(id);

  // ---- Parents: summary flags, depth order, children lists -------------------------------------
  const parentIndex = new Int32Array(n).fill(-1);
  const isSummary = new Uint8Array(n);
  for (const i of withParent) {
    const pid = tasks[i].parentId;
    const p = indexOf(pid!);
    if (p < 0) throw new ScheduleInputError(`tasks.${i}.parentId`, `No task has the id ${describe(pid)}.`);
    if (p === i) throw new ScheduleInputError(`tasks.${i}.parentId`, 'A task cannot be its own parent.');
    parentIndex[i] = p;
    isSummary[p] = 1;
  }
  const hasSummaries = withParent.length > 0;
  let topDown: Int32Array; // parents before children
  let childStart = new Int32Array(0);
  let childList = new Int32Array(0);
  if (!hasSummaries) {
    topDown = new Int32Array(n);
    for (let i = 0; i < n; i++) topDown[i] = i;
  } else {
    // Depth of each task; a loop in the parent chain is an input error.
    const depth = new Int32Array(n).fill(-1);
    let maxDepth = 0;
    const stack: number[] = [];
    for (let i = 0; i < n; i++) {
      if (depth[i] >= 0) continue;
      let v = i;
      while (v >= 0 && depth[v] < 0) {
        if (depth[v] === -2) throw new ScheduleInputError(`tasks.${v}.parentId`, `The parent chain of ${JSON.stringify(ids[v])} loops back to it.`);
        depth[v] = -2;
        stack.push(v);
        v = parentIndex[v];
      }
      let d = v < 0 ? -1 : depth[v];
      while (stack.length) depth[stack.pop()!] = ++d;
      if (d > maxDepth) maxDepth = d;
    }
    topDown = new Int32Array(n);
    const bucket = new Int32Array(maxDepth + 2);
    for (let i = 0; i < n; i++) bucket[depth[i] + 1]++;
    for (let d = 1; d < bucket.length; d++) bucket[d] += bucket[d - 1];
    for (let i = 0; i < n; i++) topDown[bucket[depth[i]]++] = i;
    childStart = new Int32Array(n + 1);
    for (const i of withParent) childStart[parentIndex[i] + 1]++;
    for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
    childList = new Int32Array(childStart[n]);
    const fill = childStart.slice(0, n);
    for (const i of withParent) childList[fill[parentIndex[i]]++] = i;
  }
  const isAncestor = (a: number, b: number) => {
    for (let v = parentIndex[b]; v >= 0; v = parentIndex[v]) if (v === a) return true;
    return false;
  };

  // ---- Constraints: a lower bound on the start and an upper bound on the finish ------------------
  const flags = new Uint8Array(hasSummaries ? n : 0); // summaries: helper nodes needed (bit per role)
  const conTask: number[] = [];
  const conEsLower: number[] = [];
  const conLfUpper: number[] = [];
  for (const i of withConstraint) {
    const c = tasks[i].constraint!;
    const type = c.type;
    if (!(CONSTRAINT_TYPES as readonly string[]).includes(type)) {
      throw new ScheduleInputError(`tasks.${i}.constraint.type`, `The constraint type is one of ${CONSTRAINT_TYPES.join(', ')}; got ${describe(type)}.`);
    }
    if (type === 'ASAP') continue;
    const at = c.offset;
    if (!isWholeNumber(at)) throw new ScheduleInputError(`tasks.${i}.constraint.offset`, `A ${type} constraint needs a whole-number offset; got ${describe(at)}.`);
    if (isSummary[i] && !SUMMARY_CONSTRAINT_TYPES.includes(type)) {
      throw new ScheduleInputError(`tasks.${i}.constraint.type`, `A summary task can only take an ${SUMMARY_CONSTRAINT_TYPES.join(', ')} constraint; got ${type}.`);
    }
    const d = isSummary[i] ? 0 : taskDur[i];
    let es = 0;
    let lf = Infinity;
    if (type === 'SNET' || type === 'MSO') es = at;
    if (type === 'FNET' || type === 'MFO') es = at - d;
    if (type === 'SNLT' || type === 'MSO') lf = at + d;
    if (type === 'FNLT' || type === 'MFO') lf = at;
    if (isSummary[i]) flags[i] |= type === 'SNET' ? 1 << IN_START : 1 << OUT_FINISH;
    conTask.push(i);
    conEsLower.push(es > 0 ? es : 0);
    conLfUpper.push(lf);
  }

  // ---- Dependencies -------------------------------------------------------------------------------
  const m0 = deps.length;
  let eFrom = new Int32Array(m0);
  let eTo = new Int32Array(m0);
  let eType = new Uint8Array(m0);
  let eLag = new Float64Array(m0);
  let summaryLinks = 0;
  for (let k = 0; k < m0; k++) {
    const dep = deps[k];
    if (dep === null || typeof dep !== 'object') throw new ScheduleInputError(`dependencies.${k}`, 'Expected a dependency: { predecessorId, successorId, type, lagDays }.');
    const p = indexOf(dep.predecessorId);
    if (p < 0) throw new ScheduleInputError(`dependencies.${k}.predecessorId`, `No task has the id ${describe(dep.predecessorId)}.`);
    const s = indexOf(dep.successorId);
    if (s < 0) throw new ScheduleInputError(`dependencies.${k}.successorId`, `No task has the id ${describe(dep.successorId)}.`);
    if (p === s) throw new ScheduleInputError(`dependencies.${k}`, `A task cannot depend on itself (${JSON.stringify(ids[p])}).`);
    const type = dep.type;
    const code = type === 'FS' ? FS : type === 'SS' ? SS : type === 'FF' ? FF : type === 'SF' ? SF : -1;
    if (code < 0) throw new ScheduleInputError(`dependencies.${k}.type`, `The link type is one of FS, SS, FF, SF; got ${describe(type)}.`);
    const lag = dep.lagDays ?? 0;
    if (!isWholeNumber(lag)) throw new ScheduleInputError(`dependencies.${k}.lagDays`, `The lag is a whole number of working days (negative for a lead); got ${describe(lag)}.`);
    eFrom[k] = p;
    eTo[k] = s;
    eType[k] = code;
    eLag[k] = lag;
    if (hasSummaries && (isSummary[p] || isSummary[s])) {
      if ((isSummary[p] && isAncestor(p, s)) || (isSummary[s] && isAncestor(s, p))) {
        throw new ScheduleInputError(`dependencies.${k}`, `A summary task cannot be linked to its own subtask (${JSON.stringify(ids[p])} → ${JSON.stringify(ids[s])}).`);
      }
      summaryLinks++;
      if (isSummary[p]) flags[p] |= 1 << (code === FS || code === FF ? OUT_FINISH : OUT_START);
      if (isSummary[s]) flags[s] |= 1 << (code === FS || code === SS ? IN_START : IN_FINISH);
    }
  }

  // ---- Helper nodes of summaries ----------------------------------------------------------------
  // A summary's helper node exists when it or an ancestor needs it, so nested summaries chain.
  let pseudoCount = 0;
  let structuralEdges = 0;
  if (hasSummaries) {
    for (let k = 0; k < n; k++) {
      const i = topDown[k];
      if (!isSummary[i]) continue;
      if (parentIndex[i] >= 0) flags[i] |= flags[parentIndex[i]];
      for (let r = 0; r < 4; r++) {
        if (flags[i] & (1 << r)) {
          pseudoCount++;
          structuralEdges += childStart[i + 1] - childStart[i];
        }
      }
    }
  }
  const N = n + pseudoCount;
  const M = m0 + structuralEdges;
  const kind = new Uint8Array(N);
  const dur = pseudoCount === 0 ? taskDur : new Float64Array(N);
  if (pseudoCount > 0) dur.set(taskDur);
  const ES = new Float64Array(N); // starts as each node's lower bound: 0, or a constraint
  const lfUpper = new Float64Array(N).fill(Infinity);
  for (let c = 0; c < conTask.length; c++) {
    const i = conTask[c];
    if (isSummary[i]) continue; // goes to the helper node below
    ES[i] = conEsLower[c];
    lfUpper[i] = conLfUpper[c];
  }
  const pseudoRole = new Uint8Array(pseudoCount);
  const pseudoOwner = new Int32Array(pseudoCount);
  if (hasSummaries) {
    for (let i = 0; i < n; i++) {
      if (isSummary[i]) {
        kind[i] = SUMMARY;
        dur[i] = 0;
      }
    }
    const helper = new Int32Array(4 * n).fill(-1); // helper[4 * task + role] = node
    let next = n;
    for (let i = 0; i < n; i++) {
      if (!isSummary[i]) continue;
      for (let r = 0; r < 4; r++) {
        if (!(flags[i] & (1 << r))) continue;
        helper[4 * i + r] = next;
        kind[next] = r === OUT_START ? PSEUDO_MIN : PSEUDO;
        pseudoRole[next - n] = r;
        pseudoOwner[next - n] = i;
        next++;
      }
    }
    for (let c = 0; c < conTask.length; c++) {
      const i = conTask[c];
      if (!isSummary[i]) continue;
      if (conLfUpper[c] === Infinity) ES[helper[4 * i + IN_START]] = conEsLower[c];
      else lfUpper[helper[4 * i + OUT_FINISH]] = conLfUpper[c];
    }
    if (M > m0) {
      const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (len: number) => T) => {
        const b = make(M);
        b.set(a);
        return b;
      };
      eFrom = grow(eFrom, (l) => new Int32Array(l));
      eTo = grow(eTo, (l) => new Int32Array(l));
      eType = grow(eType, (l) => new Uint8Array(l));
      eLag = grow(eLag, (l) => new Float64Array(l));
    }
    // Links to and from summaries attach to their helper nodes.
    for (let k = 0; summaryLinks > 0 && k < m0; k++) {
      const p = eFrom[k];
      const s = eTo[k];
      const t = eType[k];
      if (isSummary[p]) eFrom[k] = helper[4 * p + (t === FS || t === FF ? OUT_FINISH : OUT_START)];
      if (isSummary[s]) eTo[k] = helper[4 * s + (t === FS || t === SS ? IN_START : IN_FINISH)];
    }
    // Structural edges: into-helpers feed every child, out-helpers collect every child.
    let e = m0;
    for (let i = 0; i < n; i++) {
      if (!isSummary[i] || flags[i] === 0) continue;
      for (let r = 0; r < 4; r++) {
        const h = helper[4 * i + r];
        if (h < 0) continue;
        for (let c = childStart[i]; c < childStart[i + 1]; c++) {
          const child = childList[c];
          const cn = isSummary[child] ? helper[4 * child + r] : child;
          if (r === IN_START || r === IN_FINISH) {
            eFrom[e] = h;
            eTo[e] = cn;
            eType[e] = r === IN_START ? SS : FF;
          } else {
            eFrom[e] = cn;
            eTo[e] = h;
            eType[e] = r === OUT_START ? MIN : FF;
          }
          e++;
        }
      }
    }
  }

  // ---- CSR adjacency by predecessor, and in-degrees ----------------------------------------------
  const outStart = new Int32Array(N + 1);
  for (let e = 0; e < M; e++) outStart[eFrom[e] + 1]++;
  for (let v = 0; v < N; v++) outStart[v + 1] += outStart[v];
  const aTo = new Int32Array(M);
  const aType = new Uint8Array(M);
  const aLag = new Float64Array(M);
  const indeg = new Int32Array(N);
  {
    const fill = outStart.slice(0, N);
    for (let e = 0; e < M; e++) {
      const slot = fill[eFrom[e]]++;
      const v = eTo[e];
      aTo[slot] = v;
      aType[slot] = eType[e];
      aLag[slot] = eLag[e];
      indeg[v]++;
    }
  }

  // ---- Kahn's sort and the forward pass in one loop ----------------------------------------------
  // Each processed predecessor raises its successors' early start to the link's bound.
  // A summary-start node (MIN) also counts the children at its minimum and the next-smallest start,
  // which says how far its earliest child can slip before the summary's start moves (free float).
  const minCount = new Int32Array(pseudoCount);
  const minSecond = new Float64Array(pseudoCount).fill(Infinity);
  for (let v = n; v < N; v++) if (kind[v] === PSEUDO_MIN) ES[v] = Infinity;
  const EF = new Float64Array(N);
  const order = new Int32Array(N);
  let tail = 0;
  for (let v = 0; v < N; v++) if (indeg[v] === 0) order[tail++] = v;
  for (let head = 0; head < tail; head++) {
    const u = order[head];
    const es = ES[u];
    const ef = es + dur[u];
    EF[u] = ef;
    for (let e = outStart[u], end = outStart[u + 1]; e < end; e++) {
      const v = aTo[e];
      const t = aType[e];
      if (t === MIN) {
        const cur = ES[v];
        if (es < cur) {
          minSecond[v - n] = cur;
          minCount[v - n] = 1;
          ES[v] = es;
        } else if (es === cur) minCount[v - n]++;
        else if (es < minSecond[v - n]) minSecond[v - n] = es;
      } else {
        const b = (t === FS ? ef : t === SS ? es : t === FF ? ef - dur[v] : es - dur[v]) + aLag[e];
        if (b > ES[v]) ES[v] = b;
      }
      if (--indeg[v] === 0) order[tail++] = v;
    }
  }
  if (tail < N) throw cycleError(N, n, indeg, outStart, aTo, pseudoOwner, ids, eFrom, eTo, m0);

  let P = 0;
  for (let v = 0; v < n; v++) if (kind[v] === LEAF && EF[v] > P) P = EF[v];

  // ---- Backward pass, free float and driving links, in one loop in reverse order -----------------
  // With b = the link's bound on the successor's early start (as in the forward pass):
  //   late:  LF(u) <= LS(v) − b + EF(u)   (the same inequality, moved to the late dates)
  //   slack: ES(v) − b >= 0, free float along the link; 0 means the link is driving (tight).
  // MIN edges (child → summary start) bind only the children that set the summary's start; such a
  // child's slip moves the summary's start only if no other child starts as early, and then only up
  // to the next child's start.
  // Through a helper node, a link's slack adds that node's own free float: moving a helper moves
  // nothing real. reachEnd: a driving link leads from the node to a leaf finishing at P.
  const LS = new Float64Array(N);
  const LF = new Float64Array(N);
  const FFR = new Float64Array(N);
  const reachEnd = new Uint8Array(N);
  const tightHead = new Int32Array(N).fill(-1);
  const tightNext = new Int32Array(M);
  const tightSrc = new Int32Array(M);
  let tightCount = 0;
  for (let k = N - 1; k >= 0; k--) {
    const u = order[k];
    const d = dur[u];
    const es = ES[u];
    const ef = EF[u];
    let lf = lfUpper[u] < P ? lfUpper[u] : P;
    const start = outStart[u];
    const end = outStart[u + 1];
    let ff = start === end ? P - ef : Infinity;
    for (let e = start; e < end; e++) {
      const v = aTo[e];
      const t = aType[e];
      if (t === MIN) {
        if (es !== ES[v]) continue;
        if (LS[v] + d < lf) lf = LS[v] + d;
        tightSrc[tightCount] = u;
        tightNext[tightCount] = tightHead[v];
        tightHead[v] = tightCount++;
        if (reachEnd[v] === 1) reachEnd[u] = 1;
        const q = v - n;
        if (minCount[q] === 1 && !(minSecond[q] - es <= FFR[v]) && FFR[v] < ff) ff = FFR[v];
        continue;
      }
      let b: number;
      if (t === FS) b = ef + aLag[e];
      else if (t === SS) b = es + aLag[e];
      else if (t === FF) b = ef - dur[v] + aLag[e];
      else b = es - dur[v] + aLag[e];
      const late = LS[v] - b + ef;
      if (late < lf) lf = late;
      let slack = ES[v] - b;
      if (slack === 0) {
        tightSrc[tightCount] = u;
        tightNext[tightCount] = tightHead[v];
        tightHead[v] = tightCount++;
        if (kind[v] === LEAF ? EF[v] === P : reachEnd[v] === 1) reachEnd[u] = 1;
      }
      if (kind[v] >= PSEUDO) slack += FFR[v];
      if (slack < ff) ff = slack;
    }
    LF[u] = lf;
    LS[u] = lf - d;
    FFR[u] = ff;
  }

  // ---- Per task, then roll up summaries (children before parents) ----------------------------------
  const earlyStart = ES.subarray(0, n);
  const earlyFinish = EF.subarray(0, n);
  const lateStart = LS.subarray(0, n);
  const lateFinish = LF.subarray(0, n);
  const totalFloat = new Float64Array(n);
  const freeFloat = new Float64Array(n);
  const critical = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (isSummary[i]) {
      earlyStart[i] = lateStart[i] = totalFloat[i] = freeFloat[i] = Infinity;
      earlyFinish[i] = lateFinish[i] = -Infinity;
      continue;
    }
    const tf = LS[i] - ES[i];
    totalFloat[i] = tf;
    let ff = FFR[i];
    if (tf < ff) ff = tf;
    if (P - EF[i] < ff) ff = P - EF[i];
    freeFloat[i] = ff > 0 ? ff : 0;
    critical[i] = tf <= 0 ? 1 : 0;
  }
  const bottomUp = topDown.reverse();
  if (hasSummaries) {
    for (let k = 0; k < n; k++) {
      const i = bottomUp[k];
      const p = parentIndex[i];
      if (p < 0) continue;
      if (earlyStart[i] < earlyStart[p]) earlyStart[p] = earlyStart[i];
      if (earlyFinish[i] > earlyFinish[p]) earlyFinish[p] = earlyFinish[i];
      if (lateStart[i] < lateStart[p]) lateStart[p] = lateStart[i];
      if (lateFinish[i] > lateFinish[p]) lateFinish[p] = lateFinish[i];
      if (totalFloat[i] < totalFloat[p]) totalFloat[p] = totalFloat[i];
      if (freeFloat[i] < freeFloat[p]) freeFloat[p] = freeFloat[i];
    }
    for (let i = 0; i < n; i++) if (isSummary[i]) critical[i] = totalFloat[i] <= 0 ? 1 : 0;
  }

  // ---- Critical path --------------------------------------------------------------------------------
  // Walk back along driving links from a leaf that finishes at P and drives no other such leaf.
  // Preference when several qualify: least total float, then the longest driving chain behind it
  // (counted in leaf tasks), then smallest id (code-unit order), then helper role; none of it
  // depends on input order.
  const chain = new Int32Array(N);
  for (let k = 0; k < N; k++) {
    const v = order[k];
    let longest = 0;
    for (let t = tightHead[v]; t >= 0; t = tightNext[t]) if (chain[tightSrc[t]] > longest) longest = chain[tightSrc[t]];
    chain[v] = longest + (kind[v] === LEAF ? 1 : 0);
  }
  const ownerOf = (v: number) => (v < n ? v : pseudoOwner[v - n]);
  const better = (a: number, b: number) => {
    const ta = LS[a] - ES[a];
    const tb = LS[b] - ES[b];
    if (ta !== tb) return ta < tb;
    if (chain[a] !== chain[b]) return chain[a] > chain[b];
    const ia = ids[ownerOf(a)];
    const ib = ids[ownerOf(b)];
    if (ia !== ib) return ia < ib;
    return a < n || (b >= n && pseudoRole[a - n] < pseudoRole[b - n]);
  };
  const criticalPath: string[] = [];
  let at = -1;
  for (let v = 0; v < n; v++) if (kind[v] === LEAF && EF[v] === P && !reachEnd[v] && (at < 0 || better(v, at))) at = v;
  while (at >= 0) {
    if (kind[at] === LEAF) criticalPath.push(ids[at]);
    let best = -1;
    for (let t = tightHead[at]; t >= 0; t = tightNext[t]) if (best < 0 || better(tightSrc[t], best)) best = tightSrc[t];
    at = best;
  }
  criticalPath.reverse();

  return {
    projectDuration: P,
    criticalPath,
    ids,
    indexOf,
    earlyStart,
    earlyFinish,
    lateStart,
    lateFinish,
    totalFloat,
    freeFloat,
    critical,
    isSummary,
    parentIndex,
    bottomUp,
  };
}

/** Finds one cycle among the nodes Kahn's sort could not order, for the error. */
function cycleError(
  N: number,
  n: number,
  indeg: Int32Array,
  outStart: Int32Array,
  aTo: Int32Array,
  pseudoOwner: Int32Array,
  ids: string[],
  eFrom: Int32Array,
  eTo: Int32Array,
  m0: number,
): ScheduleCycleError {
  // Every node left has a predecessor that is also left, so walking predecessors must repeat.
  const predNode = new Int32Array(N).fill(-1);
  for (let u = 0; u < N; u++) {
    if (indeg[u] === 0) continue;
    for (let e = outStart[u]; e < outStart[u + 1]; e++) {
      const v = aTo[e];
      if (indeg[v] > 0 && predNode[v] < 0) predNode[v] = u;
    }
  }
  let v = 0;
  while (indeg[v] === 0) v++;
  const seenAt = new Int32Array(N).fill(-1);
  const walk: number[] = [];
  while (seenAt[v] < 0) {
    seenAt[v] = walk.length;
    walk.push(v);
    v = predNode[v];
  }
  // walk[seenAt[v]..] runs backwards along the cycle; reverse it into dependency order.
  const nodes = walk.slice(seenAt[v]).reverse();
  const k = nodes.length;
  // The user's link behind each step, if any (structural steps have none).
  const stepOf = new Map<number, number>();
  nodes.forEach((node, i) => stepOf.set(node * N + nodes[(i + 1) % k], i));
  const depOfStep = new Array<number>(k).fill(-1);
  for (let e = 0; e < m0; e++) {
    const i = stepOf.get(eFrom[e] * N + eTo[e]);
    if (i !== undefined && depOfStep[i] < 0) depOfStep[i] = e;
  }
  const steps = nodes.map((node, i) => ({ id: ids[node < n ? node : pseudoOwner[node - n]], dep: depOfStep[i] }));
  // Start at the smallest id (at the start of its run, if a summary's helper nodes repeat it).
  let minId = steps[0].id;
  for (const s of steps) if (s.id < minId) minId = s.id;
  let r = 0;
  for (let i = 0; i < k; i++) {
    if (steps[i].id === minId && steps[(i + k - 1) % k].id !== minId) {
      r = i;
      break;
    }
  }
  const rotated = [...steps.slice(r), ...steps.slice(0, r)];
  const taskIds: string[] = [];
  for (const s of rotated) if (taskIds[taskIds.length - 1] !== s.id) taskIds.push(s.id);
  if (taskIds.length > 1 && taskIds[taskIds.length - 1] === taskIds[0]) taskIds.pop();
  return new ScheduleCycleError(
    taskIds,
    rotated.map((s) => s.dep).filter((d) => d >= 0),
  );
}

/** One object per task, for tests and small callers (the arrays are the fast interface). */
export interface CpmTaskResult {
  id: string;
  earlyStart: number;
  earlyFinish: number;
  lateStart: number;
  lateFinish: number;
  totalFloat: number;
  freeFloat: number;
  critical: boolean;
  summary: boolean;
}

export function scheduleRows(s: CpmSchedule): CpmTaskResult[] {
  return s.ids.map((id, i) => ({
    id,
    earlyStart: s.earlyStart[i],
    earlyFinish: s.earlyFinish[i],
    lateStart: s.lateStart[i],
    lateFinish: s.lateFinish[i],
    totalFloat: s.totalFloat[i],
    freeFloat: s.freeFloat[i],
    critical: s.critical[i] === 1,
    summary: s.isSummary[i] === 1,
  }));
}
