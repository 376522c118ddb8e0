/** Kysely row types of the closing tables (see migrations/*_closing.ts). */
import type { Bool01 } from '../schema.js';

interface Row {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export const LESSON_CATEGORY_VALUES = ['scope', 'schedule', 'cost', 'quality', 'risk', 'team', 'customer', 'technical', 'supplier', 'process', 'other'] as const;
export type LessonCategory = (typeof LESSON_CATEGORY_VALUES)[number];

/** One per project: the customer's final acceptance and the retrospective. */
export interface ProjectClosingTable extends Row {
  project_id: string;
  accepted_by: string;
  accepted_on: string | null;
  acceptance_note: string;
  went_well: string;
  went_badly: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface ClosingChecklistItemTable extends Row {
  project_id: string;
  /** a default item's key; null when the PM added it */
  item_key: string | null;
  label: string;
  position: number;
  done: Bool01;
  done_at: string | null;
  done_by: string | null;
}

export interface LessonTable extends Row {
  project_id: string;
  title: string;
  what_happened: string;
  why: string;
  recommendation: string;
  category: LessonCategory;
  /** JSON array of strings */
  tags: string;
  industry: string;
  created_by: string | null;
}

export interface ClosingTables {
  project_closings: ProjectClosingTable;
  closing_checklist_items: ClosingChecklistItemTable;
  lessons: LessonTable;
}
