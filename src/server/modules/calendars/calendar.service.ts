import type { z } from 'zod';
import type { CalendarResponse, CreateCalendarRequest, UpdateCalendarRequest } from '../../../contracts/calendars.js';
import { inTransaction } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, type Actor } from '../../lib/policy.js';
import * as repo from './calendar.repository.js';
import { CALENDAR_ACTIONS } from './calendar.policy.js';

const record = (c: repo.CalendarRow) => ({ id: c.id, orgId: c.org_id });
const days = (s: string) => s.split(',').filter(Boolean).map(Number);

function present(actor: Actor, c: repo.CalendarRow, exceptions: repo.ExceptionInput[]): CalendarResponse {
  return { id: c.id, name: c.name, workingDays: days(c.working_days), hoursPerDay: c.hours_per_day, isDefault: c.is_default === 1, exceptions, version: c.version, abilities: abilitiesFor(actor, 'calendar', record(c), CALENDAR_ACTIONS) };
}
const auditView = (c: repo.CalendarRow, exceptions: repo.ExceptionInput[]) => ({ name: c.name, working_days: c.working_days, hours_per_day: c.hours_per_day, is_default: c.is_default, exceptions });

export async function listCalendars(ctx: Ctx) {
  authorize(ctx.actor, 'list', 'calendar');
  const rows = await repo.listCalendars(ctx.db, ctx.actor.orgId);
  const ex = await repo.exceptionsOf(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => present(ctx.actor, r, ex.get(r.id) ?? [])) };
}

export async function createCalendar(ctx: Ctx, input: z.infer<typeof CreateCalendarRequest>) {
  authorize(ctx.actor, 'create', 'calendar');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const row: repo.CalendarRow = { id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, name: input.name, working_days: [...input.workingDays].sort().join(','), hours_per_day: input.hoursPerDay, is_default: input.isDefault ? 1 : 0, created_at: at, updated_at: at, version: 1 };
    await repo.insertCalendar(trx, row);
    if (input.isDefault) await repo.clearOtherDefaults(trx, row.org_id, row.id, at);
    await repo.replaceExceptions(trx, row.org_id, row.id, input.exceptions, at);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'calendar', entityId: row.id, changes: diffRecords(null, auditView(row, input.exceptions)), ip: ctx.ip, at: now });
    return present(ctx.actor, row, input.exceptions);
  });
}

export async function updateCalendar(ctx: Ctx, id: string, input: z.infer<typeof UpdateCalendarRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const before = await repo.findCalendar(trx, ctx.actor.orgId, id);
    if (!before) throw notFound('Calendar');
    authorize(ctx.actor, 'update', 'calendar', record(before), 'Calendar');
    const beforeEx = (await repo.exceptionsOf(trx, [id])).get(id) ?? [];
    if (before.version !== input.version) throw staleVersion(present(ctx.actor, before, beforeEx));
    const patch: Partial<repo.CalendarRow> = { updated_at: at };
    if (input.name !== undefined) patch.name = input.name;
    if (input.workingDays !== undefined) patch.working_days = [...input.workingDays].sort().join(',');
    if (input.hoursPerDay !== undefined) patch.hours_per_day = input.hoursPerDay;
    if (input.isDefault !== undefined) patch.is_default = input.isDefault ? 1 : 0;
    const after = await repo.updateCalendarIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(present(ctx.actor, before, beforeEx));
    if (input.isDefault) await repo.clearOtherDefaults(trx, after.org_id, id, at);
    const ex = input.exceptions ?? beforeEx;
    if (input.exceptions) await repo.replaceExceptions(trx, after.org_id, id, input.exceptions, at);
    const changes = diffRecords(auditView(before, beforeEx), auditView(after, ex));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'calendar', entityId: id, changes, ip: ctx.ip, at: now });
    return present(ctx.actor, after, ex);
  });
}

export async function deleteCalendar(ctx: Ctx, id: string, version: number) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const before = await repo.findCalendar(trx, ctx.actor.orgId, id);
    if (!before) throw notFound('Calendar');
    authorize(ctx.actor, 'delete', 'calendar', record(before), 'Calendar');
    if (before.version !== version) throw staleVersion(present(ctx.actor, before, []));
    if (await repo.calendarInUse(trx, id)) throw ruleViolated('People still work on this calendar; give them another one first.');
    await repo.deleteCalendar(trx, id);
    await recordAudit(trx, { orgId: before.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'calendar', entityId: id, changes: diffRecords(auditView(before, []), null), ip: ctx.ip, at: now });
  });
}
