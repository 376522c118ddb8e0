import { z } from 'zod';
import { Id, IsoDate, PageQuery, Version, pageOf } from './common.js';

export const TIMESHEET_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export const EXPENSE_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export const EXPENSE_CATEGORIES = ['travel', 'accommodation', 'meals', 'equipment', 'software', 'subcontract', 'other'] as const;
export const TimesheetStatus = z.enum(TIMESHEET_STATUSES);
export const ExpenseStatus = z.enum(EXPENSE_STATUSES);
export const ExpenseCategory = z.enum(EXPENSE_CATEGORIES);

/** Hours in quarter-hour steps, 0–24 (0 clears the cell). */
export const Hours = z
  .number({ error: 'Hours as a number.' })
  .min(0, 'At least 0 hours.')
  .max(24, 'At most 24 hours.')
  .refine((h) => Number.isInteger(h * 4), 'Hours go in quarter-hour steps (0.25).');

export const WeekQuery = z.object({ weekStart: IsoDate });

export const TimesheetEntryResponse = z.object({
  id: Id,
  userId: Id,
  userName: z.string().optional(),
  projectId: Id,
  taskId: Id,
  taskName: z.string().optional(),
  date: IsoDate,
  hours: z.number(),
  billable: z.boolean(),
  note: z.string(),
  status: TimesheetStatus,
  approvedBy: Id.nullable(),
  approvedAt: z.string().nullable(),
  /** minor units of the project's currency */
  cost: z.number(),
  version: Version,
});

export const TimesheetRow = z.object({
  projectId: Id,
  projectCode: z.string(),
  projectName: z.string(),
  taskId: Id,
  wbs: z.string(),
  taskName: z.string(),
  /** false: the caller logs time on a project they are a member of but is not assigned to this task */
  assigned: z.boolean(),
  entries: z.array(TimesheetEntryResponse),
});

export const TimesheetWeekResponse = z.object({
  weekStart: IsoDate,
  /** the seven dates, Monday to Sunday */
  days: z.array(IsoDate),
  rows: z.array(TimesheetRow),
  dayTotals: z.array(z.number()),
  total: z.number(),
  /** draft: something to submit; submitted/approved/rejected when every entry is; empty when none */
  status: z.enum(['empty', 'draft', 'submitted', 'approved', 'rejected', 'mixed']),
});

export const SaveWeekEntry = z.object({
  taskId: Id,
  date: IsoDate,
  hours: Hours,
  billable: z.boolean().default(true),
  note: z.string().max(2000).default(''),
});
export const SaveWeekRequest = z.object({ weekStart: IsoDate, entries: z.array(SaveWeekEntry).max(500) });
export const SubmitWeekRequest = z.object({ weekStart: IsoDate });

export const ListTimesheetsQuery = PageQuery.extend({ status: TimesheetStatus.optional(), userId: Id.optional() });
export const TimesheetEntryPage = pageOf(TimesheetEntryResponse);
export const DecisionRequest = z.object({ version: Version, reason: z.string().max(2000).optional() });

export const ExpenseResponse = z.object({
  id: Id,
  projectId: Id,
  userId: Id,
  userName: z.string(),
  category: ExpenseCategory,
  amount: z.number().int(),
  currency: z.string(),
  date: IsoDate,
  note: z.string(),
  status: ExpenseStatus,
  approvedBy: Id.nullable(),
  approvedAt: z.string().nullable(),
  version: Version,
});
export const CreateExpenseRequest = z.object({
  category: ExpenseCategory,
  /** minor units */
  amount: z.number().int().positive('More than 0.').max(1e13),
  /** defaults to the project's currency, the only one accepted */
  currency: z.string().length(3).optional(),
  date: IsoDate,
  note: z.string().max(2000).default(''),
});
export const ListExpensesQuery = PageQuery.extend({ status: ExpenseStatus.optional() });
export const ExpensePage = pageOf(ExpenseResponse);

// ---- earned value ----

export const EarnedValueQuery = z.object({ statusDate: IsoDate.optional() });
export const EarnedValuePoint = z.object({
  date: IsoDate,
  pv: z.number(),
  /** known only at the start (0) and at the status date: % complete has no history */
  ev: z.number().nullable(),
  /** null after the status date */
  ac: z.number().nullable(),
});
export const EarnedValueResponse = z.object({
  projectId: Id,
  statusDate: IsoDate,
  currency: z.string(),
  /** where BAC comes from: the latest baseline's total cost, else the project budget */
  bacSource: z.enum(['baseline', 'budget']),
  baselineId: Id.nullable(),
  baselineName: z.string().nullable(),
  bac: z.number(),
  pv: z.number(),
  ev: z.number(),
  ac: z.number(),
  acLabour: z.number(),
  acExpenses: z.number(),
  sv: z.number(),
  cv: z.number(),
  spi: z.number().nullable(),
  cpi: z.number().nullable(),
  eac: z.number().nullable(),
  eacAtypical: z.number(),
  eacCpiSpi: z.number().nullable(),
  etc: z.number().nullable(),
  vac: z.number().nullable(),
  tcpi: z.number().nullable(),
  series: z.array(EarnedValuePoint),
});
export type EarnedValueResponse = z.infer<typeof EarnedValueResponse>;
export type TimesheetWeekResponse = z.infer<typeof TimesheetWeekResponse>;
export type TimesheetEntryResponse = z.infer<typeof TimesheetEntryResponse>;
export type ExpenseResponse = z.infer<typeof ExpenseResponse>;
