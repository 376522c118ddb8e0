import { sql, type Kysely } from 'kysely';

/**
 * The dashboard's win rate counts won and lost deals per month of the day they closed,
 * `coalesce(won_at, lost_at)`. No index held that day: an executive's dashboard read all 200,000
 * deals of the benchmark's company (~0.5 s). This one holds it, with the status, after the
 * organisation: the twelve months of closed deals are one index range, counted without the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index opportunities_org_closed on opportunities (org_id, (coalesce(won_at, lost_at)), status)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
