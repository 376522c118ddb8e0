import type { Kysely } from 'kysely';

/**
 * Each task's place on the scheduler's critical path (1, 2, …; null when not on it), so that the
 * plan serves the scheduler's own chain rather than re-deriving one from dates.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('critical_order', 'integer').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
