import { z } from 'zod';
import { IsoDate } from './common.js';

/**
 * `POST /api/v1/calc/schedule`: the critical path calculator (src/domain/schedule, semantics in
 * docs/decisions/005-scheduler-semantics.md). The schema checks shapes, limits and references
 * (duplicate ids, unknown ids, self-links), reporting at most MAX_REFERENCE_ISSUES of the latter;
 * the engine itself reports cycles (422) and anything else the schema cannot see.
 */

export const SCHEDULE_LIMITS = {
  tasks: 200_000,
  dependencies: 400_000,
  idLength: 100,
  durationDays: 100_000,
  lagDays: 10_000,
  /** Constraint offsets, in working days either side of the start (about 400 years). */
  constraintOffset: 100_000,
  exceptions: 5_000,
} as const;
const MAX_REFERENCE_ISSUES = 100;

export const SCHEDULE_LINK_TYPES = ['FS', 'SS', 'FF', 'SF'] as const;
export const SCHEDULE_CONSTRAINT_TYPES = ['ASAP', 'SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO'] as const;

const L = SCHEDULE_LIMITS;

export const ScheduleTaskId = z
  .string({ error: 'A task id is a string.' })
  .min(1, 'A task id must not be empty.')
  .max(L.idLength, `A task id has at most ${L.idLength} characters.`);

export const ScheduleConstraint = z
  .object({
    type: z.enum(SCHEDULE_CONSTRAINT_TYPES, { error: `The constraint type is one of ${SCHEDULE_CONSTRAINT_TYPES.join(', ')}.` }),
    /** Start constraints (SNET, SNLT, MSO) name the start day, finish ones (FNET, FNLT, MFO) the last day. */
    date: IsoDate.optional(),
    /** Instead of a date: a start offset, or for finish constraints an exclusive finish offset. */
    offset: z
      .number()
      .int('The constraint offset is a whole number of working days.')
      .min(-L.constraintOffset, `The constraint offset is at least ${-L.constraintOffset}.`)
      .max(L.constraintOffset, `The constraint offset is at most ${L.constraintOffset}.`)
      .optional(),
  })
  .superRefine((c, ctx) => {
    const given = (c.date !== undefined ? 1 : 0) + (c.offset !== undefined ? 1 : 0);
    if (c.type === 'ASAP' && given > 0) ctx.addIssue({ code: 'custom', message: 'An ASAP constraint takes no date or offset.', path: [c.date !== undefined ? 'date' : 'offset'] });
    if (c.type !== 'ASAP' && given !== 1) ctx.addIssue({ code: 'custom', message: `A ${c.type} constraint needs either a date or an offset.`, path: ['date'] });
  });
export type ScheduleConstraint = z.infer<typeof ScheduleConstraint>;

export const ScheduleTaskInput = z.object({
  id: ScheduleTaskId,
  /** Working days; 0 makes a milestone. Ignored for a summary task (one that is some task's parent). */
  durationDays: z
    .number({ error: 'The duration is a number of working days.' })
    .int('The duration is a whole number of working days.')
    .min(0, 'The duration cannot be negative.')
    .max(L.durationDays, `The duration is at most ${L.durationDays} working days.`),
  parentId: ScheduleTaskId.nullish(),
  constraint: ScheduleConstraint.nullish(),
});

export const ScheduleDependencyInput = z.object({
  predecessorId: ScheduleTaskId,
  successorId: ScheduleTaskId,
  type: z.enum(SCHEDULE_LINK_TYPES, { error: 'The link type is one of FS, SS, FF, SF.' }),
  lagDays: z
    .number({ error: 'The lag is a number of working days.' })
    .int('The lag is a whole number of working days.')
    .min(-L.lagDays, `The lag is at least ${-L.lagDays} working days.`)
    .max(L.lagDays, `The lag is at most ${L.lagDays} working days.`)
    .default(0),
});

