import { z } from 'zod';
import { Id, IsoDate } from './common.js';

export const WORKLOAD_MAX_WEEKS = 53;

/** GET /api/v1/workload: people (keyset-paginated by name) × ISO weeks from the week of `from`. */
export const WorkloadQuery = z.object({
  /** Any day of the first week (its Monday starts the range); the caller's current week by default. */
  from: IsoDate.optional(),
  weeks: z.coerce.number().int().min(1).max(WORKLOAD_MAX_WEEKS).default(26),
  /** People of this team and of its sub-teams. */
  teamId: Id.optional(),
  /** Part of a name or email. */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(512).optional(),
});

export const WorkloadWeek = z.object({
  /** The week's Monday. */
  weekStart: IsoDate,
  /** Planned hours in the week, over every project (rounded to 0.01 h). */
  hours: z.number(),
  /** Weekly capacity less the week's holidays (capacity × working days ÷ normal working days). */
  capacityHours: z.number(),
  /** hours ÷ capacityHours (1 = 100 %); null when the week has no capacity at all. */
  allocation: z.number().nullable(),
  /** Over 100 %, or work in a week without capacity. */
  overAllocated: z.boolean(),
});
export type WorkloadWeek = z.infer<typeof WorkloadWeek>;

export const WorkloadPerson = z.object({
  id: Id,
  name: z.string(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  /** Weekly capacity in hours (users.weekly_capacity_hours). */
  capacityHours: z.number(),
  totalHours: z.number(),
  overAllocatedWeeks: z.number().int(),
  weeks: z.array(WorkloadWeek),
});
export type WorkloadPerson = z.infer<typeof WorkloadPerson>;

export const WorkloadResponse = z.object({
  /** Monday of the first week. */
  from: IsoDate,
  weekStarts: z.array(IsoDate),
  items: z.array(WorkloadPerson),
  nextCursor: z.string().nullable(),
});
export type WorkloadResponse = z.infer<typeof WorkloadResponse>;

/** GET /api/v1/workload/cell: the tasks behind one person's week. */
export const WorkloadCellQuery = z.object({
  userId: Id,
  /** Any day of the week. */
  weekStart: IsoDate,
});

export const WorkloadCellItem = z.object({
  /**
   * false for work on projects the caller may not see: summed into one line without project or
   * task, so that the person's total is right without disclosing the other projects.
   */
  visible: z.boolean(),
  projectId: Id.nullable(),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
  taskId: Id.nullable(),
  taskName: z.string().nullable(),
  wbs: z.string().nullable(),
  start: IsoDate.nullable(),
  finish: IsoDate.nullable(),
  units: z.number().nullable(),
  /** This person's whole work on the task (hours). */
  workHours: z.number().nullable(),
  /** Of it, the hours in this week. */
  hours: z.number(),
});
export type WorkloadCellItem = z.infer<typeof WorkloadCellItem>;

export const WorkloadCellResponse = WorkloadWeek.extend({
  userId: Id,
  userName: z.string(),
  items: z.array(WorkloadCellItem),
});
export type WorkloadCellResponse = z.infer<typeof WorkloadCellResponse>;
