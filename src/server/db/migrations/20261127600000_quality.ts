import type { Kysely } from 'kysely';

/** The quality tables. */
export async function up(_db: Kysely<any>): Promise<void> {
  // filled in by the quality work
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
