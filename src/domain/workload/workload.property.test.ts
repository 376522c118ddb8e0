import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../schedule/calendar.js';
import { assignmentWork, computeWorkload, spreadAssignment, weekRange, WorkingCalendar, type WorkloadAssignment, type WorkloadPerson } from './workload.js';

const RANGE_START = parseIsoDate('2026-03-02');
const RANGE_WEEKS = 12;

/** A calendar: some weekdays (at least one) and a few holidays and make-up days around the range. */
const calendarArb = fc
  .record({
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    exceptions: fc.uniqueArray(fc.record({ offset: fc.integer({ min: -20, max: 7 * RANGE_WEEKS + 20 }), working: fc.boolean() }), { selector: (e) => e.offset, maxLength: 15 }),
  })
  .map(({ days, exceptions }) => new WorkingCalendar({ workingDays: days, exceptions: exceptions.map((e) => ({ date: formatIsoDate(RANGE_START + e.offset), working: e.working })) }));

const assignmentArb = (people: number, withinRange: boolean) =>
  fc
    .record({
      person: fc.integer({ min: 0, max: people - 1 }),
      startOffset: withinRange ? fc.integer({ min: 0, max: 7 * RANGE_WEEKS - 1 }) : fc.integer({ min: -60, max: 7 * RANGE_WEEKS + 30 }),
      spanDays: fc.integer({ min: 0, max: 40 }),
      durationDays: fc.integer({ min: 0, max: 30 }),
      estimatedHours: fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: null }),
      units: fc.double({ min: 0.1, max: 2, noNaN: true }),
      others: fc.double({ min: 0, max: 3, noNaN: true }),
      hoursPerDay: fc.constantFrom(6, 7.5, 8),
    })
    .map((r): WorkloadAssignment => {
      const last = withinRange ? Math.min(r.startOffset + r.spanDays, 7 * RANGE_WEEKS - 1) : r.startOffset + r.spanDays;
      return {
        personId: `p${r.person}`,
        start: formatIsoDate(RANGE_START + r.startOffset),
        finish: formatIsoDate(RANGE_START + last),
        durationDays: r.durationDays,
        estimatedHours: r.estimatedHours,
        units: r.units,
        totalUnits: r.units + r.others,
        hoursPerDay: r.hoursPerDay,
      };
    });

const scenario = (withinRange: boolean) =>
  fc.integer({ min: 1, max: 5 }).chain((n) =>
    fc.record({
      people: fc.array(fc.record({ calendar: calendarArb, capacity: fc.integer({ min: 0, max: 60 }) }), { minLength: n, maxLength: n }),
      assignments: fc.array(assignmentArb(n, withinRange), { maxLength: 25 }),
    }),
  );

const toPeople = (list: { calendar: WorkingCalendar; capacity: number }[]): WorkloadPerson[] => list.map((p, i) => ({ id: `p${i}`, weeklyCapacityHours: p.capacity, calendar: p.calendar }));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('workload properties', () => {
  it('conserves hours: tasks inside the range put all their work into its weeks, per person', () => {
    fc.assert(
      fc.property(scenario(true), ({ people, assignments }) => {
        const rows = computeWorkload(toPeople(people), assignments, { firstDay: RANGE_START, weeks: RANGE_WEEKS });
        for (let i = 0; i < people.length; i++) {
          const planned = assignments.filter((a) => a.personId === `p${i}`).reduce((s, a) => s + assignmentWork(a), 0);
          const spread = rows.get(`p${i}`)!.reduce((s, w) => s + w.hours, 0);
          expect(close(spread, planned), `p${i}: ${spread} vs ${planned}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is additive over ranges: two adjacent ranges hold what the range over both holds, never negative', () => {
    fc.assert(
      fc.property(scenario(false), fc.integer({ min: 1, max: RANGE_WEEKS - 1 }), ({ people, assignments }, split) => {
        const ps = toPeople(people);
        const whole = computeWorkload(ps, assignments, { firstDay: RANGE_START, weeks: RANGE_WEEKS });
        const head = computeWorkload(ps, assignments, { firstDay: RANGE_START, weeks: split });
        const tail = computeWorkload(ps, assignments, { firstDay: RANGE_START + 7 * split, weeks: RANGE_WEEKS - split });
        for (const p of ps) {
          const joined = [...head.get(p.id)!, ...tail.get(p.id)!];
          whole.get(p.id)!.forEach((w, i) => {
            expect(w.hours).toBeGreaterThanOrEqual(0);
            expect(close(w.hours, joined[i].hours)).toBe(true);
            expect(w.capacityHours).toBe(joined[i].capacityHours);
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never puts more of an assignment into the range than its work, wherever it lies', () => {
    fc.assert(
      fc.property(calendarArb, assignmentArb(1, false), (calendar, a) => {
        const inRange = [...spreadAssignment(a, calendar, weekRange('2026-03-02', RANGE_WEEKS))].reduce((s, h) => s + h, 0);
        expect(inRange).toBeLessThanOrEqual(assignmentWork(a) * (1 + 1e-9) + 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});
