import { describe, expect, it } from 'vitest';
import { computeSchedule, scheduleRows } from './cpm.js';
import type { CpmDependency, CpmInput, CpmTask, LinkType } from './cpm.js';
import { ScheduleCycleError, ScheduleInputError } from './errors.js';

/**
 * Hand-worked examples. Offsets count working days from the project start; finishes are
 * exclusive (a 2-day task starting at 0 finishes at 2). Notation in the comments:
 * ES/EF early start/finish, LS/LF late start/finish, TF total float, FF free float, P project finish.
 */

const task = (id: string, durationDays: number, extra: Partial<CpmTask> = {}): CpmTask => ({ id, durationDays, ...extra });
const link = (predecessorId: string, successorId: string, type: LinkType = 'FS', lagDays = 0): CpmDependency => ({ predecessorId, successorId, type, lagDays });

/** id → [ES, EF, LS, LF, TF, FF] */
function table(input: CpmInput) {
  const s = computeSchedule(input);
  const rows = Object.fromEntries(scheduleRows(s).map((r) => [r.id, [r.earlyStart, r.earlyFinish, r.lateStart, r.lateFinish, r.totalFloat, r.freeFloat]]));
  return { s, rows };
}

describe('each link type, positive and negative lag (A: 5 days, B: 3 days)', () => {
  it('FS +2: B starts 2 days after A finishes', () => {
    // A 0–5. B.ES = A.EF + 2 = 7, EF 10. P = 10.
    // Backward: B LF 10, LS 7. A LF = B.LS − 2 = 5, LS 0. Both TF 0. FF(A) = B.ES − (A.EF + 2) = 0.
    const { s, rows } = table({ tasks: [task('A', 5), task('B', 3)], dependencies: [link('A', 'B', 'FS', 2)] });
    expect(rows).toEqual({ A: [0, 5, 0, 5, 0, 0], B: [7, 10, 7, 10, 0, 0] });
    expect(s.projectDuration).toBe(10);
    expect(s.criticalPath).toEqual(['A', 'B']);
  });

  it('FS −2 (lead): B overlaps the last 2 days of A', () => {
    // B.ES = 5 − 2 = 3, EF 6. P = 6. B LF 6, LS 3. A LF = min(P 6, B.LS + 2 = 5) = 5. All TF 0.
    const { s, rows } = table({ tasks: [task('A', 5), task('B', 3)], dependencies: [link('A', 'B', 'FS', -2)] });
    expect(rows).toEqual({ A: [0, 5, 0, 5, 0, 0], B: [3, 6, 3, 6, 0, 0] });
    expect(s.criticalPath).toEqual(['A', 'B']);
  });

  it('SS +2: B starts 2 days after A starts', () => {
    // B.ES = A.ES + 2 = 2, EF 5. P = max(5, 5) = 5.
    // B LF 5, LS 2. A LF = min(P 5, B.LS − 2 + dur A 5 = 5) = 5, LS 0. FF(A) = B.ES − (A.ES + 2) = 0.
    // Both finish at P; A drives B, so the path runs on to B.
    const { s, rows } = table({ tasks: [task('A', 5), task('B', 3)], dependencies: [link('A', 'B', 'SS', 2)] });
    expect(rows).toEqual({ A: [0, 5, 0, 5, 0, 0], B: [2, 5, 2, 5, 0, 0] });
    expect(s.criticalPath).toEqual(['A', 'B']);
  });

  it('SS −2: B may start 2 days before A starts (A pushed to 4 by X)', () => {
    // X 0–4; A 4–9. B.ES = A.ES − 2 = 2, EF 5. P = 9.
    // B LF 9, LS 6, TF 4, FF = P − EF = 4. A LF = min(9, B.LS + 2 + 5 = 13) = 9, TF 0.
    // FF(A) = B.ES − (A.ES − 2) = 0.
    const { s, rows } = table({ tasks: [task('X', 4), task('A', 5), task('B', 3)], dependencies: [link('X', 'A'), link('A', 'B', 'SS', -2)] });
    expect(rows).toEqual({ X: [0, 4, 0, 4, 0, 0], A: [4, 9, 4, 9, 0, 0], B: [2, 5, 6, 9, 4, 4] });
    expect(s.criticalPath).toEqual(['X', 'A']);
  });

  it('SS −2 at the project start: no task starts before offset 0', () => {
    // B.ES = max(0, A.ES − 2 = −2) = 0. P = 5; B LF 5, LS 2, TF 2.
    // A LF = min(5, B.LS + 2 + 5 = 9) = 5. FF(A) = min(link slack 0 − (0 − 2) = 2, TF 0) = 0.
    const { rows } = table({ tasks: [task('A', 5), task('B', 3)], dependencies: [link('A', 'B', 'SS', -2)] });
    expect(rows).toEqual({ A: [0, 5, 0, 5, 0, 0], B: [0, 3, 2, 5, 2, 2] });
  });

  it('FF +2: B finishes 2 days after A finishes', () => {
    // B.EF >= A.EF + 2 = 7, so B.ES = 7 − 3 = 4. P = 7.
    // B LF 7, LS 4. A LF = min(7, B.LF − 2 = 5) = 5. All TF 0.
    const { s, rows } = table({ tasks: [task('A', 5), task('B', 3)], dependencies: [link('A', 'B', 'FF', 2)] });
    expect(rows).toEqual({ A: [0, 5, 0, 5, 0, 0], B: [4, 7, 4, 7, 0, 0] });
    expect(s.criticalPath).toEqual(['A', 'B']);
  });

  it('FF −2: B may finish 2 days before A finishes', () => {
    // B (1 day): B.EF >= 5 − 2 = 3, B.ES = 2, EF 3. P = 5.
    // B LF 5, LS 4, TF 2, FF 2. A LF = min(5, B.LF + 2 = 7) = 5, TF 0.
    // FF(A) = B.EF − (A.EF − 2) = 0.
    const { s, rows } = table({ tasks: [task('A', 5), task('B', 1)], dependencies: [link('A', 'B', 'FF', -2)] });
    expect(rows).toEqual({ A: [0, 5, 0, 5, 0, 0], B: [2, 3, 4, 5, 2, 2] });
    expect(s.criticalPath).toEqual(['A']);
  });

  it('SF +6: B finishes at least 6 days after A starts', () => {
    // B.EF >= A.ES + 6 = 6, B.ES = 3, EF 6. P = 6.
    // B LF 6, LS 3. A LF = min(6, B.LF − 6 + dur A 5 = 5) = 5. All TF 0.
    const { s, rows } = table({ tasks: [task('A', 5), task('B', 3)], dependencies: [link('A', 'B', 'SF', 6)] });
    expect(rows).toEqual({ A: [0, 5, 0, 5, 0, 0], B: [3, 6, 3, 6, 0, 0] });
    expect(s.criticalPath).toEqual(['A', 'B']);
  });

  it('SF −2: B may finish 2 days before A starts (A pushed to 6 by X)', () => {
    // X 0–6; A 6–11. B.EF >= A.ES − 2 = 4, B.ES = 1, EF 4. P = 11.
    // B LF 11, LS 8, TF 7, FF 7. A LF = min(11, B.LF + 2 + 5 = 18) = 11, TF 0.
    const { s, rows } = table({ tasks: [task('X', 6), task('A', 5), task('B', 3)], dependencies: [link('X', 'A'), link('A', 'B', 'SF', -2)] });
    expect(rows).toEqual({ X: [0, 6, 0, 6, 0, 0], A: [6, 11, 6, 11, 0, 0], B: [1, 4, 8, 11, 7, 7] });
    expect(s.criticalPath).toEqual(['X', 'A']);
  });
});

