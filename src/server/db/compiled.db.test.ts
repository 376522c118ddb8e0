import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/setup.js';
import { compiledOnce } from './compiled.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let orgId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  orgId = (await buildOrg(database.db)).id;
  await buildUser(database.db, orgId, { email: 'ada@compiled.test', name: 'Ada' });
  await buildUser(database.db, orgId, { email: 'bob@compiled.test', name: 'Bob' });
});
afterAll(() => database.drop());

describe('compiledOnce', () => {
  it('builds the query once and runs it with each call\'s values, constants kept', async () => {
    let builds = 0;
    const byEmail = compiledOnce((db, dialect, org: string, email: string) => {
      builds++;
      return db
        .selectFrom('users')
        .select(['users.name', sql<string>`${dialect}`.as('dialect')])
        .where('users.org_id', '=', org)
        .where('users.email', '=', email)
        .where('users.status', '=', 'active');
    });
    const d = database.dialect;
    expect(await byEmail(database.db, d, orgId, 'ada@compiled.test')).toEqual([{ name: 'Ada', dialect: d }]);
    expect(await byEmail(database.db, d, orgId, 'bob@compiled.test')).toEqual([{ name: 'Bob', dialect: d }]);
    expect(await byEmail(database.db, d, orgId, 'nobody@compiled.test')).toEqual([]);
    // the constant 'active' stayed a constant: the values moved, not the other parameters
    await database.db.updateTable('users').set({ status: 'disabled' }).where('email', '=', 'bob@compiled.test').execute();
    expect(await byEmail(database.db, d, orgId, 'bob@compiled.test')).toEqual([]);
    expect(builds).toBe(1);
    // inside a transaction too
    await database.db.transaction().execute(async (trx) => {
      expect(await byEmail(trx, d, orgId, 'ada@compiled.test')).toEqual([{ name: 'Ada', dialect: d }]);
    });
  });

  it('refuses a query that drops one of its values', async () => {
    const q = compiledOnce((db, _dialect, _org: string, email: string) => db.selectFrom('users').select('users.name').where('users.email', '=', email));
    await expect(q(database.db, database.dialect, orgId, 'ada@compiled.test')).rejects.toThrow(/uses 1 of its 2 values/);
  });
});
