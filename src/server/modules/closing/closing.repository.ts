import { sql, type Selectable } from 'kysely';
import type { ClosingChecklistItemTable, LessonTable, ProjectClosingTable } from '../../db/tables/closing.js';
import type { Executor } from '../../db/transaction.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';
import { like } from '../../lib/sql.js';

export type ClosingRow = Selectable<ProjectClosingTable>;
export type ChecklistItemRow = Selectable<ClosingChecklistItemTable>;
export type LessonRow = Selectable<LessonTable>;
export type ClosingWithNames = ClosingRow & { closed_by_name: string | null };
export type ItemWithNames = ChecklistItemRow & { done_by_name: string | null };
export type LessonWithProject = LessonRow & { project_code: string; project_name: string; manager_id: string; created_by_name: string | null };

// ---- the closing record and its checklist ----

export function findClosing(db: Executor, projectId: string): Promise<ClosingWithNames | undefined> {
  return db
    .selectFrom('project_closings')
    .leftJoin('users as closer', 'closer.id', 'project_closings.closed_by')
    .selectAll('project_closings')
    .select('closer.name as closed_by_name')
    .where('project_closings.project_id', '=', projectId)
    .executeTakeFirst();
}

export function insertClosing(db: Executor, row: ClosingRow) {
  return db.insertInto('project_closings').values(row).execute();
}

export function updateClosingIfVersion(db: Executor, projectId: string, version: number, patch: Partial<ClosingRow>) {
  return db.updateTable('project_closings').set({ ...patch, version: version + 1 }).where('project_id', '=', projectId).where('version', '=', version).returningAll().executeTakeFirst();
}

export function listItems(db: Executor, projectId: string): Promise<ItemWithNames[]> {
  return db
    .selectFrom('closing_checklist_items')
    .leftJoin('users as doer', 'doer.id', 'closing_checklist_items.done_by')
    .selectAll('closing_checklist_items')
    .select('doer.name as done_by_name')
    .where('closing_checklist_items.project_id', '=', projectId)
    .orderBy('closing_checklist_items.position')
    .orderBy('closing_checklist_items.id')
    .execute();
}

export function findItem(db: Executor, orgId: string, id: string) {
  return db.selectFrom('closing_checklist_items').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function nextItemPosition(db: Executor, projectId: string) {
  const r = await db.selectFrom('closing_checklist_items').select(sql<number | null>`max(position)`.as('p')).where('project_id', '=', projectId).executeTakeFirst();
  return (r?.p === null || r?.p === undefined ? 0 : Number(r.p)) + 1;
}

export function insertItems(db: Executor, rows: ChecklistItemRow[]) {
  return rows.length ? db.insertInto('closing_checklist_items').values(rows).execute() : Promise.resolve();
}

export function updateItemIfVersion(db: Executor, id: string, version: number, patch: Partial<ChecklistItemRow>) {
  return db.updateTable('closing_checklist_items').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function deleteItem(db: Executor, id: string) {
  return db.deleteFrom('closing_checklist_items').where('id', '=', id).execute();
}

// ---- lessons ----

const lessonsWithProject = (db: Executor) =>
  db
    .selectFrom('lessons')
    .innerJoin('projects', 'projects.id', 'lessons.project_id')
    .leftJoin('users as author', 'author.id', 'lessons.created_by')
    .selectAll('lessons')
    .select(['projects.code as project_code', 'projects.name as project_name', 'projects.manager_id as manager_id', 'author.name as created_by_name']);

export function findLesson(db: Executor, orgId: string, id: string): Promise<LessonWithProject | undefined> {
  return lessonsWithProject(db).where('lessons.org_id', '=', orgId).where('lessons.id', '=', id).executeTakeFirst();
}

export function lessonsOfProject(db: Executor, projectId: string): Promise<LessonWithProject[]> {
  return lessonsWithProject(db).where('lessons.project_id', '=', projectId).orderBy('lessons.created_at').orderBy('lessons.id').execute();
}

export async function countLessons(db: Executor, projectId: string) {
  const r = await db.selectFrom('lessons').select(sql<number | string>`count(*)`.as('n')).where('project_id', '=', projectId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface LessonFilter {
  q?: string;
  tag?: string;
  industry?: string;
  category?: string;
  projectId?: string;
}

/** The organisation's library, newest first; q matches title, what happened, why and recommendation. */
export function listLessons(db: Executor, orgId: string, f: LessonFilter, page: PageQuery) {
  let q = lessonsWithProject(db).where('lessons.org_id', '=', orgId);
  if (f.q) {
    const text = f.q.toLowerCase();
    q = q.where((eb) =>
      eb.or(['lessons.title', 'lessons.what_happened', 'lessons.why', 'lessons.recommendation'].map((c) => like(eb.fn('lower', [sql.ref(c)]), text, 'contains'))),
    );
  }
  // Tags are a JSON array of strings: match the quoted tag exactly.
  if (f.tag) q = q.where((eb) => like(eb.ref('lessons.tags'), JSON.stringify(f.tag), 'contains'));
  if (f.industry) q = q.where('lessons.industry', '=', f.industry);
  if (f.category) q = q.where('lessons.category', '=', f.category as LessonRow['category']);
  if (f.projectId) q = q.where('lessons.project_id', '=', f.projectId);
  return keysetPage(q, {
    sort: [
      { column: 'lessons.created_at', direction: 'desc' },
      { column: 'lessons.id', direction: 'desc' },
    ],
    page,
    keyOf: (r) => [r.created_at, r.id],
  });
}

/** Candidates for suggestions: lessons of other projects of the organisation with the industry or one of the tags. */
export function lessonCandidates(db: Executor, orgId: string, projectId: string, industry: string, tags: readonly string[], max = 500) {
  return lessonsWithProject(db)
    .where('lessons.org_id', '=', orgId)
    .where('lessons.project_id', '<>', projectId)
    .where((eb) => {
      const ors = tags.map((t) => like(eb.ref('lessons.tags'), JSON.stringify(t), 'contains'));
      if (industry) ors.push(eb('lessons.industry', '=', industry));
      return ors.length ? eb.or(ors) : sql<boolean>`1 = 0`;
    })
    .orderBy('lessons.created_at', 'desc')
    .orderBy('lessons.id', 'desc')
    .limit(max)
    .execute();
}

/** Distinct industries and tags in the library (for its filters). */
export async function lessonFacets(db: Executor, orgId: string) {
  const [industries, tagRows] = await Promise.all([
    db.selectFrom('lessons').select('industry').distinct().where('org_id', '=', orgId).where('industry', '<>', '').orderBy('industry').execute(),
    db.selectFrom('lessons').select('tags').where('org_id', '=', orgId).orderBy('created_at', 'desc').limit(1000).execute(),
  ]);
  const tags = new Set<string>();
  for (const r of tagRows) for (const t of JSON.parse(r.tags) as string[]) tags.add(t);
  return { industries: industries.map((r) => r.industry), tags: [...tags].sort((a, b) => a.localeCompare(b)) };
}

export function insertLesson(db: Executor, row: LessonRow) {
  return db.insertInto('lessons').values(row).execute();
}

export function updateLessonIfVersion(db: Executor, id: string, version: number, patch: Partial<LessonRow>) {
  return db.updateTable('lessons').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function deleteLesson(db: Executor, id: string) {
  return db.deleteFrom('lessons').where('id', '=', id).execute();
}
