import { z } from 'zod';
import { Abilities, Id, IsoDate, PageQuery, Version, pageOf } from './common.js';
import { ProjectHealth, ProjectStatus } from './projects.js';

// ---- closing: checklist, final acceptance, retrospective ----

export const DEFAULT_CLOSING_ITEMS = ['deliverables_accepted', 'final_invoice_issued', 'resources_released', 'documents_archived', 'contract_closed'] as const;
export const CLOSING_GAPS = ['checklist', 'acceptance', 'retrospective', 'lesson'] as const;
export const LESSON_CATEGORIES = ['scope', 'schedule', 'cost', 'quality', 'risk', 'team', 'customer', 'technical', 'supplier', 'process', 'other'] as const;
export const LessonCategory = z.enum(LESSON_CATEGORIES);

export const ChecklistItemResponse = z.object({
  id: Id,
  projectId: Id,
  /** a default item's key (translated by the UI); null for one the PM added */
  key: z.string().nullable(),
  label: z.string(),
  position: z.number().int(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  version: Version,
});
export type ChecklistItemResponse = z.infer<typeof ChecklistItemResponse>;

export const LessonResponse = z.object({
  id: Id,
  projectId: Id,
  projectCode: z.string(),
  projectName: z.string(),
  title: z.string(),
  whatHappened: z.string(),
  why: z.string(),
  recommendation: z.string(),
  category: LessonCategory,
  tags: z.array(z.string()),
  industry: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type LessonResponse = z.infer<typeof LessonResponse>;

export const ClosingResponse = z.object({
  projectId: Id,
  projectStatus: ProjectStatus,
  projectVersion: Version,
  checklist: z.array(ChecklistItemResponse),
  acceptedBy: z.string(),
  acceptedOn: IsoDate.nullable(),
  acceptanceNote: z.string(),
  wentWell: z.string(),
  wentBadly: z.string(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  lessons: z.array(LessonResponse),
  /** what still stops the project from being closed; empty when it may be */
  missing: z.array(z.enum(CLOSING_GAPS)),
  /** 0 until acceptance or the retrospective is first saved */
  version: z.number().int().min(0),
  abilities: Abilities,
});
export type ClosingResponse = z.infer<typeof ClosingResponse>;

const text = (max: number) => z.string().max(max);

export const UpdateClosingRequest = z.object({
  /** the version of the closing record you saw (0 when it had none yet) */
  version: z.number().int().min(0),
  acceptedBy: z.string().trim().max(200).optional(),
  acceptedOn: IsoDate.nullable().optional(),
  acceptanceNote: text(5000).optional(),
  wentWell: text(10000).optional(),
  wentBadly: text(10000).optional(),
});

export const CreateChecklistItemRequest = z.object({ label: z.string().trim().min(1).max(300) });
export const UpdateChecklistItemRequest = z.object({ version: Version, label: z.string().trim().min(1).max(300).optional(), done: z.boolean().optional() });

export const CloseProjectRequest = z.object({ version: Version });

const Tags = z.array(z.string().trim().min(1).max(60)).max(20);
const LessonFields = {
  title: z.string().trim().min(1).max(300),
  whatHappened: text(10000),
  why: text(10000),
  recommendation: text(10000),
  category: LessonCategory,
  tags: Tags,
};
export const CreateLessonRequest = z.object({
  ...LessonFields,
  whatHappened: LessonFields.whatHappened.default(''),
  why: LessonFields.why.default(''),
  recommendation: LessonFields.recommendation.default(''),
  category: LessonCategory.default('other'),
  /** defaults to the project's tags */
  tags: Tags.optional(),
});
export const UpdateLessonRequest = z.object(LessonFields).partial().extend({ version: Version });

export const ListLessonsQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(60).optional(),
  industry: z.string().trim().max(200).optional(),
  category: LessonCategory.optional(),
  projectId: Id.optional(),
});
export const LessonPage = pageOf(LessonResponse);

export const SuggestedLessonList = z.object({
  items: z.array(z.object({ lesson: LessonResponse, score: z.number(), sameIndustry: z.boolean(), sharedTags: z.array(z.string()) })),
});

// ---- portfolio ----

export const PortfolioQuery = PageQuery.extend({
  // Each row carries its project's earned value, computed from the whole plan: pages stay small.
  limit: z.coerce.number().int().min(1).max(50).default(50),
  status: ProjectStatus.optional(),
  health: ProjectHealth.optional(),
  managerId: Id.optional(),
  q: z.string().trim().max(200).optional(),
});

export const PortfolioItem = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  status: ProjectStatus,
  health: ProjectHealth,
  managerId: Id,
  managerName: z.string().nullable(),
  industry: z.string().nullable(),
  currency: z.string(),
  percentComplete: z.number(),
  plannedStart: IsoDate,
  plannedFinish: IsoDate.nullable(),
  /** labour + expenses, minor units */
  budget: z.number(),
  /** approved timesheet cost + approved expenses to today, minor units */
  actualCost: z.number(),
  bac: z.number(),
  pv: z.number(),
  ev: z.number(),
  spi: z.number().nullable(),
  cpi: z.number().nullable(),
  nextMilestone: z.object({ id: Id, name: z.string(), date: IsoDate.nullable() }).nullable(),
});
export type PortfolioItem = z.infer<typeof PortfolioItem>;

export const PortfolioPage = pageOf(PortfolioItem).extend({ statusDate: IsoDate });

export const DashboardProject = PortfolioItem.extend({
  overdueTasks: z.number().int(),
  openHighRisks: z.number().int(),
  pendingApprovals: z.number().int(),
});
export type DashboardProject = z.infer<typeof DashboardProject>;

export const DeliveryDashboard = z.object({
  statusDate: IsoDate,
  /** projects the caller manages that are not closed or cancelled (at most 50) */
  projects: z.array(DashboardProject),
  totals: z.object({ overdueTasks: z.number().int(), openHighRisks: z.number().int(), pendingApprovals: z.number().int() }),
});