describe('the classic network A–H (finish-to-start)', () => {
  // Activity  Duration  Predecessors
  //   A          3        –
  //   B          4        A
  //   C          2        A
  //   D          5        B
  //   E          1        C
  //   F          2        C
  //   G          4        D, E
  //   H          3        F, G
  // Forward:  A 0–3, B 3–7, C 3–5, D 7–12, E 5–6, F 5–7, G max(12, 6) = 12–16, H max(7, 16) = 16–19. P = 19.
  // Backward: H LF 19 LS 16; G LF 16 LS 12; F LF 16 LS 14; E LF 12 LS 11; D LF 12 LS 7;
  //           C LF min(11, 14) = 11 LS 9; B LF 7 LS 3; A LF min(3, 9) = 3 LS 0.
  // TF = LS − ES: A 0, B 0, C 6, D 0, E 6, F 9, G 0, H 0.
  // FF: C = min(E.ES − C.EF, F.ES − C.EF) = 0 although TF 6 (its float is shared with E and F);
  //     E = G.ES − E.EF = 6; F = H.ES − F.EF = 9; H = P − EF = 0.
  const network: CpmInput = {
    tasks: [task('A', 3), task('B', 4), task('C', 2), task('D', 5), task('E', 1), task('F', 2), task('G', 4), task('H', 3)],
    dependencies: [link('A', 'B'), link('A', 'C'), link('B', 'D'), link('C', 'E'), link('C', 'F'), link('D', 'G'), link('E', 'G'), link('F', 'H'), link('G', 'H')],
  };

  it('has the textbook dates, floats and critical path', () => {
    const { s, rows } = table(network);
    expect(rows).toEqual({
      A: [0, 3, 0, 3, 0, 0],
      B: [3, 7, 3, 7, 0, 0],
      C: [3, 5, 9, 11, 6, 0],
      D: [7, 12, 7, 12, 0, 0],
      E: [5, 6, 11, 12, 6, 6],
      F: [5, 7, 14, 16, 9, 9],
      G: [12, 16, 12, 16, 0, 0],
      H: [16, 19, 16, 19, 0, 0],
    });
    expect(s.projectDuration).toBe(19);
    expect(s.criticalPath).toEqual(['A', 'B', 'D', 'G', 'H']);
    expect(Array.from(s.critical)).toEqual([1, 1, 0, 1, 0, 0, 1, 1]);
  });

  it('free float is what a task can slip without moving a successor, total float without moving the end', () => {
    const s = computeSchedule(network);
    const i = (id: string) => s.indexOf(id);
    // C can slip 6 days before the project moves, but any slip moves E and F.
    expect([s.totalFloat[i('C')], s.freeFloat[i('C')]]).toEqual([6, 0]);
    // Slipping C by 1 proves it: E and F move, H does not.
    const slipped = computeSchedule({ ...network, tasks: network.tasks.map((t) => (t.id === 'C' ? { ...t, durationDays: 3 } : t)) });
    expect(slipped.earlyStart[i('E')]).toBe(6);
    expect(slipped.projectDuration).toBe(19);
  });

  it('ties between equally critical chains go to the one with more tasks', () => {
    // A (3) drives both M (milestone) and, through M or directly, B: A→M→B and A→B are both
    // driving; the path takes the longer chain.
    const { s } = table({
      tasks: [task('A', 3), task('M', 0), task('B', 2)],
      dependencies: [link('A', 'M'), link('M', 'B'), link('A', 'B')],
    });
    expect(s.criticalPath).toEqual(['A', 'M', 'B']);
  });

  it('ties between equally critical chains of the same length go to the smallest id', () => {
    // Two parallel 3-day chains S→X→E and S→Y→E: both critical; X < Y.
    const { s } = table({
      tasks: [task('S', 1), task('Y', 3), task('X', 3), task('E', 1)],
      dependencies: [link('S', 'Y'), link('S', 'X'), link('Y', 'E'), link('X', 'E')],
    });
    expect(s.criticalPath).toEqual(['S', 'X', 'E']);
    expect(Array.from(s.critical)).toEqual([1, 1, 1, 1]);
  });
});

