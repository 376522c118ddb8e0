import type { Selectable } from 'kysely';
import { compiledOnce } from '../../db/compiled.js';
import type { Executor } from '../../db/transaction.js';
import type { SalesSettingsTable } from '../../db/tables/sales.js';

export type SalesSettingsRow = Selectable<SalesSettingsTable>;

export const DEFAULT_SALES_SETTINGS = { discount_approval_percent: 15, renewal_notice_days: 60, default_cadence_days: 30 } as const;

export function findSalesSettings(db: Executor, orgId: string): Promise<SalesSettingsRow | undefined> {
  return db.selectFrom('sales_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

/** Inserts the organisation's settings row if it has none (concurrent first writes meet the unique index). */
export async function insertSalesSettingsIfMissing(db: Executor, row: SalesSettingsRow): Promise<void> {
  await db.insertInto('sales_settings').values(row).onConflict((oc) => oc.column('org_id').doNothing()).execute();
}

export function updateSalesSettingsIfVersion(db: Executor, orgId: string, version: number, patch: Partial<SalesSettingsRow>) {
  return db.updateTable('sales_settings').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('version', '=', version).returningAll().executeTakeFirst();
}

const currencyOf = compiledOnce((db: Executor, orgId: string) => db.selectFrom('organisations').select('currency').where('id', '=', orgId));

/** The organisation's own currency (the one `amount_base` and `value_base` are in). */
export async function orgCurrency(db: Executor, orgId: string): Promise<string> {
  const [org] = await currencyOf(db, orgId);
  if (!org) throw new Error(`no organisation ${orgId}`);
  return org.currency;
}
