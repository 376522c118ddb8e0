import { describe, expect, it } from 'vitest';
import { ScheduleRequest, ScheduleResponse, SCHEDULE_LIMITS } from '../../contracts/schedule.js';
import { calculateSchedule } from './index.js';
import type { ScheduleRequest as DomainRequest } from './index.js';

/** The zod contract of POST /api/v1/calc/schedule (src/contracts/schedule.ts) against the engine. */

function issues(body: unknown) {
  const r = ScheduleRequest.safeParse(body);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('schedule contract', () => {
  const valid = {
    tasks: [
      { id: 'S', durationDays: 0 },
      { id: 'A', durationDays: 3, parentId: 'S' },
      { id: 'B', durationDays: 2, constraint: { type: 'SNET', date: '2026-03-09' } },
    ],
    dependencies: [{ predecessorId: 'S', successorId: 'B', type: 'SS', lagDays: -1 }],
    start: '2026-03-02',
    calendar: { workingDays: [1, 2, 3, 4, 5], exceptions: [{ date: '2026-03-04', working: false, name: 'Holiday' }] },
  };

  it('accepts a request and fills defaults; the engine takes the parsed value and its answer matches the response schema', () => {
    const parsed = ScheduleRequest.parse({ tasks: [{ id: 'A', durationDays: 1 }, { id: 'B', durationDays: 1 }], dependencies: [{ predecessorId: 'A', successorId: 'B', type: 'FS' }] });
    expect(parsed.dependencies[0].lagDays).toBe(0);
    const full = ScheduleRequest.parse(valid);
    const domainRequest: DomainRequest = full; // the inferred type fits the engine's input
    const answer = calculateSchedule(domainRequest, '2026-03-02');
    expect(ScheduleResponse.parse(answer)).toEqual(answer);
  });

  it.each([
    [{ tasks: [{ id: '', durationDays: 1 }] }, 'tasks.0.id', 'A task id must not be empty.'],
    [{ tasks: [{ id: 'x'.repeat(101), durationDays: 1 }] }, 'tasks.0.id', 'A task id has at most 100 characters.'],
    [{ tasks: [{ id: 'A', durationDays: -1 }] }, 'tasks.0.durationDays', 'The duration cannot be negative.'],
    [{ tasks: [{ id: 'A', durationDays: 1.5 }] }, 'tasks.0.durationDays', 'The duration is a whole number of working days.'],
    [{ tasks: [{ id: 'A', durationDays: 100_001 }] }, 'tasks.0.durationDays', 'The duration is at most 100000 working days.'],
    [{ tasks: [{ id: 'A', durationDays: 1 }, { id: 'A', durationDays: 2 }] }, 'tasks.1.id', 'The task id "A" is used twice (also tasks.0).'],
    [{ tasks: [{ id: 'A', durationDays: 1, parentId: 'P' }] }, 'tasks.0.parentId', 'No task has the id "P".'],
    [{ tasks: [{ id: 'A', durationDays: 1, parentId: 'A' }] }, 'tasks.0.parentId', 'A task cannot be its own parent.'],
    [{ tasks: [{ id: 'A', durationDays: 1, constraint: { type: 'SNET' } }] }, 'tasks.0.constraint.date', 'A SNET constraint needs either a date or an offset.'],
    [{ tasks: [{ id: 'A', durationDays: 1, constraint: { type: 'FNLT', date: '2026-03-02', offset: 3 } }] }, 'tasks.0.constraint.date', 'A FNLT constraint needs either a date or an offset.'],
    [{ tasks: [{ id: 'A', durationDays: 1, constraint: { type: 'ASAP', offset: 3 } }] }, 'tasks.0.constraint.offset', 'An ASAP constraint takes no date or offset.'],
    [{ tasks: [{ id: 'A', durationDays: 1, constraint: { type: 'ALAP' } }] }, 'tasks.0.constraint.type', 'The constraint type is one of ASAP, SNET, SNLT, FNET, FNLT, MSO, MFO.'],
    [{ tasks: [{ id: 'A', durationDays: 1 }], dependencies: [{ predecessorId: 'A', successorId: 'Z', type: 'FS' }] }, 'dependencies.0.successorId', 'No task has the id "Z".'],
    [{ tasks: [{ id: 'A', durationDays: 1 }], dependencies: [{ predecessorId: 'A', successorId: 'A', type: 'FS' }] }, 'dependencies.0', 'A task cannot depend on itself.'],
    [{ tasks: [{ id: 'A', durationDays: 1 }, { id: 'B', durationDays: 1 }], dependencies: [{ predecessorId: 'A', successorId: 'B', type: 'XS' }] }, 'dependencies.0.type', 'The link type is one of FS, SS, FF, SF.'],
    [{ tasks: [{ id: 'A', durationDays: 1 }, { id: 'B', durationDays: 1 }], dependencies: [{ predecessorId: 'A', successorId: 'B', type: 'FS', lagDays: 0.5 }] }, 'dependencies.0.lagDays', 'The lag is a whole number of working days.'],
    [{ tasks: [{ id: 'A', durationDays: 1 }, { id: 'B', durationDays: 1 }], dependencies: [{ predecessorId: 'A', successorId: 'B', type: 'FS', lagDays: -10_001 }] }, 'dependencies.0.lagDays', 'The lag is at least -10000 working days.'],
    [{ tasks: [], start: '2026-02-30' }, 'start', undefined],
    [{ tasks: [], calendar: { workingDays: [] } }, 'calendar.workingDays', 'At least one working day.'],
    [{ tasks: [], calendar: { workingDays: [1, 1] } }, 'calendar.workingDays', 'Each weekday once.'],
    [{ tasks: [], calendar: { exceptions: [{ date: '2026-05-01', working: false }, { date: '2026-05-01', working: true }] } }, 'calendar.exceptions', 'Each date once.'],
  ])('rejects %j', (body, path, message) => {
    const found = issues(body);
    expect(found.map((i) => i.path)).toContain(path);
    if (message) expect(found.find((i) => i.path === path)?.message).toBe(message);
  });

  it('limits the sizes', () => {
    expect(SCHEDULE_LIMITS).toMatchObject({ tasks: 200_000, dependencies: 400_000, lagDays: 10_000, durationDays: 100_000, idLength: 100 });
    const tooMany = { tasks: Array.from({ length: SCHEDULE_LIMITS.tasks + 1 }, (_, i) => ({ id: `t${i}`, durationDays: 1 })) };
    expect(issues(tooMany)).toEqual([{ path: 'tasks', message: 'At most 200000 tasks.' }]);
  });

  it('reports at most 100 reference problems', () => {
    const body = { tasks: [{ id: 'A', durationDays: 1 }], dependencies: Array.from({ length: 500 }, () => ({ predecessorId: 'A', successorId: 'nope', type: 'FS' })) };
    expect(issues(body)).toHaveLength(100);
  });
});
