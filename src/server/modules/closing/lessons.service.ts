import type { z } from 'zod';
import type { CreateLessonRequest, LessonResponse, ListLessonsQuery, UpdateLessonRequest } from '../../../contracts/closing.js';
import { rankSuggestedLessons } from '../../../domain/lessons/suggest.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, type Actor } from '../../lib/policy.js';
import { isMember } from '../projects/project.repository.js';
import { loadProject } from '../projects/project.service.js';
import { LESSON_ACTIONS, type LessonRecord } from './closing.policy.js';
import * as repo from './closing.repository.js';

const lessonRecord = (l: repo.LessonWithProject, actorIsMember: boolean): LessonRecord => ({ orgId: l.org_id, managerId: l.manager_id, actorIsMember });

export function presentLesson(actor: Actor, l: repo.LessonWithProject, actorIsMember = false): LessonResponse {
  return {
    id: l.id,
    projectId: l.project_id,
    projectCode: l.project_code,
    projectName: l.project_name,
    title: l.title,
    whatHappened: l.what_happened,
    why: l.why,
    recommendation: l.recommendation,
    category: l.category,
    tags: JSON.parse(l.tags) as string[],
    industry: l.industry,
    createdByName: l.created_by_name,
    createdAt: l.created_at,
    updatedAt: l.updated_at,
    version: l.version,
    abilities: abilitiesFor(actor, 'lesson', lessonRecord(l, actorIsMember), LESSON_ACTIONS),
  };
}

const auditView = (l: repo.LessonRow) => {
  const { id: _i, org_id: _o, created_at: _c, updated_at: _u, version: _v, ...rest } = l as repo.LessonRow & Partial<Pick<repo.LessonWithProject, 'project_code'>>;
  const { project_code: _pc, project_name: _pn, manager_id: _m, created_by_name: _n, ...clean } = rest as Record<string, unknown>;
  return clean;
};

async function loadLesson(ctx: Ctx, db: Executor, id: string, action: string) {
  const lesson = await repo.findLesson(db, ctx.actor.orgId, id);
  if (!lesson) throw notFound('Lesson');
  const member = await isMember(db, lesson.project_id, ctx.actor.id);
  authorize(ctx.actor, action, 'lesson', lessonRecord(lesson, member), 'Lesson');
  if (action !== 'read') {
    // A closed project's retrospective is kept as it was (closing required it).
    const project = await db.selectFrom('projects').select('status').where('id', '=', lesson.project_id).executeTakeFirst();
    if (project?.status === 'closed') throw ruleViolated('This project is closed: its retrospective is kept as it was.');
  }
  return { lesson, member };
}

export async function getLesson(ctx: Ctx, id: string) {
  const { lesson, member } = await loadLesson(ctx, ctx.db, id, 'read');
  return presentLesson(ctx.actor, lesson, member);
}

/** The organisation's library: search words, tag, industry, category; newest first, keyset-paginated. */
export async function listLessons(ctx: Ctx, q: z.infer<typeof ListLessonsQuery>) {
  authorize(ctx.actor, 'list', 'lesson');
  // Filtering by project is for those who may read the project (else it would tell that it exists).
  if (q.projectId) await loadProject(ctx, ctx.db, q.projectId, 'read');
  const page = await repo.listLessons(ctx.db, ctx.actor.orgId, { q: q.q || undefined, tag: q.tag || undefined, industry: q.industry || undefined, category: q.category, projectId: q.projectId }, { limit: q.limit, cursor: q.cursor });
  return { items: page.items.map((l) => presentLesson(ctx.actor, l)), nextCursor: page.nextCursor };
}

export async function lessonFacets(ctx: Ctx) {
  authorize(ctx.actor, 'list', 'lesson');
  return repo.lessonFacets(ctx.db, ctx.actor.orgId);
}

/** A lesson of the project's retrospective; the industry is copied from the project, tags default to its tags. */
export async function createLesson(ctx: Ctx, projectId: string, input: z.infer<typeof CreateLessonRequest>): Promise<LessonResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project, member } = await loadProject(ctx, trx, projectId, 'manageClosing');
    if (project.status === 'closed') throw ruleViolated('This project is closed: its retrospective is kept as it was.');
    const row: repo.LessonRow = {
      id: uuidv7(now.getTime()), org_id: project.org_id, project_id: projectId, title: input.title, what_happened: input.whatHappened, why: input.why,
      recommendation: input.recommendation, category: input.category, tags: JSON.stringify(input.tags ?? (JSON.parse(project.tags) as string[])), industry: project.industry ?? '',
      created_by: ctx.actor.id, created_at: at, updated_at: at, version: 1,
    };
    await repo.insertLesson(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'lesson', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return presentLesson(ctx.actor, (await repo.findLesson(trx, ctx.actor.orgId, row.id))!, member);
  });
}

export async function updateLesson(ctx: Ctx, id: string, input: z.infer<typeof UpdateLessonRequest>): Promise<LessonResponse> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const { lesson: before, member } = await loadLesson(ctx, trx, id, 'update');
    if (before.version !== input.version) throw staleVersion(presentLesson(ctx.actor, before, member));
    const patch: Partial<repo.LessonRow> = { updated_at: now.toISOString() };
    if (input.title !== undefined) patch.title = input.title;
    if (input.whatHappened !== undefined) patch.what_happened = input.whatHappened;
    if (input.why !== undefined) patch.why = input.why;
    if (input.recommendation !== undefined) patch.recommendation = input.recommendation;
    if (input.category !== undefined) patch.category = input.category;
    if (input.tags !== undefined) patch.tags = JSON.stringify(input.tags);
    const after = await repo.updateLessonIfVersion(trx, id, input.version, patch);
    if (!after) throw staleVersion(presentLesson(ctx.actor, (await repo.findLesson(trx, ctx.actor.orgId, id))!, member));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'lesson', entityId: id, changes, ip: ctx.ip, at: now });
    return presentLesson(ctx.actor, (await repo.findLesson(trx, ctx.actor.orgId, id))!, member);
  });
}

export async function deleteLesson(ctx: Ctx, id: string, version: number) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const { lesson, member } = await loadLesson(ctx, trx, id, 'delete');
    if (lesson.version !== version) throw staleVersion(presentLesson(ctx.actor, lesson, member));
    await repo.deleteLesson(trx, id);
    await recordAudit(trx, { orgId: lesson.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'lesson', entityId: id, changes: diffRecords(auditView(lesson), null), ip: ctx.ip, at: now });
  });
}

/** Lessons of other projects like this one: same industry, shared tags (src/domain/lessons/suggest.ts). */
export async function suggestedLessons(ctx: Ctx, projectId: string) {
  const { project } = await loadProject(ctx, ctx.db, projectId, 'read');
  authorize(ctx.actor, 'list', 'lesson');
  const tags = JSON.parse(project.tags) as string[];
  const candidates = await repo.lessonCandidates(ctx.db, ctx.actor.orgId, projectId, project.industry ?? '', tags);
  const ranked = rankSuggestedLessons(
    { id: project.id, industry: project.industry ?? '', tags },
    candidates.map((l) => ({ ...l, projectId: l.project_id, createdAt: l.created_at, tags: JSON.parse(l.tags) as string[], row: l })),
  );
  return { items: ranked.map((r) => ({ lesson: presentLesson(ctx.actor, r.lesson.row), score: r.score, sameIndustry: r.sameIndustry, sharedTags: r.sharedTags })) };
}
