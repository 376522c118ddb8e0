import { describe, expect, it } from 'vitest';
import { assignmentWork, computeWorkload, rangeBounds, spreadAssignment, weekCapacity, weekRange, weekStarts, WorkingCalendar, type WorkloadAssignment, type WorkloadPerson } from './workload.js';

// 2026-03-02 is a Monday.
const weekdays = new WorkingCalendar();
const person = (id: string, over: Partial<WorkloadPerson> = {}): WorkloadPerson => ({ id, weeklyCapacityHours: 40, calendar: weekdays, ...over });
const task = (over: Partial<WorkloadAssignment> = {}): WorkloadAssignment => ({
  personId: 'ann',
  start: '2026-03-02',
  finish: '2026-03-06',
  durationDays: 5,
  estimatedHours: null,
  units: 1,
  totalUnits: 1,
  hoursPerDay: 8,
  ...over,
});
const hoursOf = (rows: ReturnType<typeof computeWorkload>, id: string) => rows.get(id)!.map((w) => w.hours);

describe('week ranges', () => {
  it('start on the Monday of the week of the given day and list each Monday', () => {
    const r = weekRange('2026-03-05', 3);
    expect(weekStarts(r)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    expect(rangeBounds(r)).toEqual({ first: '2026-03-02', last: '2026-03-22' });
    expect(weekStarts(weekRange('2026-03-08', 1))).toEqual(['2026-03-02']); // a Sunday belongs to the week before
    expect(weekStarts(weekRange('2026-12-30', 2))).toEqual(['2026-12-28', '2027-01-04']);
    expect(() => weekRange('2026-03-02', 0)).toThrow(RangeError);
  });
});

describe('work of an assignment', () => {
  it('is the share of the estimate by units, else duration × hours per day × units', () => {
    expect(assignmentWork(task({ estimatedHours: 30, units: 1, totalUnits: 3 }))).toBe(10);
    expect(assignmentWork(task({ estimatedHours: null, durationDays: 5, units: 0.5, hoursPerDay: 7.5 }))).toBe(18.75);
    expect(assignmentWork(task({ estimatedHours: 12, units: 0, totalUnits: 0 }))).toBe(0);
    expect(assignmentWork(task({ durationDays: 0 }))).toBe(0); // a milestone without an estimate
  });
});

describe('workload', () => {
  it('puts a full-time week-long task at exactly 100 %, not over', () => {
    const rows = computeWorkload([person('ann')], [task()], weekRange('2026-03-02', 2));
    expect(rows.get('ann')).toEqual([
      { weekStart: '2026-03-02', hours: 40, capacityHours: 40, allocation: 1, overAllocated: false },
      { weekStart: '2026-03-09', hours: 0, capacityHours: 40, allocation: 0, overAllocated: false },
    ]);
  });

  it('spreads a task that spans two weeks by its working days in each', () => {
    // Thu 5th – Wed 11th: Thu, Fri | Mon, Tue, Wed — 5 working days, 40 h estimated → 16 h + 24 h.
    const rows = computeWorkload([person('ann')], [task({ start: '2026-03-05', finish: '2026-03-11', estimatedHours: 40 })], weekRange('2026-03-02', 3));
    expect(hoursOf(rows, 'ann')).toEqual([16, 24, 0]);
  });

  it('flags a week over 100 % and sums tasks of several projects', () => {
    const rows = computeWorkload(
      [person('ann'), person('bob')],
      [task(), task({ start: '2026-03-04', finish: '2026-03-05', durationDays: 2, units: 0.5 }), task({ personId: 'bob', units: 0.5 })],
      weekRange('2026-03-02', 1),
    );
    expect(rows.get('ann')![0]).toMatchObject({ hours: 48, allocation: 1.2, overAllocated: true });
    expect(rows.get('bob')![0]).toMatchObject({ hours: 20, allocation: 0.5, overAllocated: false });
  });

  it('shares an estimate between assignees by their units', () => {
    const rows = computeWorkload(
      [person('ann'), person('bob')],
      [task({ estimatedHours: 30, units: 1, totalUnits: 1.5 }), task({ personId: 'bob', estimatedHours: 30, units: 0.5, totalUnits: 1.5 })],
      weekRange('2026-03-02', 1),
    );
    expect(rows.get('ann')![0].hours).toBeCloseTo(20, 10);
    expect(rows.get('bob')![0].hours).toBeCloseTo(10, 10);
  });

  it('lowers a week’s capacity by a holiday and moves the day’s work onto the other days', () => {
    const cal = new WorkingCalendar({ exceptions: [{ date: '2026-03-04', working: false }] });
    // The scheduler gave the task 4 working days, Mon–Fri around the Wednesday holiday: 32 h in a 32 h week.
    const rows = computeWorkload([person('ann', { calendar: cal })], [task({ durationDays: 4 })], weekRange('2026-03-02', 1));
    expect(rows.get('ann')![0]).toEqual({ weekStart: '2026-03-02', hours: 32, capacityHours: 32, allocation: 1, overAllocated: false });
    // The same 5-day, 40 h task for someone whose own calendar has the holiday: 40 h into 32 h.
    const busy = computeWorkload([person('ann', { calendar: cal })], [task({ estimatedHours: 40 })], weekRange('2026-03-02', 1));
    expect(busy.get('ann')![0]).toMatchObject({ hours: 40, capacityHours: 32, allocation: 1.25, overAllocated: true });
  });

  it('spreads across weeks by the person’s working days when a holiday falls inside', () => {
    // Fri 6th – Tue 10th with Mon 9th off: Fri | Tue → half and half.
    const cal = new WorkingCalendar({ exceptions: [{ date: '2026-03-09', working: false }] });
    const rows = computeWorkload([person('ann', { calendar: cal })], [task({ start: '2026-03-06', finish: '2026-03-10', estimatedHours: 10 })], weekRange('2026-03-02', 2));
    expect(hoursOf(rows, 'ann')).toEqual([5, 5]);
    expect(rows.get('ann')![1].capacityHours).toBe(32);
  });

  it('gives a week of holidays no capacity: any work in it is over-allocated', () => {
    const cal = new WorkingCalendar({ exceptions: ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09'].map((date) => ({ date, working: false })) });
    const empty = computeWorkload([person('ann', { calendar: cal })], [], weekRange('2026-10-05', 1));
    expect(empty.get('ann')![0]).toEqual({ weekStart: '2026-10-05', hours: 0, capacityHours: 0, allocation: 0, overAllocated: false });
    // A one-day task the project scheduled on the 7th (its calendar differs): kept, on its calendar day.
    const rows = computeWorkload([person('ann', { calendar: cal })], [task({ start: '2026-10-07', finish: '2026-10-07', durationDays: 1 })], weekRange('2026-10-05', 1));
    expect(rows.get('ann')![0]).toEqual({ weekStart: '2026-10-05', hours: 8, capacityHours: 0, allocation: null, overAllocated: true });
  });

  it('raises capacity for a make-up working day and follows a part-time calendar', () => {
    const makeUp = new WorkingCalendar({ exceptions: [{ date: '2026-03-07', working: true }] });
    expect(weekCapacity(person('ann', { calendar: makeUp }), weekRange('2026-03-02', 1).firstDay)).toBe(48);
    const partTime = new WorkingCalendar({ workingDays: [1, 2, 3] });
    // Mon–Fri task of 5 days (project calendar) for someone who works Mon–Wed: 40 h into 3 days of a 24 h week.
    const rows = computeWorkload([person('ann', { calendar: partTime, weeklyCapacityHours: 24 })], [task()], weekRange('2026-03-02', 1));
    expect(rows.get('ann')![0]).toMatchObject({ hours: 40, capacityHours: 24, overAllocated: true });
    expect(rows.get('ann')![0].allocation).toBeCloseTo(40 / 24, 12);
  });

  it('counts only the part of a task inside the range, and ignores unknown people and empty work', () => {
    const range = weekRange('2026-03-09', 1);
    const rows = computeWorkload(
      [person('ann')],
      [task({ start: '2026-03-05', finish: '2026-03-11', estimatedHours: 40 }), task({ personId: 'ghost' }), task({ start: '2026-04-01', finish: '2026-04-01' }), task({ durationDays: 0, start: '2026-03-10', finish: '2026-03-10' })],
      range,
    );
    expect(hoursOf(rows, 'ann')).toEqual([24]);
    expect(rows.has('ghost')).toBe(false);
  });

  it('returns the hours of one assignment per week of the range', () => {
    const spread = spreadAssignment(task({ start: '2026-02-26', finish: '2026-03-17', durationDays: 14, estimatedHours: 70 }), weekdays, weekRange('2026-03-02', 4));
    // 14 working days at 5 h: Thu 26th, Fri 27th before the range; 5 + 5 + 2 days inside.
    expect([...spread]).toEqual([25, 25, 10, 0]);
  });
});