describe('milestones', () => {
  it('take no time, and a milestone at the end finishes the path', () => {
    // Start (0 days) 0–0; A 0–3; Done (0 days) 3–3; P = 3. All critical.
    const { s, rows } = table({
      tasks: [task('Start', 0), task('A', 3), task('Done', 0)],
      dependencies: [link('Start', 'A'), link('A', 'Done')],
    });
    expect(rows).toEqual({ Start: [0, 0, 0, 0, 0, 0], A: [0, 3, 0, 3, 0, 0], Done: [3, 3, 3, 3, 0, 0] });
    expect(s.criticalPath).toEqual(['Start', 'A', 'Done']);
  });

  it('a milestone off the critical path has float like any task', () => {
    // A 0–5; B 0–2; M after B: 2–2, LF = P = 5, TF 3, FF 3.
    const { rows } = table({ tasks: [task('A', 5), task('B', 2), task('M', 0)], dependencies: [link('B', 'M')] });
    expect(rows.M).toEqual([2, 2, 5, 5, 3, 3]);
    expect(rows.B).toEqual([0, 2, 3, 5, 3, 0]);
  });
});

describe('constraints', () => {
  it('SNET pushes the early start; the task then starts the critical path', () => {
    // A 0–2, B SNET 5: B.ES = max(A.EF 2, 5) = 5, EF 8. P = 8.
    // A LF = B.LS = 5, LS 3, TF 3, FF = B.ES − A.EF = 3. The link A→B is not driving.
    const { s, rows } = table({
      tasks: [task('A', 2), task('B', 3, { constraint: { type: 'SNET', offset: 5 } })],
      dependencies: [link('A', 'B')],
    });
    expect(rows).toEqual({ A: [0, 2, 3, 5, 3, 3], B: [5, 8, 5, 8, 0, 0] });
    expect(s.criticalPath).toEqual(['B']);
  });

  it('FNLT caps the late finish, and a missed deadline shows as negative float', () => {
    // A 0–2, B 2–5, P = 5. B FNLT 4: B LF = min(5, 4) = 4, LS 1, TF −1; A LF = B.LS = 1, LS −1, TF −1.
    // Free float never goes below 0.
    const { s, rows } = table({
      tasks: [task('A', 2), task('B', 3, { constraint: { type: 'FNLT', offset: 4 } })],
      dependencies: [link('A', 'B')],
    });
    expect(rows).toEqual({ A: [0, 2, -1, 1, -1, 0], B: [2, 5, 1, 4, -1, 0] });
    expect(Array.from(s.critical)).toEqual([1, 1]);
    expect(s.criticalPath).toEqual(['A', 'B']);
  });

  it('FNLT that is met leaves positive float', () => {
    // B FNLT 8 with P = 5: LF = min(5, 8) = 5. The project finish still bounds it.
    const { rows } = table({ tasks: [task('A', 2), task('B', 3, { constraint: { type: 'FNLT', offset: 8 } })], dependencies: [link('A', 'B')] });
    expect(rows.B).toEqual([2, 5, 2, 5, 0, 0]);
  });

  it('SNLT, FNET, MSO and MFO', () => {
    // L (10 days) sets P = 10. Without constraints each 3-day task has ES 0, LS 7.
    // S1 SNLT 2: LS <= 2 → LF 5, TF 2.     F1 FNET 6: EF >= 6 → ES 3, EF 6, TF 4.
    // M1 MSO 4: ES 4 and LS <= 4 → TF 0.   M2 MFO 6: ES 3, LF <= 6 → TF 0.
    const { rows } = table({
      tasks: [
        task('L', 10),
        task('S1', 3, { constraint: { type: 'SNLT', offset: 2 } }),
        task('F1', 3, { constraint: { type: 'FNET', offset: 6 } }),
        task('M1', 3, { constraint: { type: 'MSO', offset: 4 } }),
        task('M2', 3, { constraint: { type: 'MFO', offset: 6 } }),
        task('Q', 3, { constraint: { type: 'ASAP' } }),
      ],
      dependencies: [],
    });
    expect(rows.S1).toEqual([0, 3, 2, 5, 2, 2]);
    expect(rows.F1).toEqual([3, 6, 7, 10, 4, 4]);
    expect(rows.M1).toEqual([4, 7, 4, 7, 0, 0]);
    expect(rows.M2).toEqual([3, 6, 3, 6, 0, 0]);
    expect(rows.Q).toEqual([0, 3, 7, 10, 7, 7]);
  });

  it('MSO keeps the logic: a predecessor finishing later wins and the float goes negative', () => {
    // A 0–6; B MSO 4 but FS after A: ES = 6, LS <= 4 → TF −2.
    const { rows } = table({ tasks: [task('A', 6), task('B', 2, { constraint: { type: 'MSO', offset: 4 } })], dependencies: [link('A', 'B')] });
    expect(rows.B).toEqual([6, 8, 4, 6, -2, 0]);
  });
});

