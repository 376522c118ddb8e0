import { describe, expect, it } from 'vitest';
import { calculateSchedule, ScheduleCycleError, ScheduleInputError } from './index.js';
import type { ScheduleRequest, ScheduleRequestDependency, ScheduleRequestTask, ScheduledTask } from './index.js';

/**
 * The calculator: offsets as in cpm.test.ts, plus calendar dates (finish inclusive).
 * March 2026: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9 … ; Fri 27 Feb.
 */

const TODAY = '2026-01-15';
const task = (id: string, durationDays: number, extra: Partial<ScheduleRequestTask> = {}): ScheduleRequestTask => ({ id, durationDays, ...extra });
const fs = (predecessorId: string, successorId: string, lagDays = 0): ScheduleRequestDependency => ({ predecessorId, successorId, type: 'FS', lagDays });

function run(request: ScheduleRequest) {
  const r = calculateSchedule(request, TODAY);
  const by = Object.fromEntries(r.tasks.map((t) => [t.id, t]));
  return { r, by };
}
const dates = (t: ScheduledTask) => [t.earlyStartDate, t.earlyFinishDate, t.lateStartDate, t.lateFinishDate];

describe('calculateSchedule', () => {
  it('answers exactly the documented shape', () => {
    const { r } = run({ tasks: [task('A', 2)], dependencies: [], start: '2026-03-02' });
    expect(r).toEqual({
      projectDuration: 2,
      criticalPath: ['A'],
      tasks: [
        {
          id: 'A',
          earlyStart: 0,
          earlyFinish: 2,
          lateStart: 0,
          lateFinish: 2,
          totalFloat: 0,
          freeFloat: 0,
          critical: true,
          // A 2-day task from Monday 2 March finishes, inclusive, on Tuesday 3 March.
          earlyStartDate: '2026-03-02',
          earlyFinishDate: '2026-03-03',
          lateStartDate: '2026-03-02',
          lateFinishDate: '2026-03-03',
        },
      ],
    });
  });

  it('keeps the input order of tasks and skips weekends', () => {
    // B (5 days) after A (3 days): A Mon 2 – Wed 4; B offsets 3–8: Thu 5 … Wed 11.
    const { r, by } = run({ tasks: [task('B', 5), task('A', 3)], dependencies: [fs('A', 'B')], start: '2026-03-02' });
    expect(r.tasks.map((t) => t.id)).toEqual(['B', 'A']);
    expect(dates(by.A)).toEqual(['2026-03-02', '2026-03-04', '2026-03-02', '2026-03-04']);
    expect(dates(by.B)).toEqual(['2026-03-05', '2026-03-11', '2026-03-05', '2026-03-11']);
  });

  it('starts on today when the request has no start', () => {
    // 15 January 2026 is a Thursday.
    const { by } = run({ tasks: [task('A', 2)] });
    expect(dates(by.A).slice(0, 2)).toEqual(['2026-01-15', '2026-01-16']);
  });

  it('starts on the first working day when the start is not one', () => {
    // Saturday 28 February: offset 0 is Monday 2 March.
    const { by } = run({ tasks: [task('A', 1)], start: '2026-02-28' });
    expect(by.A.earlyStart).toBe(0);
    expect(by.A.earlyStartDate).toBe('2026-03-02');
  });

  it('stretches a task over a holiday inside it', () => {
    // Holiday Wednesday 4 March: 5 working days from Monday are Mon 2, Tue 3, Thu 5, Fri 6, Mon 9.
    const { by } = run({ tasks: [task('A', 5)], start: '2026-03-02', calendar: { exceptions: [{ date: '2026-03-04', working: false }] } });
    expect(dates(by.A)).toEqual(['2026-03-02', '2026-03-09', '2026-03-02', '2026-03-09']);
  });

  it('works a make-up Saturday and honours a custom week', () => {
    // Make-up working Saturday 7 March: 6 days from Monday end on Saturday.
    const a = run({ tasks: [task('A', 6)], start: '2026-03-02', calendar: { exceptions: [{ date: '2026-03-07', working: true, name: 'make-up day' }] } });
    expect(a.by.A.earlyFinishDate).toBe('2026-03-07');
    // A Monday–Saturday week: 6 days from Monday also end on Saturday, 7 on the next Monday.
    const b = run({ tasks: [task('A', 7)], start: '2026-03-02', calendar: { workingDays: [1, 2, 3, 4, 5, 6] } });
    expect(b.by.A.earlyFinishDate).toBe('2026-03-09');
  });

  describe('milestones', () => {
    it('show on the day their predecessor finishes, and on the start day at offset 0', () => {
      // Kickoff at offset 0 shows Monday 2 March. A Mon 2 – Wed 4 (offsets 0–3).
      // Done at offset 3 shows at the end of Wednesday 4 March, as Microsoft Project does.
      const { by } = run({ tasks: [task('Kickoff', 0), task('A', 3), task('Done', 0)], dependencies: [fs('Kickoff', 'A'), fs('A', 'Done')], start: '2026-03-02' });
      expect(dates(by.Kickoff)).toEqual(['2026-03-02', '2026-03-02', '2026-03-02', '2026-03-02']);
      expect(dates(by.A)).toEqual(['2026-03-02', '2026-03-04', '2026-03-02', '2026-03-04']);
      expect([by.Done.earlyStart, by.Done.earlyFinish]).toEqual([3, 3]);
      expect(dates(by.Done)).toEqual(['2026-03-04', '2026-03-04', '2026-03-04', '2026-03-04']);
    });

    it('after a Friday finish show on that Friday, not the next Monday', () => {
      const { by } = run({ tasks: [task('A', 5), task('M', 0)], dependencies: [fs('A', 'M')], start: '2026-03-02' });
      expect(by.M.earlyStartDate).toBe('2026-03-06');
    });
  });

  describe('constraints with dates', () => {
    it('SNET on a Saturday starts the task on Monday', () => {
      const { by } = run({ tasks: [task('A', 2, { constraint: { type: 'SNET', date: '2026-03-07' } })], start: '2026-03-02' });
      expect([by.A.earlyStart, by.A.earlyStartDate]).toEqual([5, '2026-03-09']);
    });

    it('FNLT before the planned finish gives negative float and late dates before the start', () => {
      // A 0–2, B 2–5 (Wed 4 – Fri 6). B FNLT Thursday 5 March: LF = offset 3 + 1 = 4; LS 1.
      // A LF = 1, LS −1: Friday 27 February, before the project start. Float −1 for both.
      const { r, by } = run({
        tasks: [task('A', 2), task('B', 3, { constraint: { type: 'FNLT', date: '2026-03-05' } })],
        dependencies: [fs('A', 'B')],
        start: '2026-03-02',
      });
      expect([by.B.lateStart, by.B.lateFinish, by.B.totalFloat]).toEqual([1, 4, -1]);
      expect(dates(by.B)).toEqual(['2026-03-04', '2026-03-06', '2026-03-03', '2026-03-05']);
      expect([by.A.lateStart, by.A.totalFloat, by.A.critical]).toEqual([-1, -1, true]);
      expect(dates(by.A)).toEqual(['2026-03-02', '2026-03-03', '2026-02-27', '2026-03-02']);
      expect(r.criticalPath).toEqual(['A', 'B']);
    });

    it('FNLT on the finish day leaves zero float; FNET pushes the finish', () => {
      const { by } = run({
        tasks: [task('A', 2, { constraint: { type: 'FNLT', date: '2026-03-03' } }), task('B', 2, { constraint: { type: 'FNET', date: '2026-03-06' } })],
        start: '2026-03-02',
      });
      expect(by.A.totalFloat).toBe(0);
      expect([by.B.earlyStartDate, by.B.earlyFinishDate]).toEqual(['2026-03-05', '2026-03-06']);
    });

    it('MSO and MFO pin a task; SNLT caps its start', () => {
      // Long (10 days) sets the finish. MSO Wed 4 → start offset 2. MFO Fri 6 → finish offset 5.
      // SNLT Tue 3 → LS <= 1.
      const { by } = run({
        tasks: [
          task('Long', 10),
          task('M1', 2, { constraint: { type: 'MSO', date: '2026-03-04' } }),
          task('M2', 2, { constraint: { type: 'MFO', date: '2026-03-06' } }),
          task('S', 2, { constraint: { type: 'SNLT', date: '2026-03-03' } }),
        ],
        start: '2026-03-02',
      });
      expect([by.M1.earlyStart, by.M1.lateStart]).toEqual([2, 2]);
      expect([by.M2.earlyFinish, by.M2.lateFinish, by.M2.earlyFinishDate]).toEqual([5, 5, '2026-03-06']);
      expect([by.S.lateStart, by.S.lateStartDate]).toEqual([1, '2026-03-03']);
    });

    it('on a milestone compare the date the milestone shows', () => {
      // A Mon 2 – Fri 6 (0–5); M after A at offset 5 shows Friday 6 March.
      // FNLT Friday 6: the milestone date is not later, float 0. FNLT Thursday 5: float −1.
      const ok = run({ tasks: [task('A', 5), task('M', 0, { constraint: { type: 'FNLT', date: '2026-03-06' } })], dependencies: [fs('A', 'M')], start: '2026-03-02' });
      expect([ok.by.M.totalFloat, ok.by.M.lateFinishDate]).toEqual([0, '2026-03-06']);
      const late = run({ tasks: [task('A', 5), task('M', 0, { constraint: { type: 'FNLT', date: '2026-03-05' } })], dependencies: [fs('A', 'M')], start: '2026-03-02' });
      expect([late.by.M.totalFloat, late.by.M.lateFinishDate]).toEqual([-1, '2026-03-05']);
      // SNET Wednesday 4: the milestone shows on Wednesday (offset 3); on the start day it stays at 0.
      const snet = run({ tasks: [task('M', 0, { constraint: { type: 'SNET', date: '2026-03-04' } }), task('K', 0, { constraint: { type: 'SNET', date: '2026-03-02' } })], start: '2026-03-02' });
      expect([snet.by.M.earlyStart, snet.by.M.earlyStartDate]).toEqual([3, '2026-03-04']);
      expect([snet.by.K.earlyStart, snet.by.K.earlyStartDate]).toEqual([0, '2026-03-02']);
    });

    it('take an offset instead of a date, but not both or neither', () => {
      const { by } = run({ tasks: [task('A', 1, { constraint: { type: 'SNET', offset: 4 } })], start: '2026-03-02' });
      expect(by.A.earlyStartDate).toBe('2026-03-06');
      expect(() => run({ tasks: [task('A', 1, { constraint: { type: 'SNET', offset: 4, date: '2026-03-03' } })] })).toThrow(
        expect.objectContaining({ path: 'tasks.0.constraint', message: expect.stringMatching(/either a date or an offset/) }),
      );
      expect(() => run({ tasks: [task('A', 1, { constraint: { type: 'FNLT' } })] })).toThrow(expect.objectContaining({ path: 'tasks.0.constraint' }));
      expect(() => run({ tasks: [task('A', 1, { constraint: { type: 'FNLT', date: '2026-02-31' } })] })).toThrow(expect.objectContaining({ path: 'tasks.0.constraint.date' }));
      // ASAP ignores a stray date.
      expect(run({ tasks: [task('A', 1, { constraint: { type: 'ASAP', date: '2026-03-09' } })], start: '2026-03-02' }).by.A.earlyStart).toBe(0);
    });
  });

  it('gives a summary the span of its children’s dates', () => {
    // S{ A (3), M (milestone after A) }, B (2) after S.
    // A Mon 2 – Wed 4; M shows Wed 4; S spans Mon 2 – Wed 4; B Thu 5 – Fri 6.
    const { r, by } = run({
      tasks: [task('S', 0), task('A', 3, { parentId: 'S' }), task('M', 0, { parentId: 'S' }), task('B', 2)],
      dependencies: [fs('A', 'M'), fs('S', 'B')],
      start: '2026-03-02',
    });
    expect([by.S.earlyStart, by.S.earlyFinish]).toEqual([0, 3]);
    expect(dates(by.S)).toEqual(['2026-03-02', '2026-03-04', '2026-03-02', '2026-03-04']);
    expect(dates(by.B)).toEqual(['2026-03-05', '2026-03-06', '2026-03-05', '2026-03-06']);
    expect(r.criticalPath).toEqual(['A', 'M', 'B']);
  });

  it('passes on the engine’s errors', () => {
    expect(() => run({ tasks: [task('A', 1), task('B', 1)], dependencies: [fs('A', 'B'), fs('B', 'A')] })).toThrow(ScheduleCycleError);
    expect(() => run({ tasks: [task('A', -2)] })).toThrow(expect.objectContaining({ path: 'tasks.0.durationDays' }));
    expect(() => run({ tasks: [task('A', 1)], start: '2026-3-2' })).toThrow(expect.objectContaining({ path: 'start' }));
    expect(() => calculateSchedule({ tasks: [task('A', 1)] }, 'today')).toThrow(expect.objectContaining({ path: 'today' }));
    expect(() => run({ tasks: [task('A', 1)], calendar: { workingDays: [] } })).toThrow(expect.objectContaining({ path: 'calendar.workingDays' }));
    expect(() => run({ tasks: 'A' as unknown as ScheduleRequestTask[] })).toThrow(ScheduleInputError);
  });

  it('refuses a schedule that would run past year 9999', () => {
    // 40 tasks of 100,000 working days in a row: about 15,000 years.
    const tasks = Array.from({ length: 40 }, (_, i) => task(`t${i}`, 100_000));
    const dependencies = tasks.slice(1).map((t, i) => fs(tasks[i].id, t.id));
    expect(() => run({ tasks, dependencies, start: '2026-03-02' })).toThrow(expect.objectContaining({ path: 'tasks', message: expect.stringMatching(/outside the years 0000–9999/) }));
  });
});
