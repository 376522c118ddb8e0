import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * Count and amount of the deals per (owner, pipeline, stage), kept by the database itself.
 *
 * The board's column totals were a GROUP BY over the owners' deals: cheap for one rep, but a
 * manager of 24 people reads ~9,000 index entries per board at the benchmark's scale, and the
 * cost grows with the deals. Summed ahead per owner, a board reads (owners × stages) rows.
 *
 * Triggers keep the sums, so every writer (the API, imports, seeds, a manual fix in SQL) keeps
 * them right without knowing they exist; the rows are derived data and have no id or version.
 * A row whose deals are all gone stays with zeros.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opportunity_stage_sums')
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('stage_id', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('deals', 'bigint', (c) => c.notNull())
    .addColumn('amount_base', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('opportunity_stage_sums_pk', ['owner_id', 'pipeline_id', 'stage_id'])
    .execute();
  // An executive's board: every owner of one pipeline.
  await db.schema.createIndex('opportunity_stage_sums_pipeline').on('opportunity_stage_sums').columns(['pipeline_id', 'stage_id', 'deals', 'amount_base']).execute();

  const add = (r: 'NEW') => sql.raw(`INSERT INTO opportunity_stage_sums (owner_id, pipeline_id, stage_id, org_id, deals, amount_base)
    VALUES (${r}.owner_id, ${r}.pipeline_id, ${r}.stage_id, ${r}.org_id, 1, ${r}.amount_base)
    ON CONFLICT (owner_id, pipeline_id, stage_id) DO UPDATE SET deals = opportunity_stage_sums.deals + 1, amount_base = opportunity_stage_sums.amount_base + excluded.amount_base;`);
  const remove = (r: 'OLD') => sql.raw(`UPDATE opportunity_stage_sums SET deals = deals - 1, amount_base = amount_base - ${r}.amount_base
    WHERE owner_id = ${r}.owner_id AND pipeline_id = ${r}.pipeline_id AND stage_id = ${r}.stage_id;`);
  const keyChanged = 'OLD.owner_id <> NEW.owner_id OR OLD.pipeline_id <> NEW.pipeline_id OR OLD.stage_id <> NEW.stage_id OR OLD.amount_base <> NEW.amount_base';

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION opportunity_stage_sums_keep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NOT (${sql.raw(keyChanged)}) THEN RETURN NULL; END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN ${remove('OLD')} END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN ${add('NEW')} END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER opportunity_stage_sums_keep AFTER INSERT OR DELETE OR UPDATE OF owner_id, pipeline_id, stage_id, amount_base ON opportunities
      FOR EACH ROW EXECUTE FUNCTION opportunity_stage_sums_keep()`.execute(db);
  } else {
    await sql`CREATE TRIGGER opportunity_stage_sums_insert AFTER INSERT ON opportunities BEGIN ${add('NEW')} END`.execute(db);
    await sql`CREATE TRIGGER opportunity_stage_sums_delete AFTER DELETE ON opportunities BEGIN ${remove('OLD')} END`.execute(db);
    await sql`CREATE TRIGGER opportunity_stage_sums_update AFTER UPDATE OF owner_id, pipeline_id, stage_id, amount_base ON opportunities
      WHEN ${sql.raw(keyChanged)} BEGIN ${remove('OLD')} ${add('NEW')} END`.execute(db);
  }

  await sql`INSERT INTO opportunity_stage_sums (owner_id, pipeline_id, stage_id, org_id, deals, amount_base)
    SELECT owner_id, pipeline_id, stage_id, min(org_id), count(*), coalesce(sum(amount_base), 0) FROM opportunities GROUP BY owner_id, pipeline_id, stage_id`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
