import type { z } from 'zod';
import type { ActivityResponse, CreateActivityRequest, ListActivitiesQuery, MyDayResponse, UpdateActivityRequest } from '../../../contracts/crm.js';
import { dayWindows, laterInstant, nextContactDue } from '../../../domain/crm/crm.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, staleVersion } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { can, type Actor } from '../../lib/policy.js';
import { authorizeSales, type SalesRecord } from '../sales/sales.access.js';
import { effectiveCadenceFor, loadAccount, loadContact } from './account.service.js';
import * as repo from './crm.repository.js';
import { loadLead } from './lead.service.js';

export type ParentType = 'account' | 'contact' | 'lead' | 'opportunity';
export interface ParentRef {
  type: ParentType;
  id: string;
}

const MY_DAY_LIMIT = 100;

/** The record an activity hangs on: its most specific link. */
export function parentOf(a: repo.ActivityRow): ParentRef {
  if (a.opportunity_id) return { type: 'opportunity', id: a.opportunity_id };
  if (a.contact_id) return { type: 'contact', id: a.contact_id };
  if (a.lead_id) return { type: 'lead', id: a.lead_id };
  return { type: 'account', id: a.account_id! };
}

/**
 * Authorizes an action on an activity's parent: contacts through their account, opportunities
 * (the core table) as opportunities. Answers the account the activity also counts for (for the
 * contact cadence) and the parent's policy record.
 */
export async function authorizeParent(ctx: Ctx, db: Executor, parent: ParentRef, action: string): Promise<{ record: SalesRecord; accountId: string | null }> {
  switch (parent.type) {
    case 'account': {
      const { record } = await loadAccount(ctx, db, parent.id, action);
      return { record, accountId: parent.id };
    }
    case 'contact': {
      const { contact, record } = await loadContact(ctx, db, parent.id, action);
      return { record, accountId: contact.account_id };
    }
    case 'lead': {
      const { record } = await loadLead(ctx, db, parent.id, action);
      return { record, accountId: null };
    }
    case 'opportunity': {
      const opp = await repo.findOpportunity(db, ctx.actor.orgId, parent.id);
      const record = await authorizeSales(db, ctx.actor, action, opp, 'opportunity', 'Opportunity');
      return { record, accountId: opp!.account_id };
    }
  }
}

export function presentActivity(a: repo.ActivityWithNames, canUpdate: boolean): ActivityResponse {
  const parent = parentOf(a);
  const parentName = { account: a.account_name, contact: a.contact_name, lead: a.lead_name, opportunity: a.opportunity_name }[parent.type];
  return {
    id: a.id,
    kind: a.kind,
    subject: a.subject,
    notes: a.notes,
    ownerId: a.owner_id,
    ownerName: a.owner_name,
    parentType: parent.type,
    parentId: parent.id,
    parentName: parentName ?? null,
    accountId: a.account_id,
    contactId: a.contact_id,
    leadId: a.lead_id,
    opportunityId: a.opportunity_id,
    dueAt: a.due_at,
    doneAt: a.done_at,
    outcome: a.outcome,
    remindAt: a.remind_at,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
    version: a.version,
    abilities: { update: canUpdate },
  };
}

/** Its owner may change an activity, and whoever may change its parent. */
const mayUpdate = (actor: Actor, a: repo.ActivityRow, parent: SalesRecord) => (a.owner_id === actor.id && can(actor, 'read', 'salesRecord', parent)) || can(actor, 'update', 'salesRecord', parent);

const activityAudit = (a: repo.ActivityRow) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...rest } = a;
  return rest;
};

/** A done activity moves its account's last contact, and so when the account is next due. */
async function touchAccount(db: Executor, orgId: string, accountId: string | null, doneAt: string | null) {
  if (!accountId || !doneAt) return;
  const account = await repo.findAccount(db, orgId, accountId);
  if (!account) return;
  const last = laterInstant(account.last_activity_at, doneAt);
  const cadence = await effectiveCadenceFor(db, account.org_id, account.cadence_days === null ? null : Number(account.cadence_days));
  await repo.setAccountContact(db, accountId, last, nextContactDue(last, account.created_at, cadence));
}