export const ScheduleCalendarInput = z.object({
  workingDays: z
    .array(z.number().int().min(1, 'Weekdays run from 1 (Monday) to 7 (Sunday).').max(7, 'Weekdays run from 1 (Monday) to 7 (Sunday).'))
    .min(1, 'At least one working day.')
    .refine((d) => new Set(d).size === d.length, 'Each weekday once.')
    .default([1, 2, 3, 4, 5]),
  exceptions: z
    .array(z.object({ date: IsoDate, working: z.boolean(), name: z.string().max(120).optional() }))
    .max(L.exceptions, `At most ${L.exceptions} exceptions.`)
    .refine((x) => new Set(x.map((e) => e.date)).size === x.length, 'Each date once.')
    .default([]),
});

export const ScheduleRequest = z
  .object({
    tasks: z.array(ScheduleTaskInput).max(L.tasks, `At most ${L.tasks} tasks.`),
    dependencies: z.array(ScheduleDependencyInput).max(L.dependencies, `At most ${L.dependencies} dependencies.`).default([]),
    /** Project start; default today. Offset 0 is the first working day on or after it. */
    start: IsoDate.optional(),
    calendar: ScheduleCalendarInput.optional(),
  })
  .superRefine((req, ctx) => {
    let issues = 0;
    const add = (path: (string | number)[], message: string) => {
      if (issues++ < MAX_REFERENCE_ISSUES) ctx.addIssue({ code: 'custom', path, message });
    };
    const seen = new Map<string, number>();
    req.tasks.forEach((t, i) => {
      const first = seen.get(t.id);
      if (first !== undefined) add(['tasks', i, 'id'], `The task id ${JSON.stringify(t.id)} is used twice (also tasks.${first}).`);
      else seen.set(t.id, i);
    });
    req.tasks.forEach((t, i) => {
      if (t.parentId == null) return;
      if (!seen.has(t.parentId)) add(['tasks', i, 'parentId'], `No task has the id ${JSON.stringify(t.parentId)}.`);
      else if (t.parentId === t.id) add(['tasks', i, 'parentId'], 'A task cannot be its own parent.');
    });
    req.dependencies.forEach((d, k) => {
      if (!seen.has(d.predecessorId)) add(['dependencies', k, 'predecessorId'], `No task has the id ${JSON.stringify(d.predecessorId)}.`);
      if (!seen.has(d.successorId)) add(['dependencies', k, 'successorId'], `No task has the id ${JSON.stringify(d.successorId)}.`);
      if (d.predecessorId === d.successorId) add(['dependencies', k], 'A task cannot depend on itself.');
    });
  });
export type ScheduleRequest = z.infer<typeof ScheduleRequest>;
export type ScheduleRequestInput = z.input<typeof ScheduleRequest>;

export const ScheduledTaskResponse = z.object({
  id: z.string(),
  /** Offsets in working days from the project start; finishes exclusive. */
  earlyStart: z.number().int(),
  earlyFinish: z.number().int(),
  lateStart: z.number().int(),
  lateFinish: z.number().int(),
  totalFloat: z.number().int(),
  freeFloat: z.number().int(),
  critical: z.boolean(),
  /** Calendar dates; finishes inclusive; a milestone shows at the end of the working day before its offset. */
  earlyStartDate: IsoDate,
  earlyFinishDate: IsoDate,
  lateStartDate: IsoDate,
  lateFinishDate: IsoDate,
});

export const ScheduleResponse = z.object({
  projectDuration: z.number().int(),
  criticalPath: z.array(z.string()),
  tasks: z.array(ScheduledTaskResponse),
});
export type ScheduleResponse = z.infer<typeof ScheduleResponse>;

/** Details of a 422 when the dependencies loop: one cycle in order, and the links on it. */
export const ScheduleCycleDetails = z.object({
  taskIds: z.array(z.string()),
  dependencyIndexes: z.array(z.number().int()),
});

/** `POST /api/v1/calc/earned-value`: money in any one unit (minor units recommended). */
export const EarnedValueRequest = z.object({
  bac: z.number().finite().min(0),
  pv: z.number().finite().min(0),
  ev: z.number().finite().min(0),
  ac: z.number().finite().min(0),
});
const ratio = z.number().nullable();
export const EarnedValueResponse = z.object({ sv: z.number(), cv: z.number(), spi: ratio, cpi: ratio, eac: ratio, eacAtypical: z.number(), eacCpiSpi: ratio, etc: ratio, vac: ratio, tcpi: ratio });
