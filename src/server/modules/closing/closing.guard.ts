import { DEFAULT_CLOSING_ITEMS } from '../../../contracts/closing.js';
import { closingGaps, type ClosingGap } from '../../../domain/lessons/suggest.js';
import type { ProjectTable } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { ruleViolated } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import * as repo from './closing.repository.js';

type Project = { id: string; org_id: string; status: ProjectTable['status'] };

/** English labels of the default checklist items (the UI shows them translated by key). */
export const DEFAULT_ITEM_LABELS: Record<(typeof DEFAULT_CLOSING_ITEMS)[number], string> = {
  deliverables_accepted: 'All deliverables accepted',
  final_invoice_issued: 'Final invoice issued',
  resources_released: 'Resources released',
  documents_archived: 'Documents archived',
  contract_closed: 'Contract closed',
};

/**
 * Makes the closing record of a project with the default checklist, once (when the project enters
 * `closing`, or its manager first opens the closing tab). Answers the record, new or existing.
 */
export async function ensureClosing(ctx: Ctx, trx: Executor, project: Project, now: Date) {
  const existing = await repo.findClosing(trx, project.id);
  if (existing) return existing;
  const at = now.toISOString();
  const row: repo.ClosingRow = {
    id: uuidv7(now.getTime()), org_id: project.org_id, project_id: project.id, accepted_by: '', accepted_on: null, acceptance_note: '', went_well: '', went_badly: '',
    closed_at: null, closed_by: null, created_at: at, updated_at: at, version: 1,
  };
  await repo.insertClosing(trx, row);
  const hasItems = (await repo.listItems(trx, project.id)).length > 0;
  if (!hasItems) {
    await repo.insertItems(
      trx,
      DEFAULT_CLOSING_ITEMS.map((key, i) => ({
        id: uuidv7(now.getTime()), org_id: project.org_id, project_id: project.id, item_key: key, label: DEFAULT_ITEM_LABELS[key], position: i + 1, done: 0 as const,
        done_at: null, done_by: null, created_at: at, updated_at: at, version: 1,
      })),
    );
  }
  await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'project_closing', entityId: row.id, changes: diffRecords(null, { project_id: project.id, checklist: hasItems ? 'kept' : DEFAULT_CLOSING_ITEMS.join(',') }), ip: ctx.ip, at: now });
  return (await repo.findClosing(trx, project.id))!;
}

/** What still stops the project from being closed. */
export async function missingForClose(trx: Executor, projectId: string): Promise<ClosingGap[]> {
  const [closing, items, lessons] = await Promise.all([repo.findClosing(trx, projectId), repo.listItems(trx, projectId), repo.countLessons(trx, projectId)]);
  return closingGaps({
    items: items.map((i) => ({ done: i.done === 1 })),
    acceptedBy: closing?.accepted_by ?? '',
    acceptedOn: closing?.accepted_on ?? null,
    wentWell: closing?.went_well ?? '',
    wentBadly: closing?.went_badly ?? '',
    lessons,
  });
}

const GAP_TEXT: Record<ClosingGap, string> = {
  checklist: 'the closing checklist is not complete',
  acceptance: 'the customer\'s final acceptance is not recorded',
  retrospective: 'the retrospective is not written',
  lesson: 'the retrospective has no lesson learned',
};

/**
 * Called by the project update (project.service.ts) in its transaction before a status change:
 * entering `closing` makes the checklist; `closed` needs the checklist done, the final acceptance
 * and a retrospective with at least one lesson (422 naming what is missing), and stamps who closed it.
 */
export async function beforeStatusChange(ctx: Ctx, trx: Executor, project: Project, next: ProjectTable['status']): Promise<void> {
  if (next === project.status) return;
  const now = ctx.clock.now();
  if (next === 'closing') await ensureClosing(ctx, trx, project, now);
  if (next !== 'closed') return;
  const missing = await missingForClose(trx, project.id);
  if (missing.length) throw ruleViolated(`The project cannot be closed yet: ${missing.map((m) => GAP_TEXT[m]).join('; ')}.`, { missing });
  const closing = (await repo.findClosing(trx, project.id))!;
  const stamped = await repo.updateClosingIfVersion(trx, project.id, closing.version, { closed_at: now.toISOString(), closed_by: ctx.actor.id, updated_at: now.toISOString() });
  // Someone changed the closing record meanwhile: the whole change is refused (and rolled back), not half-stamped.
  if (!stamped) throw ruleViolated('The closing record was changed by someone else meanwhile; reload and close again.');
}
