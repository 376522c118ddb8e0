import type { Selectable } from 'kysely';
import type { CalendarTable } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { uuidv7 } from '../../lib/ids.js';

export type CalendarRow = Selectable<CalendarTable>;
export interface ExceptionInput {
  date: string;
  name: string;
  working: boolean;
}

export function calendarExistsInOrg(db: Executor, orgId: string, id: string) {
  return db.selectFrom('calendars').select('id').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findCalendar(db: Executor, orgId: string, id: string) {
  return db.selectFrom('calendars').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listCalendars(db: Executor, orgId: string) {
  return db.selectFrom('calendars').selectAll().where('org_id', '=', orgId).orderBy('name').orderBy('id').execute();
}

/** Exceptions of many calendars in one query. */
export async function exceptionsOf(db: Executor, calendarIds: string[]) {
  const map = new Map<string, ExceptionInput[]>(calendarIds.map((id) => [id, []]));
  if (!calendarIds.length) return map;
  const rows = await db.selectFrom('calendar_exceptions').select(['calendar_id', 'date', 'name', 'working']).where('calendar_id', 'in', calendarIds).orderBy('date').execute();
  for (const r of rows) map.get(r.calendar_id)?.push({ date: r.date, name: r.name, working: r.working === 1 });
  return map;
}

export function insertCalendar(db: Executor, row: CalendarRow) {
  return db.insertInto('calendars').values(row).execute();
}

export function updateCalendarIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<CalendarRow>) {
  return db.updateTable('calendars').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function clearOtherDefaults(db: Executor, orgId: string, keepId: string, at: string) {
  return db.updateTable('calendars').set({ is_default: 0, updated_at: at }).where('org_id', '=', orgId).where('id', '!=', keepId).where('is_default', '=', 1).execute();
}

export async function replaceExceptions(db: Executor, orgId: string, calendarId: string, list: ExceptionInput[], at: string) {
  await db.deleteFrom('calendar_exceptions').where('calendar_id', '=', calendarId).execute();
  for (let i = 0; i < list.length; i += 200) {
    await db
      .insertInto('calendar_exceptions')
      .values(list.slice(i, i + 200).map((e) => ({ id: uuidv7(), org_id: orgId, calendar_id: calendarId, date: e.date, name: e.name, working: e.working ? 1 : 0, created_at: at, updated_at: at, version: 1 } as const)))
      .execute();
  }
}

export function calendarInUse(db: Executor, id: string) {
  return db.selectFrom('users').select('id').where('calendar_id', '=', id).limit(1).executeTakeFirst();
}

export function deleteCalendar(db: Executor, id: string) {
  return db.deleteFrom('calendars').where('id', '=', id).execute();
}
