import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/setup.js';
import { compiledOnce, compiledPerShape } from './compiled.js';

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
  it('builds the query once per database and runs it with each call\'s values, constants kept', async () => {
    let builds = 0;
    const d = database.dialect;
    const byEmail = compiledOnce((db, org: string, email: string) => {
      builds++;
      return db
        .selectFrom('users')
        .select(['users.name', sql<string>`${d}`.as('dialect')])
        .where('users.org_id', '=', org)
        .where('users.email', '=', email)
        .where('users.status', '=', 'active');
    });
    expect(await byEmail(database.db, orgId, 'ada@compiled.test')).toEqual([{ name: 'Ada', dialect: d }]);
    expect(await byEmail(database.db, orgId, 'bob@compiled.test')).toEqual([{ name: 'Bob', dialect: d }]);
    expect(await byEmail(database.db, orgId, 'nobody@compiled.test')).toEqual([]);
    // the constant 'active' stayed a constant: the values moved, not the other parameters
    await database.db.updateTable('users').set({ status: 'disabled' }).where('email', '=', 'bob@compiled.test').execute();
    expect(await byEmail(database.db, orgId, 'bob@compiled.test')).toEqual([]);
    expect(builds).toBe(1);
    // inside a transaction too, built once for it
    await database.db.transaction().execute(async (trx) => {
      expect(await byEmail(trx, orgId, 'ada@compiled.test')).toEqual([{ name: 'Ada', dialect: d }]);
      expect(await byEmail(trx, orgId, 'bob@compiled.test')).toEqual([]);
    });
    expect(builds).toBe(2);
  });

  it('refuses a query that drops one of its values', async () => {
    const q = compiledOnce((db, _org: string, email: string) => db.selectFrom('users').select('users.name').where('users.email', '=', email));
    await expect(q(database.db, orgId, 'ada@compiled.test')).rejects.toThrow(/uses 1 of its 2 texts/);
  });

  it('compiles a query once per shape of its arguments: list lengths, nulls and numbers', async () => {
    const shapes: string[] = [];
    const named = compiledPerShape((db, emails: string[], name: string | null, limit: number) => {
      shapes.push(`${emails.length}:${name === null ? 'any' : 'named'}:${limit}`);
      let q = db.selectFrom('users').select('users.name').where('users.org_id', '=', orgId).where('users.email', 'in', emails);
      if (name !== null) q = q.where('users.name', '=', name);
      return q.orderBy('users.name').limit(limit);
    });
    const names = async (...a: Parameters<typeof named> extends [unknown, ...infer R] ? R : never) => (await named(database.db, ...a)).map((r) => r.name);
    expect(await names(['ada@compiled.test', 'bob@compiled.test'], null, 5)).toEqual(['Ada', 'Bob']);
    expect(await names(['bob@compiled.test', 'ada@compiled.test'], null, 5)).toEqual(['Ada', 'Bob']);
    expect(await names(['ada@compiled.test', 'bob@compiled.test'], 'Bob', 5)).toEqual(['Bob']);
    expect(await names(['ada@compiled.test', 'bob@compiled.test'], 'Ada', 5)).toEqual(['Ada']);
    expect(await names(['bob@compiled.test'], null, 5)).toEqual(['Bob']);
    expect(await names(['ada@compiled.test', 'bob@compiled.test'], null, 1)).toEqual(['Ada']);
    expect(shapes).toEqual(['2:any:5', '2:named:5', '1:any:5', '2:any:1']);
  });
});
