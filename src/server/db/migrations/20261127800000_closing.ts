import type { Kysely } from 'kysely';

/** The closing tables. */
export async function up(_db: Kysely<any>): Promise<void> {
  // filled in by the closing work
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
