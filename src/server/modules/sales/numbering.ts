import type { Executor } from '../../db/transaction.js';
import { uuidv7 } from '../../lib/ids.js';

/**
 * The next number of a series (Q-2026-0007, C-2026-0012), from a counter row bumped inside the
 * caller's transaction: concurrent creations get distinct numbers (the row's lock on PostgreSQL,
 * the single writer on SQLite). A counter starts after the highest number already used that year,
 * so records made before it existed (or by the demo seed) are never numbered again.
 */
export async function nextNumber(db: Executor, orgId: string, kind: 'quote' | 'contract', year: string, highestUsed: () => Promise<string | null>): Promise<string> {
  const prefix = `${kind === 'quote' ? 'Q' : 'C'}-${year}-`;
  const at = new Date().toISOString();
  const bumped = await db
    .updateTable('sales_counters')
    .set((eb) => ({ next_value: eb('next_value', '+', 1), updated_at: at }))
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .where('period', '=', year)
    .returning('next_value')
    .executeTakeFirst();
  let n: number;
  if (bumped) n = Number(bumped.next_value) - 1;
  else {
    const used = await highestUsed();
    const start = used?.startsWith(prefix) ? Number(used.slice(prefix.length)) + 1 || 1 : 1;
    // Two first uses at once: the second meets the unique key and bumps the row the first made.
    const row = await db
      .insertInto('sales_counters')
      .values({ id: uuidv7(), org_id: orgId, kind, period: year, next_value: start + 1, created_at: at, updated_at: at, version: 1 })
      .onConflict((oc) => oc.columns(['org_id', 'kind', 'period']).doUpdateSet((eb) => ({ next_value: eb('sales_counters.next_value', '+', 1) })))
      .returning('next_value')
      .executeTakeFirstOrThrow();
    n = Number(row.next_value) - 1;
  }
  return `${prefix}${String(n).padStart(4, '0')}`;
}