describe('summary tasks', () => {
  // X (4) → S{A (3) → B (2), C (1)}; S FS→ Y (2); S SS+1 → Z (1).
  // Links into S bind every child: A, C start >= X.EF = 4. A 4–7, B 7–9, C 4–5. S spans 4–9.
  // FS from S waits for its last child: Y.ES = 9, 9–11. SS from S follows its first child:
  // Z.ES = min(4, 7, 4) + 1 = 5, 5–6. P = 11.
  // Backward: Y LF 11 LS 9; Z LF 11 LS 10 (TF 5).
  // S's finish must be <= Y.LS = 9: B LF 9, C LF 9; S's start <= Z.LS − 1 = 9 binds the children
  // that start first (A, C): A LF = min(B.LS 7, 9 + 3) = 7; C LF = min(9, 9 + 1) = 9, LS 8, TF 4.
  // X LF = min(A.LS 4, C.LS 8, B.LS 7) = 4. S: LS min(4, 7, 8) = 4, LF max(7, 9, 9) = 9,
  // TF = least child TF = 0.
  // FF(C) = 4: slipping C moves neither S's finish (until 9) nor S's start (A also starts at 4).
  const wbs: CpmInput = {
    tasks: [
      task('X', 4),
      task('S', 99),
      task('A', 3, { parentId: 'S' }),
      task('B', 2, { parentId: 'S' }),
      task('C', 1, { parentId: 'S' }),
      task('Y', 2),
      task('Z', 1),
    ],
    dependencies: [link('X', 'S'), link('A', 'B'), link('S', 'Y'), link('S', 'Z', 'SS', 1)],
  };

  it('span their children and pass links on to them', () => {
    const { s, rows } = table(wbs);
    expect(rows).toEqual({
      X: [0, 4, 0, 4, 0, 0],
      S: [4, 9, 4, 9, 0, 0],
      A: [4, 7, 4, 7, 0, 0],
      B: [7, 9, 7, 9, 0, 0],
      C: [4, 5, 8, 9, 4, 4],
      Y: [9, 11, 9, 11, 0, 0],
      Z: [5, 6, 10, 11, 5, 5],
    });
    expect(s.projectDuration).toBe(11);
    expect(Array.from(s.isSummary)).toEqual([0, 1, 0, 0, 0, 0, 0]);
    // The path goes X → (S) → A → B → (S) → Y; it lists leaf tasks only.
    expect(s.criticalPath).toEqual(['X', 'A', 'B', 'Y']);
  });

  it('nest: a summary inside a summary, with FF and SF links into the outer one', () => {
    // P1{ P2{ a (2), b (4) }, c (1) }. K (3) FF+1 → P1: every leaf finishes >= 4:
    // a.ES = 2, b.ES = 0, c.ES = 3. Q (5) SF 6 → P1: every leaf finishes >= Q.ES + 6 = 6:
    // a 4–6, b 2–6, c 5–6. P = 6. P2 spans 2–6, P1 spans 2–6.
    const { rows } = table({
      tasks: [
        task('P1', 0),
        task('P2', 0, { parentId: 'P1' }),
        task('a', 2, { parentId: 'P2' }),
        task('b', 4, { parentId: 'P2' }),
        task('c', 1, { parentId: 'P1' }),
        task('K', 3),
        task('Q', 5),
      ],
      dependencies: [link('K', 'P1', 'FF', 1), link('Q', 'P1', 'SF', 6)],
    });
    expect(rows.a.slice(0, 2)).toEqual([4, 6]);
    expect(rows.b.slice(0, 2)).toEqual([2, 6]);
    expect(rows.c.slice(0, 2)).toEqual([5, 6]);
    expect(rows.P2.slice(0, 2)).toEqual([2, 6]);
    expect(rows.P1.slice(0, 2)).toEqual([2, 6]);
  });

  it('take SNET and FNLT constraints for all their children', () => {
    // S SNET 3: both children start >= 3. S FNLT 5 on T: its child (4 days) must finish by 5 → LS 1.
    const { rows } = table({
      tasks: [
        task('S', 0, { constraint: { type: 'SNET', offset: 3 } }),
        task('a', 2, { parentId: 'S' }),
        task('b', 1, { parentId: 'S' }),
        task('T', 0, { constraint: { type: 'FNLT', offset: 5 } }),
        task('c', 4, { parentId: 'T' }),
        task('long', 9),
      ],
    });
    expect(rows.a.slice(0, 2)).toEqual([3, 5]);
    expect(rows.b.slice(0, 2)).toEqual([3, 4]);
    expect(rows.S.slice(0, 2)).toEqual([3, 5]);
    expect(rows.c).toEqual([0, 4, 1, 5, 1, 1]);
  });
});

