import { dayOf, isoOf, workCalendarOf } from './dates.js';
import { finishAfter, resizedDuration, snapDays } from './drag.js';

const cal = workCalendarOf({ workingDays: [1, 2, 3, 4, 5], exceptions: [{ date: '2026-03-06', working: false }] });

describe('dragging bars', () => {
  it('snaps to whole days', () => {
    expect(snapDays(13, 28)).toBe(0);
    expect(snapDays(15, 28)).toBe(1);
    expect(snapDays(-15, 28)).toBe(-1);
    expect(Object.is(snapDays(-3, 28), 0)).toBe(true);
    expect(snapDays(35, 10)).toBe(4);
  });

  it('turns a resize into working days, at least one', () => {
    const mon = dayOf('2026-03-02');
    const wed = dayOf('2026-03-04');
    // Mon–Wed is 3 days; dragging to the next Monday crosses a holiday (Fri) and a weekend.
    expect(resizedDuration(cal, mon, wed, 0)).toBe(3);
    expect(resizedDuration(cal, mon, wed, 5)).toBe(5);
    expect(resizedDuration(cal, mon, wed, -10)).toBe(1);
  });

  it('finds the last day of a number of working days', () => {
    expect(isoOf(finishAfter(cal, dayOf('2026-03-02'), 5))).toBe('2026-03-09');
    expect(isoOf(finishAfter(cal, dayOf('2026-03-02'), 0))).toBe('2026-03-02');
  });
});