export async function createActivity(ctx: Ctx, input: z.infer<typeof CreateActivityRequest>): Promise<ActivityResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const parent: ParentRef = input.opportunityId
    ? { type: 'opportunity', id: input.opportunityId }
    : input.contactId
      ? { type: 'contact', id: input.contactId }
      : input.leadId
        ? { type: 'lead', id: input.leadId }
        : { type: 'account', id: input.accountId! };
  return inTransaction(ctx.db, async (trx) => {
    const { accountId } = await authorizeParent(ctx, trx, parent, 'update');
    const row: repo.ActivityRow = {
      id: uuidv7(now.getTime()),
      org_id: ctx.actor.orgId,
      kind: input.kind,
      subject: input.subject,
      notes: input.notes,
      owner_id: ctx.actor.id,
      // A contact's or an opportunity's activity also shows on (and counts for) its account.
      account_id: accountId,
      contact_id: parent.type === 'contact' ? parent.id : null,
      lead_id: parent.type === 'lead' ? parent.id : null,
      opportunity_id: parent.type === 'opportunity' ? parent.id : null,
      project_id: null,
      due_at: input.dueAt,
      done_at: input.doneAt,
      outcome: input.outcome,
      remind_at: input.remindAt,
      reminded_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertActivity(trx, row);
    await touchAccount(trx, row.org_id, accountId, row.done_at);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'activity', entityId: row.id, changes: diffRecords(null, activityAudit(row)), ip: ctx.ip, at: now });
    return presentActivity((await repo.findActivity(trx, row.org_id, row.id))!, true);
  });
}

async function loadActivity(ctx: Ctx, db: Executor, id: string) {
  const activity = await repo.findActivity(db, ctx.actor.orgId, id);
  if (!activity) throw notFound('Activity');
  const { record, accountId } = await authorizeParent(ctx, db, parentOf(activity), 'read');
  return { activity, record, accountId };
}

export async function updateActivity(ctx: Ctx, id: string, input: z.infer<typeof UpdateActivityRequest>): Promise<ActivityResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { activity: before, record, accountId } = await loadActivity(ctx, trx, id);
    if (!mayUpdate(ctx.actor, before, record)) await authorizeParent(ctx, trx, parentOf(before), 'update');
    if (input.version !== before.version) throw staleVersion(presentActivity(before, true));
    const patch: Partial<repo.ActivityRow> = { updated_at: at };
    const map: [keyof typeof input, keyof repo.ActivityRow][] = [['kind', 'kind'], ['subject', 'subject'], ['notes', 'notes'], ['dueAt', 'due_at'], ['doneAt', 'done_at'], ['outcome', 'outcome'], ['remindAt', 'remind_at']];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    // A new reminder time reminds again.
    if (input.remindAt !== undefined && input.remindAt !== before.remind_at) patch.reminded_at = null;
    const after = await repo.updateActivityIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(presentActivity((await repo.findActivity(trx, ctx.actor.orgId, id))!, true));
    if (!before.done_at && after.done_at) await touchAccount(trx, after.org_id, accountId, after.done_at);
    const changes = diffRecords(activityAudit(before), activityAudit(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'activity', entityId: id, changes, ip: ctx.ip, at: now });
    return presentActivity((await repo.findActivity(trx, ctx.actor.orgId, id))!, true);
  });
}

export async function listActivities(ctx: Ctx, q: z.infer<typeof ListActivitiesQuery>) {
  const [type, parentId, column]: [ParentType, string, repo.ActivityParentColumn] = q.opportunityId
    ? ['opportunity', q.opportunityId, 'opportunity_id']
    : q.contactId
      ? ['contact', q.contactId, 'contact_id']
      : q.leadId
        ? ['lead', q.leadId, 'lead_id']
        : ['account', q.accountId!, 'account_id'];
  const { record } = await authorizeParent(ctx, ctx.db, { type, id: parentId }, 'read');
  const page = await repo.listActivities(ctx.db, ctx.actor, column, parentId, { limit: q.limit, cursor: q.cursor });
  const parentUpdate = can(ctx.actor, 'update', 'salesRecord', record);
  return { items: page.items.map((a) => presentActivity(a, parentUpdate || a.owner_id === ctx.actor.id)), nextCursor: page.nextCursor };
}

/** The signed-in user's follow-ups, in their own day: overdue, due today, the coming week, and done today. */
export async function myDay(ctx: Ctx): Promise<MyDayResponse> {
  const w = dayWindows(ctx.clock.now(), ctx.actor.timeZone || 'UTC');
  const me = ctx.actor.id;
  const [overdue, dueToday, upcoming, doneToday] = await Promise.all([
    repo.openActivitiesDue(ctx.db, me, null, w.startOfToday, MY_DAY_LIMIT),
    repo.openActivitiesDue(ctx.db, me, w.startOfToday, w.startOfTomorrow, MY_DAY_LIMIT),
    repo.openActivitiesDue(ctx.db, me, w.startOfTomorrow, w.endOfWeek, MY_DAY_LIMIT),
    repo.activitiesDoneBetween(ctx.db, me, w.startOfToday, w.startOfTomorrow, MY_DAY_LIMIT),
  ]);
  const present = (a: repo.ActivityWithNames) => presentActivity(a, true);
  return { today: w.today, overdue: overdue.map(present), dueToday: dueToday.map(present), upcoming: upcoming.map(present), doneToday: doneToday.map(present) };
}