describe('cycles', () => {
  it('name the tasks of one cycle in order, and the links on it', () => {
    // D → A → B → C → A: the cycle is A, B, C (D only feeds it).
    const deps = [link('D', 'A'), link('C', 'A'), link('A', 'B'), link('B', 'C')];
    const err = catchError(() => computeSchedule({ tasks: [task('C', 1), task('B', 1), task('A', 1), task('D', 1)], dependencies: deps }));
    expect(err).toBeInstanceOf(ScheduleCycleError);
    const cycle = err as ScheduleCycleError;
    expect(cycle.taskIds).toEqual(['A', 'B', 'C']);
    expect(cycle.dependencyIndexes).toEqual([2, 3, 1]);
    expect(cycle.message).toBe('The dependencies form a cycle: A → B → C → A.');
  });

  it('two tasks linked both ways by different link types', () => {
    const err = catchError(() => computeSchedule({ tasks: [task('P', 1), task('Q', 1)], dependencies: [link('P', 'Q', 'SS'), link('Q', 'P', 'FF', -3)] }));
    expect((err as ScheduleCycleError).taskIds).toEqual(['P', 'Q']);
  });

  it('through a summary task', () => {
    // A (in S) → X → S: X must wait for S's children, which include A.
    const err = catchError(() =>
      computeSchedule({
        tasks: [task('S', 0), task('A', 1, { parentId: 'S' }), task('X', 1)],
        dependencies: [link('A', 'X'), link('X', 'S')],
      }),
    );
    expect(err).toBeInstanceOf(ScheduleCycleError);
    expect((err as ScheduleCycleError).taskIds).toEqual(['A', 'X', 'S']);
    expect((err as ScheduleCycleError).dependencyIndexes).toEqual([0, 1]);
  });
});

