import type { Kysely } from 'kysely';

/** The engagement tables. */
export async function up(_db: Kysely<any>): Promise<void> {
  // filled in by the engagement work
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
