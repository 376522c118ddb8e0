import type { Kysely } from 'kysely';

/**
 * The workload view asks for the assignments whose task overlaps a range of weeks. It finds the
 * tasks by date first — tasks finishing on or after the range's first day, starting on or before
 * its last (both read from the index) — so the cost follows the work planned around the range,
 * not the years of finished work its people have behind them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tasks_org_early_finish').on('tasks').columns(['org_id', 'early_finish', 'early_start']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
