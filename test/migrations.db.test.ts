import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { createTestDatabase } from './setup.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('migrations', () => {
  it('are already applied, and applying again changes nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('give every table id, org_id, created_at, updated_at and version (derived tables kept by triggers: org_id)', async () => {
    // Decision 014: sums the database keeps from other rows have no identity or version of their own.
    const DERIVED = ['opportunity_stage_sums'];
    const all = (await database.db.introspection.getTables()).filter((t) => !t.name.startsWith('tandem_migrations'));
    for (const name of DERIVED) expect(all.find((t) => t.name === name)?.columns.map((c) => c.name), name).toContain('org_id');
    const tables = all.filter((t) => !DERIVED.includes(t.name));
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) {
      const cols = t.columns.map((c) => c.name);
      for (const required of ['id', 'org_id', 'created_at', 'updated_at', 'version']) expect(cols, `${t.name}.${required}`).toContain(required);
      const id = t.columns.find((c) => c.name === 'id')!;
      expect(id.isNullable, `${t.name}.id`).toBe(false);
    }
  });
});
