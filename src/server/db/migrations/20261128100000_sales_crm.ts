import type { Kysely } from 'kysely';

/** Slot reserved for this sales area's tables (filled by the area's own change). */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