describe('input errors', () => {
  const cases: [string, CpmInput, string, RegExp][] = [
    ['duplicate id', { tasks: [task('A', 1), task('A', 2)] }, 'tasks.1.id', /used twice \(also tasks\.0\)/],
    ['empty id', { tasks: [task('', 1)] }, 'tasks.0.id', /non-empty id/],
    ['negative duration', { tasks: [task('A', -1)] }, 'tasks.0.durationDays', /0 or more; got -1/],
    ['fractional duration', { tasks: [task('A', 1.5)] }, 'tasks.0.durationDays', /whole number/],
    ['unknown predecessor', { tasks: [task('A', 1)], dependencies: [link('Z', 'A')] }, 'dependencies.0.predecessorId', /No task has the id "Z"/],
    ['unknown successor', { tasks: [task('A', 1)], dependencies: [link('A', 'Z')] }, 'dependencies.0.successorId', /No task has the id "Z"/],
    ['self-link', { tasks: [task('A', 1), task('B', 1)], dependencies: [link('A', 'B'), link('B', 'B')] }, 'dependencies.1', /cannot depend on itself \("B"\)/],
    ['bad link type', { tasks: [task('A', 1), task('B', 1)], dependencies: [{ predecessorId: 'A', successorId: 'B', type: 'XX' as LinkType }] }, 'dependencies.0.type', /FS, SS, FF, SF/],
    ['fractional lag', { tasks: [task('A', 1), task('B', 1)], dependencies: [link('A', 'B', 'FS', 0.5)] }, 'dependencies.0.lagDays', /whole number/],
    ['unknown parent', { tasks: [task('A', 1, { parentId: 'P' })] }, 'tasks.0.parentId', /No task has the id "P"/],
    ['own parent', { tasks: [task('A', 1, { parentId: 'A' })] }, 'tasks.0.parentId', /its own parent/],
    ['parent loop', { tasks: [task('A', 1, { parentId: 'B' }), task('B', 1, { parentId: 'A' })] }, 'tasks.0.parentId', /loops back/],
    ['link from a summary to its own subtask', { tasks: [task('S', 0), task('A', 1, { parentId: 'S' })], dependencies: [link('S', 'A')] }, 'dependencies.0', /own subtask/],
    ['link from a subtask to its summary', { tasks: [task('S', 0), task('A', 1, { parentId: 'S' })], dependencies: [link('A', 'S', 'FF')] }, 'dependencies.0', /own subtask/],
    ['constraint without offset', { tasks: [task('A', 1, { constraint: { type: 'SNET' } })] }, 'tasks.0.constraint.offset', /needs a whole-number offset/],
    ['unknown constraint', { tasks: [task('A', 1, { constraint: { type: 'ALAP' as 'ASAP' } })] }, 'tasks.0.constraint.type', /one of ASAP/],
    ['SNLT on a summary', { tasks: [task('S', 0, { constraint: { type: 'SNLT', offset: 1 } }), task('A', 1, { parentId: 'S' })] }, 'tasks.0.constraint.type', /summary task can only take/],
  ];
  it.each(cases)('%s', (_name, input, path, message) => {
    const err = catchError(() => computeSchedule(input));
    expect(err).toBeInstanceOf(ScheduleInputError);
    expect((err as ScheduleInputError).path).toBe(path);
    expect((err as ScheduleInputError).message).toMatch(message);
  });

  it('reject input that is not a list', () => {
    expect(() => computeSchedule({} as CpmInput)).toThrow(ScheduleInputError);
    expect(() => computeSchedule({ tasks: [], dependencies: {} as CpmDependency[] })).toThrow(ScheduleInputError);
  });
});

describe('edges', () => {
  it('an empty plan has duration 0 and no critical path', () => {
    const s = computeSchedule({ tasks: [] });
    expect([s.projectDuration, s.criticalPath]).toEqual([0, []]);
  });

  it('a missing lag is 0 and duplicate links are harmless', () => {
    const { rows } = table({ tasks: [task('A', 2), task('B', 2)], dependencies: [{ predecessorId: 'A', successorId: 'B', type: 'FS' }, link('A', 'B', 'FS', 1)] });
    expect(rows.B).toEqual([3, 5, 3, 5, 0, 0]);
  });

  it('a long chain of 3000 tasks', () => {
    const tasks = Array.from({ length: 3000 }, (_, i) => task(`t-${i}`, 1));
    const dependencies = tasks.slice(1).map((t, i) => link(tasks[i].id, t.id));
    const s = computeSchedule({ tasks, dependencies });
    expect(s.projectDuration).toBe(3000);
    expect(s.indexOf('t-2999')).toBe(2999);
    expect(s.indexOf('nope')).toBe(-1);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
