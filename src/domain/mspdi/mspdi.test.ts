import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateSchedule } from '../schedule/index.js';
import {
  escapeXml,
  formatDurationMinutes,
  MspdiError,
  MspdiStreamParser,
  parseDurationMinutes,
  parseMspdi,
  parseMspdiPlan,
  toMspdiXml,
  workingTimes,
  type ExportInput,
  type ImportPlan,
} from './index.js';
import { expandException, finishDateOf, startDateOf, workingDayTest } from './plan.js';
import type { MspdiCalendarException } from './types.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/mspdi');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** An MSPDI document around some Tasks (and optionally Calendars). */
const STANDARD = `<CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar></Calendar></Calendars>`;
const doc = (tasks: string, extra = STANDARD) =>
  `<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project"><StartDate>2026-03-02T08:00:00</StartDate><MinutesPerDay>480</MinutesPerDay>${extra}<Tasks>${tasks}</Tasks></Project>`;
const task = (uid: number, fields: string) => `<Task><UID>${uid}</UID><ID>${uid}</ID>${fields}</Task>`;

function refusal(fn: () => unknown): MspdiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MspdiError) return err;
    throw err;
  }
  throw new Error('expected an MspdiError');
}

describe('MSPDI units', () => {
  it('reads PT#H#M#S durations in minutes, negative and fractional ones too', () => {
    expect(parseDurationMinutes('PT8H0M0S')).toBe(480);
    expect(parseDurationMinutes('PT4H30M0S')).toBe(270);
    expect(parseDurationMinutes('PT0H0M30S')).toBe(0.5);
    expect(parseDurationMinutes('-PT8H0M0S')).toBe(-480);
    expect(parseDurationMinutes('PT1.5H')).toBe(90);
    expect(parseDurationMinutes('P1DT2H')).toBe(1440 + 120);
    for (const bad of ['8h', 'PT', 'P', '', 'PTxH']) expect(parseDurationMinutes(bad), bad).toBeNull();
  });
  it('writes durations that read back the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (m) => {
        expect(parseDurationMinutes(formatDurationMinutes(m))).toBe(m === 0 ? 0 : m);
      }),
    );
    expect(formatDurationMinutes(480)).toBe('PT8H0M0S');
  });
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml('R&D <"x"> \u0001ok\uD800')).toBe('R&amp;D &lt;&quot;x&quot;&gt; ok');
    expect(escapeXml('设计 ✓ 😀')).toBe('设计 ✓ 😀');
  });
  it('reads instants as start and finish dates the way Microsoft Project means them', () => {
    const cal = { dayStart: 480, dayEnd: 1020, workingDays: [1, 2, 3, 4, 5], exceptions: [] };
    const isWorking = workingDayTest(cal);
    expect(startDateOf('2026-03-02T08:00:00', cal)).toBe('2026-03-02');
    // A start at the end of a Friday is Monday's start; a finish at Monday 08:00 is Friday's finish.
    expect(startDateOf('2026-03-06T17:00:00', cal, isWorking)).toBe('2026-03-09');
    expect(finishDateOf('2026-03-09T08:00:00', cal, isWorking)).toBe('2026-03-06');
    expect(finishDateOf('2026-03-09T17:00:00', cal, isWorking)).toBe('2026-03-09');
    expect(startDateOf('nonsense', cal)).toBeNull();
  });
});

