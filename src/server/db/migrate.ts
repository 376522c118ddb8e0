import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Kysely } from 'kysely';
import * as m20261127000000 from './migrations/20261127000000_platform.js';
import * as m20261127100000 from './migrations/20261127100000_delivery_core.js';
import * as m20261127200000 from './migrations/20261127200000_risks.js';
import * as m20261127300000 from './migrations/20261127300000_calendar_feeds.js';
import * as m20261127400000 from './migrations/20261127400000_workload_indexes.js';
import * as m20261127500000 from './migrations/20261127500000_time_cost.js';
import * as m20261127600000 from './migrations/20261127600000_quality.js';
import * as m20261127700000 from './migrations/20261127700000_engagement.js';
import * as m20261127800000 from './migrations/20261127800000_closing.js';
import * as m20261127900000 from './migrations/20261127900000_critical_order.js';
import * as m20261127960000 from './migrations/20261127960000_task_progress.js';
import * as m20261128000000 from './migrations/20261128000000_sales_core.js';
import * as m20261128100000 from './migrations/20261128100000_sales_crm.js';
import * as m20261128200000 from './migrations/20261128200000_sales_deals.js';
import * as m20261128300000 from './migrations/20261128300000_sales_contracts.js';
import * as m20261128400000 from './migrations/20261128400000_sales_insight.js';
import * as m20261128500000 from './migrations/20261128500000_sales_import.js';
import * as m20261128600000 from './migrations/20261128600000_sales_integrity.js';
import * as m20261128700000 from './migrations/20261128700000_sales_board_sums.js';
import * as m20261128800000 from './migrations/20261128800000_sales_closed_index.js';

/** Every migration, by timestamp name. Listed statically so that bundling and tsx both find them. */
const migrations: Record<string, Migration> = {
  '20261127000000_platform': m20261127000000,
  '20261127100000_delivery_core': m20261127100000,
  '20261127200000_risks': m20261127200000,
  '20261127300000_calendar_feeds': m20261127300000,
  '20261127400000_workload_indexes': m20261127400000,
  '20261127500000_time_cost': m20261127500000,
  '20261127600000_quality': m20261127600000,
  '20261127700000_engagement': m20261127700000,
  '20261127800000_closing': m20261127800000,
  '20261127900000_critical_order': m20261127900000,
  '20261127960000_task_progress': m20261127960000,
  '20261128000000_sales_core': m20261128000000,
  '20261128100000_sales_crm': m20261128100000,
  '20261128200000_sales_deals': m20261128200000,
  '20261128300000_sales_contracts': m20261128300000,
  '20261128400000_sales_insight': m20261128400000,
  '20261128500000_sales_import': m20261128500000,
  '20261128600000_sales_integrity': m20261128600000,
  '20261128700000_sales_board_sums': m20261128700000,
  '20261128800000_sales_closed_index': m20261128800000,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

function createMigrator(db: Kysely<any>) {
  return new Migrator({ db, provider: new StaticProvider(), migrationTableName: 'tandem_migrations', migrationLockTableName: 'tandem_migrations_lock' });
}

/** Names of the migrations not yet applied to this database (all of them on an empty one). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  return (await createMigrator(db).getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
