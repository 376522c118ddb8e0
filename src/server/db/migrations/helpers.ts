import type { CreateTableBuilder } from 'kysely';

/** The columns every table has: id, org_id, created_at, updated_at, version. */
export function baseColumns<T extends string>(t: CreateTableBuilder<T, never>, opts: { orgNullable?: boolean } = {}) {
  return t
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('org_id', 'text', (c) => (opts.orgNullable ? c : c.notNull()))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
}