describe('MSPDI calendar exceptions', () => {
  const ex = (over: Partial<MspdiCalendarException>): MspdiCalendarException => ({
    name: 'x', fromDate: null, toDate: null, working: false, type: null, period: null, occurrences: null, month: null, monthDay: null, daysOfWeek: null, times: [], ...over,
  });
  const dates = (e: MspdiCalendarException) => expandException(e, 1000)?.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

  it('expands a range of days, every nth day, yearly, monthly and weekly recurrences', () => {
    expect(dates(ex({ fromDate: '2026-05-01T00:00:00', toDate: '2026-05-03T23:59:00', type: 1 }))).toEqual(['2026-05-01', '2026-05-02', '2026-05-03']);
    expect(dates(ex({ fromDate: '2026-05-01T00:00:00', toDate: '2026-05-07T23:59:00', type: 7, period: 3 }))).toEqual(['2026-05-01', '2026-05-04', '2026-05-07']);
    expect(dates(ex({ fromDate: '2026-01-01T00:00:00', toDate: '2028-12-31T23:59:00', type: 2, month: 11, monthDay: 25 }))).toEqual(['2026-12-25', '2027-12-25', '2028-12-25']);
    expect(dates(ex({ fromDate: '2026-01-01T00:00:00', toDate: '2026-06-30T23:59:00', type: 4, monthDay: 31, period: 2 }))).toEqual(['2026-01-31', '2026-03-31', '2026-05-31']);
    expect(dates(ex({ fromDate: '2026-01-01T00:00:00', toDate: '2026-05-30T23:59:00', type: 4, monthDay: 31 }))).toEqual(['2026-01-31', '2026-03-31']);
    // Microsoft Project writes a plain range as a daily exception with one occurrence.
    expect(dates(ex({ fromDate: '2026-05-01T00:00:00', toDate: '2026-05-03T23:59:00', type: 1, occurrences: 1 }))).toHaveLength(3);
    // Weekly on Tuesdays and Thursdays (bits 2 and 4), every other week, three occurrences.
    expect(dates(ex({ fromDate: '2026-03-02T00:00:00', toDate: '2026-12-31T00:00:00', type: 6, daysOfWeek: 0b10100, period: 2, occurrences: 3 }))).toEqual(['2026-03-03', '2026-03-05', '2026-03-17']);
    expect(expandException(ex({ fromDate: '2026-01-01T00:00:00', toDate: '2026-12-31T00:00:00', type: 3 }), 1000)).toBeNull();
  });

  it('inherits weekdays and exceptions from the base calendar; the calendar’s own win; old-style exceptions count', () => {
    const { plan, warnings } = parseMspdiPlan(fixture('small-plan.xml'));
    expect(plan.calendar).toMatchObject({ name: 'Project calendar', workingDays: [1, 2, 3, 4, 5], hoursPerDay: 8, dayStart: 480, dayEnd: 1020 });
    const byDate = Object.fromEntries(plan.calendar.exceptions.map((e) => [e.date, e]));
    expect(Object.keys(byDate)).toEqual([
      '2026-01-01', '2026-03-06', '2026-03-07', '2026-04-03', '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
      '2027-01-01', '2028-01-01', '2029-01-01', '2030-01-01',
    ]);
    expect(byDate['2026-03-06']).toEqual({ date: '2026-03-06', name: 'Company day', working: false });
    expect(byDate['2026-03-07']).toEqual({ date: '2026-03-07', name: 'Make-up Saturday', working: true });
    expect(byDate['2027-01-01'].name).toBe('New Year');
    expect(warnings.map((w) => w.code)).not.toContain('calendar_missing');
  });

  it('keeps at most maxExceptions exception days, and says so', () => {
    const cal = `<CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID><Name>Busy</Name><IsBaseCalendar>1</IsBaseCalendar><Exceptions><Exception><TimePeriod><FromDate>2026-01-01T00:00:00</FromDate><ToDate>2026-12-31T23:59:00</ToDate></TimePeriod><Type>1</Type><DayWorking>0</DayWorking></Exception><Exception><TimePeriod><FromDate>2027-01-01T00:00:00</FromDate><ToDate>2027-01-01T23:59:00</ToDate></TimePeriod><DayWorking>0</DayWorking></Exception></Exceptions></Calendar></Calendars>`;
    const { plan, warnings } = parseMspdiPlan(doc(task(1, '<Name>A</Name><Duration>PT8H0M0S</Duration>'), cal), { maxExceptions: 5 });
    expect(plan.calendar.exceptions.map((e) => e.date)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']);
    expect(warnings.map((w) => w.code)).toEqual(['exceptions_truncated']);
  });

  it('uses the calendar’s working day length for durations, and Monday–Friday when there is no calendar', () => {
    const sixHours = `<Calendars><Calendar><UID>1</UID><Name>Short</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>${[2, 3, 4, 5, 6, 7]
      .map((d) => `<WeekDay><DayType>${d}</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>09:00:00</FromTime><ToTime>15:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>`)
      .join('')}<WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay></WeekDays></Calendar></Calendars>`;
    const six = parseMspdiPlan(doc(task(1, '<Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT12H0M0S</Duration>'), `<CalendarUID>1</CalendarUID>${sixHours}`));
    expect(six.plan.calendar).toMatchObject({ workingDays: [1, 2, 3, 4, 5, 6], hoursPerDay: 6, dayStart: 540, dayEnd: 900 });
    expect(six.plan.tasks[0].durationDays).toBe(2);
    const none = parseMspdiPlan(doc(task(1, '<Name>A</Name><Duration>PT8H0M0S</Duration>'), ''));
    expect(none.plan.calendar.workingDays).toEqual([1, 2, 3, 4, 5]);
    expect(none.warnings.map((w) => w.code)).toContain('calendar_missing');
  });
});

describe('MSPDI import: the small plan', () => {
  const parsed = parseMspdiPlan(fixture('small-plan.xml'));
  const { plan } = parsed;
  const t = (name: string) => plan.tasks.find((x) => x.name === name)!;
  const key = (name: string) => t(name).key;

  it('reads the project header', () => {
    expect(plan).toMatchObject({ name: 'Website relaunch', start: '2026-03-02', currency: 'EUR', minutesPerDay: 480 });
  });

  it('maps the outline to parents and sibling positions, leaving out the project summary, blank and inactive tasks', () => {
    expect(plan.tasks.map((x) => [x.name, x.parentKey, x.position, x.level])).toEqual([
      ['Design', null, 0, 1],
      ['Wireframes', '10', 0, 2],
      ['Review & sign-off', '10', 1, 2],
      ['Build', null, 1, 1],
      ['Backend', '20', 0, 2],
      ['Frontend', '20', 1, 2],
      ['Screens', '22', 0, 3],
      ['API docs', '20', 2, 2],
      ['Go live', null, 2, 1],
    ]);
  });

  it('converts durations to working days (rounding what is not whole), milestones, constraints, progress and work', () => {
    expect(t('Wireframes')).toMatchObject({ kind: 'task', durationDays: 2, estimatedHours: 32, percentComplete: 50, actualStart: '2026-03-02', actualFinish: null });
    expect(t('Review & sign-off').durationDays).toBe(1);
    expect(t('Backend').durationDays).toBe(5);
    expect(t('Screens')).toMatchObject({ durationDays: 3, constraintType: 'SNET', constraintDate: '2026-03-09' });
    expect(t('API docs')).toMatchObject({ constraintType: 'ASAP', constraintDate: null });
    expect(t('Go live')).toMatchObject({ kind: 'milestone', durationDays: 0, constraintType: 'FNLT', constraintDate: '2026-03-31' });
  });

  it('converts link types and lags (days, leads, elapsed days), dropping duplicates and links it cannot keep', () => {
    expect(plan.dependencies).toEqual([
      { predecessorKey: key('Wireframes'), successorKey: key('Review & sign-off'), type: 'FS', lagDays: 0 },
      { predecessorKey: key('Wireframes'), successorKey: key('Backend'), type: 'SS', lagDays: 1 },
      { predecessorKey: key('Backend'), successorKey: key('Screens'), type: 'FF', lagDays: -1 },
      { predecessorKey: key('Backend'), successorKey: key('API docs'), type: 'SF', lagDays: 2 },
      { predecessorKey: key('Build'), successorKey: key('Go live'), type: 'FS', lagDays: 0 },
      // 2 elapsed days are 2 × 5/7 working days, rounded.
      { predecessorKey: key('API docs'), successorKey: key('Go live'), type: 'FS', lagDays: 1 },
    ]);
  });

  it('keeps Baseline 0 (dates, duration, work, cost in minor units) and only that', () => {
    expect(t('Wireframes').baseline).toEqual({ start: '2026-03-02', finish: '2026-03-03', durationDays: 2, workHours: 32, cost: 160050 });
    expect(t('Review & sign-off').baseline).toMatchObject({ start: '2026-03-04', finish: '2026-03-04', durationDays: 1 });
    expect(t('Backend').baseline).toBeNull();
  });

  it('lists assignments by resource with lower-cased emails, skipping unassigned placeholders', () => {
    expect(plan.assignments).toEqual([
      { taskKey: '11', resourceUid: '1', resourceName: 'Ada Lovelace', email: 'ada@example.test', units: 1 },
      { taskKey: '21', resourceUid: '2', resourceName: 'Bob Builder', email: null, units: 0.5 },
      { taskKey: '23', resourceUid: '1', resourceName: 'Ada Lovelace', email: 'ada@example.test', units: 0.5 },
    ]);
  });

  it('warns, once per kind and with examples, about everything it changed', () => {
    const byCode = Object.fromEntries(parsed.warnings.map((w) => [w.code, w]));
    expect(Object.keys(byCode).sort()).toEqual(
      ['alap_constraints', 'cross_project_links', 'duplicate_links', 'elapsed_lags', 'inactive_tasks', 'links_to_excluded', 'other_baselines', 'rounded_durations', 'rounded_lags'].sort(),
    );
    expect(byCode.rounded_durations).toMatchObject({ count: 1, examples: ['Review & sign-off (0.5 d → 1 d)'] });
    expect(byCode.inactive_tasks.examples).toEqual(['Old idea']);
    for (const w of parsed.warnings) expect(w.message.length).toBeGreaterThan(10);
  });

  it('schedules like the plan says: working days, holidays and make-up days, every link type', () => {
    const r = scheduleOf(plan);
    expect(r.get('Wireframes')).toMatchObject({ earlyStartDate: '2026-03-02', earlyFinishDate: '2026-03-03' });
    expect(r.get('Backend')).toMatchObject({ earlyStartDate: '2026-03-03', earlyFinishDate: '2026-03-09' }); // the 6th is off, the 7th worked
    expect(r.get('Screens')).toMatchObject({ earlyStartDate: '2026-03-09', earlyFinishDate: '2026-03-11' });
    expect(r.get('API docs')).toMatchObject({ earlyStartDate: '2026-03-03', earlyFinishDate: '2026-03-04' });
    expect(r.get('Go live')).toMatchObject({ earlyStartDate: '2026-03-11', totalFloat: 0 });
  });
});

function scheduleOf(plan: ImportPlan) {
  const res = calculateSchedule(
    {
      start: plan.start,
      calendar: plan.calendar,
      tasks: plan.tasks.map((t) => ({ id: t.key, parentId: t.parentKey, durationDays: t.durationDays, constraint: t.constraintType === 'ASAP' ? null : { type: t.constraintType, date: t.constraintDate } })),
      dependencies: plan.dependencies.map((d) => ({ predecessorId: d.predecessorKey, successorId: d.successorKey, type: d.type, lagDays: d.lagDays })),
    },
    plan.start!,
  );
  const names = new Map(plan.tasks.map((t) => [t.key, t.name]));
  return new Map(res.tasks.map((x) => [names.get(x.id)!, x]));
}

describe('MSPDI import: outline, links and percentages', () => {
  it('takes the parent from OutlineNumber when OutlineLevel is missing, and closes outline gaps', () => {
    const { plan, warnings } = parseMspdiPlan(
      doc(
        task(1, '<Name>A</Name><OutlineNumber>1</OutlineNumber><Duration>PT8H0M0S</Duration>') +
          task(2, '<Name>A.1</Name><OutlineNumber>1.1</OutlineNumber><Duration>PT8H0M0S</Duration>') +
          task(3, '<Name>A.1.1</Name><OutlineNumber>1.1.1</OutlineNumber><Duration>PT8H0M0S</Duration>') +
          task(4, '<Name>B</Name><OutlineNumber>2</OutlineNumber><Duration>PT8H0M0S</Duration>') +
          task(5, '<Name>B.x</Name><OutlineLevel>3</OutlineLevel><Duration>PT8H0M0S</Duration>'),
      ),
    );
    expect(plan.tasks.map((t) => [t.name, t.parentKey, t.level])).toEqual([
      ['A', null, 1],
      ['A.1', '1', 2],
      ['A.1.1', '2', 3],
      ['B', null, 1],
      ['B.x', '4', 2],
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['outline_gap']);
  });

  it('orders tasks by ID, and converts percentage and hour lags', () => {
    const { plan, warnings } = parseMspdiPlan(
      doc(
        task(2, '<Name>B</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>3</Type><LinkLag>50</LinkLag><LagFormat>19</LagFormat></PredecessorLink>') +
          task(1, '<Name>A</Name><OutlineLevel>1</OutlineLevel><Duration>PT32H0M0S</Duration>') +
          task(3, '<Name>C</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration><PredecessorLink><PredecessorUID>2</PredecessorUID><LinkLag>-9600</LinkLag><LagFormat>5</LagFormat></PredecessorLink>'),
      ),
    );
    expect(plan.tasks.map((t) => t.name)).toEqual(['A', 'B', 'C']);
    expect(plan.dependencies).toEqual([
      { predecessorKey: '1', successorKey: '2', type: 'SS', lagDays: 2 }, // 50 % of 4 days
      { predecessorKey: '2', successorKey: '3', type: 'FS', lagDays: -2 }, // −16 hours, the type defaults to FS
    ]);
    expect(warnings.map((w) => w.code)).toEqual(['percent_lags']);
  });

  it('drops links between a summary and its own subtask, and summary constraints that would mean "some child"', () => {
    const { plan, warnings } = parseMspdiPlan(
      doc(
        task(1, '<Name>S</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary><ConstraintType>2</ConstraintType><ConstraintDate>2026-03-10T08:00:00</ConstraintDate>') +
          task(2, '<Name>c</Name><OutlineLevel>2</OutlineLevel><Duration>PT8H0M0S</Duration><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type></PredecessorLink><PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink>'),
      ),
    );
    expect(plan.dependencies).toEqual([]);
    expect(plan.tasks[0]).toMatchObject({ constraintType: 'ASAP' });
    expect(warnings.map((w) => w.code).sort()).toEqual(['self_links', 'summary_constraints_dropped', 'summary_links_dropped']);
  });
});

describe('MSPDI refusals', () => {
  it('refuses what is not XML, a binary .mpp file, XML that is not MSPDI, broken XML and a DOCTYPE', () => {
    expect(refusal(() => parseMspdi('{"tasks": []}')).code).toBe('not_xml');
    expect(refusal(() => parseMspdi('')).code).toBe('not_xml');
    expect(refusal(() => parseMspdi('   \n ')).message).toMatch(/empty/);
    const mpp = new MspdiStreamParser();
    expect(refusal(() => mpp.writeBytes(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).message).toMatch(/\.mpp/);
    expect(refusal(() => parseMspdi(fixture('not-mspdi.xml'))).code).toBe('not_mspdi');
    expect(refusal(() => parseMspdi('<Project><Tasks/></Project>')).code).toBe('not_mspdi');
    const broken = refusal(() => parseMspdi(fixture('broken.xml')));
    expect(broken.code).toBe('malformed');
    expect(broken.message).toMatch(/4:/); // the line of the mismatched tag
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Project xmlns="http://schemas.microsoft.com/project"><Name>&lol2;</Name></Project>';
    expect(refusal(() => parseMspdi(bomb)).code).toBe('malformed');
    expect(refusal(() => parseMspdi('<Project xmlns="http://schemas.microsoft.com/project"><Name>x</Name>')).code).toBe('malformed');
  });

  it('refuses more tasks or bytes than the limits, as soon as it sees them', () => {
    const many = doc(Array.from({ length: 6 }, (_, i) => task(i + 1, `<Name>T${i}</Name><OutlineLevel>1</OutlineLevel>`)).join(''));
    expect(refusal(() => parseMspdi(many, { maxTasks: 4 })).code).toBe('too_many_tasks');
    expect(parseMspdi(many, { maxTasks: 6 }).tasks).toHaveLength(6);
    const p = new MspdiStreamParser({ maxBytes: 100 });
    const bytes = new TextEncoder().encode(many);
    expect(refusal(() => p.writeBytes(bytes)).code).toBe('too_large');
  });

  it('reads UTF-8 split anywhere across chunks, and UTF-16 with a byte order mark', () => {
    const xml = doc(task(1, '<Name>设计评审 ✓</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>'));
    const bytes = new TextEncoder().encode(xml);
    for (const size of [1, 2, 3, 7]) {
      const p = new MspdiStreamParser();
      for (let i = 0; i < bytes.length; i += size) p.writeBytes(bytes.subarray(i, i + size));
      expect(p.finish().tasks[0].name).toBe('设计评审 ✓');
    }
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      utf16[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
      utf16[3 + 2 * i] = xml.charCodeAt(i) >> 8;
    }
    const p = new MspdiStreamParser();
    p.writeBytes(utf16);
    expect(p.finish().tasks[0].name).toBe('设计评审 ✓');
  });

  it('never throws anything but MspdiError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          parseMspdiPlan(s);
        } catch (err) {
          expect(err).toBeInstanceOf(MspdiError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('MSPDI export', () => {
  const input: ExportInput = {
    project: { code: 'WEB-1', name: 'Web <relaunch> & more', start: '2026-03-02', currency: 'CNY', createdAt: '2026-03-01T10:00:00.000Z' },
    calendar: { name: 'China 2026', workingDays: [1, 2, 3, 4, 5], hoursPerDay: 8, exceptions: [{ date: '2026-03-06', name: 'Holiday', working: false }, { date: '2026-03-07', name: 'Make-up day', working: true }] },
    tasks: [
      { id: 'p', parentId: null, position: 0, name: 'Phase 1', kind: 'task', durationDays: 0, constraintType: 'ASAP', constraintDate: null, percentComplete: 0, actualStart: null, actualFinish: null, estimatedHours: null },
      { id: 'a', parentId: 'p', position: 0, name: 'Analyse', kind: 'task', durationDays: 3, constraintType: 'ASAP', constraintDate: null, percentComplete: 100, actualStart: '2026-03-02', actualFinish: '2026-03-04', estimatedHours: 24 },
      { id: 'b', parentId: 'p', position: 1, name: 'Build', kind: 'task', durationDays: 4, constraintType: 'SNET', constraintDate: '2026-03-09', percentComplete: 25, actualStart: null, actualFinish: null, estimatedHours: null },
      { id: 'c', parentId: null, position: 1, name: 'Test', kind: 'task', durationDays: 2, constraintType: 'FNLT', constraintDate: '2026-03-20', percentComplete: 0, actualStart: null, actualFinish: null, estimatedHours: 12.5 },
      { id: 'm', parentId: null, position: 2, name: 'Go live', kind: 'milestone', durationDays: 0, constraintType: 'ASAP', constraintDate: null, percentComplete: 0, actualStart: null, actualFinish: null, estimatedHours: null },
      { id: 'k', parentId: null, position: 3, name: 'Kick-off', kind: 'milestone', durationDays: 0, constraintType: 'ASAP', constraintDate: null, percentComplete: 0, actualStart: null, actualFinish: null, estimatedHours: null },
    ],
    dependencies: [
      { predecessorId: 'a', successorId: 'b', type: 'SS', lagDays: 1 },
      { predecessorId: 'b', successorId: 'c', type: 'FF', lagDays: 2 },
      { predecessorId: 'p', successorId: 'm', type: 'FS', lagDays: 0 },
      { predecessorId: 'c', successorId: 'm', type: 'SF', lagDays: -1 },
    ],
    baseline: [{ taskId: 'a', start: '2026-03-02', finish: '2026-03-04', durationDays: 3, workHours: 24, cost: 720000 }],
    resources: [{ id: 'u1', name: 'Ada', email: 'ada@example.test' }],
    assignments: [{ taskId: 'a', resourceId: 'u1', units: 1 }],
  };
  const xml = toMspdiXml(input);

  it('writes a well-formed MSPDI document with the calendar, the outline, links and the baseline', () => {
    const d = parseMspdi(xml);
    expect(d).toMatchObject({ name: 'WEB-1.xml', title: 'Web <relaunch> & more', startDate: '2026-03-02T08:00:00', calendarUid: '1', minutesPerDay: 480, currencyCode: 'CNY' });
    expect(d.tasks.map((t) => [t.uid, t.outlineNumber, t.outlineLevel, t.name])).toEqual([
      ['0', '0', 0, 'Web <relaunch> & more'],
      ['1', '1', 1, 'Phase 1'],
      ['2', '1.1', 2, 'Analyse'],
      ['3', '1.2', 2, 'Build'],
      ['4', '2', 1, 'Test'],
      ['5', '3', 1, 'Go live'],
      ['6', '4', 1, 'Kick-off'],
    ]);
    const build = d.tasks[3];
    expect(build).toMatchObject({ duration: 1920, constraintType: 4, constraintDate: '2026-03-09T08:00:00', earlyStart: '2026-03-09T08:00:00', earlyFinish: '2026-03-12T17:00:00', percentComplete: 25 });
    expect(build.links).toEqual([{ predecessorUid: '2', type: 'SS', linkLag: 4800, lagFormat: 7, crossProject: false }]);
    // A milestone sits at the end of the working day before its offset; at the start, on the start day.
    expect(d.tasks[5]).toMatchObject({ milestone: true, earlyStart: '2026-03-12T17:00:00' });
    expect(d.tasks[6]).toMatchObject({ milestone: true, earlyStart: '2026-03-02T08:00:00' });
    expect(d.tasks[1]).toMatchObject({ summary: true, start: '2026-03-02T08:00:00', finish: '2026-03-12T17:00:00' });
    expect(d.tasks[2].baselines).toEqual([{ number: 0, start: '2026-03-02T08:00:00', finish: '2026-03-04T17:00:00', duration: 1440, work: 1440, cost: 7200 }]);
    expect(d.calendars[0].exceptions.map((e) => [e.fromDate, e.working])).toEqual([['2026-03-06T00:00:00', false], ['2026-03-07T00:00:00', true]]);
    expect(d.resources).toEqual([{ uid: '1', name: 'Ada', email: 'ada@example.test', isNull: false }]);
    expect(d.assignments).toEqual([{ taskUid: '2', resourceUid: '1', units: 1 }]);
  });

  it('round-trips through the importer: same tasks, hierarchy, links, durations, constraints, dates and calendar', () => {
    const { plan, warnings } = parseMspdiPlan(xml);
    expect(warnings).toEqual([]);
    const uid = (id: string) => String(['p', 'a', 'b', 'c', 'm', 'k'].indexOf(id) + 1);
    expect(plan.tasks.map((t) => ({ key: t.key, name: t.name, parentKey: t.parentKey, position: t.position, kind: t.kind, durationDays: t.parentKey === null && t.key === '1' ? 0 : t.durationDays, constraintType: t.constraintType, constraintDate: t.constraintDate, percentComplete: t.percentComplete, actualStart: t.actualStart, actualFinish: t.actualFinish, estimatedHours: t.estimatedHours }))).toEqual(
      input.tasks.map((t) => ({ key: uid(t.id), name: t.name, parentKey: t.parentId ? uid(t.parentId) : null, position: t.position, kind: t.kind, durationDays: t.durationDays, constraintType: t.constraintType, constraintDate: t.constraintDate, percentComplete: t.percentComplete, actualStart: t.actualStart, actualFinish: t.actualFinish, estimatedHours: t.estimatedHours })),
    );
    expect(plan.dependencies).toEqual(input.dependencies.map((d) => ({ predecessorKey: uid(d.predecessorId), successorKey: uid(d.successorId), type: d.type, lagDays: d.lagDays })));
    expect(plan.calendar).toMatchObject({ name: 'China 2026', workingDays: [1, 2, 3, 4, 5], hoursPerDay: 8, exceptions: input.calendar.exceptions });
    expect(plan.tasks[1].baseline).toEqual({ start: '2026-03-02', finish: '2026-03-04', durationDays: 3, workHours: 24, cost: 720000 });
    expect(plan.assignments).toEqual([{ taskKey: '2', resourceUid: '1', resourceName: 'Ada', email: 'ada@example.test', units: 1 }]);
    // And the schedule of the re-imported plan equals the exported one's.
    const back = scheduleOf(plan);
    const original = calculateSchedule({ start: input.project.start, calendar: input.calendar, tasks: input.tasks.map((t) => ({ id: t.id, parentId: t.parentId, durationDays: t.durationDays, constraint: t.constraintType === 'ASAP' ? null : { type: t.constraintType, date: t.constraintDate } })), dependencies: input.dependencies }, input.project.start);
    for (const r of original.tasks) {
      const name = input.tasks.find((t) => t.id === r.id)!.name;
      const { id: _a, ...mine } = back.get(name)!;
      const { id: _b, ...theirs } = r;
      expect(mine, name).toEqual(theirs);
    }
  });

  it('writes working times for any day length, and streams in chunks', () => {
    expect(workingTimes(8)).toEqual([{ from: 480, to: 720 }, { from: 780, to: 1020 }]);
    expect(workingTimes(4)).toEqual([{ from: 480, to: 720 }]);
    expect(workingTimes(7.5)).toEqual([{ from: 480, to: 720 }, { from: 780, to: 990 }]);
    expect(workingTimes(24)).toEqual([{ from: 0, to: 1440 }]);
    const many: ExportInput = { ...input, baseline: null, dependencies: [], tasks: Array.from({ length: 2500 }, (_, i) => ({ ...input.tasks[3], id: `t${i}`, position: i, name: `Task ${i}` })) };
    const back = parseMspdi(toMspdiXml(many));
    expect(back.tasks).toHaveLength(2501);
  });
});
