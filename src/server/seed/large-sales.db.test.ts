import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/setup.js';
import { seedLargeSales } from './large-sales.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('seedLargeSales', () => {
  it('writes accounts, opportunities with history, and activities, consistent with each other, the same whatever the batch size', async () => {
    const db = database.db;
    const orgs = [(await buildOrg(db)).id, (await buildOrg(db)).id];
    const owners = await Promise.all(orgs.map(async (o) => [(await buildUser(db, o, { roles: ['sales_rep'] })).id, (await buildUser(db, o, { roles: ['sales_rep'] })).id]));
    const a = await seedLargeSales(db, { orgId: orgs[0], ownerIds: owners[0], accounts: 30, opportunities: 120, activities: 300, seed: 7, batchSize: 7 });
    expect(a.rows).toMatchObject({ pipelines: 1, pipeline_stages: 6, accounts: 30, opportunities: 120, opportunity_stage_history: 120, activities: 300 });
    const opps = await db.selectFrom('opportunities').innerJoin('accounts', 'accounts.id', 'opportunities.account_id').innerJoin('pipeline_stages as s', 's.id', 'opportunities.stage_id')
      .select(['opportunities.owner_id', 'accounts.owner_id as account_owner', 'opportunities.status', 's.kind', 'opportunities.amount', 'opportunities.amount_base', 'opportunities.won_at', 'opportunities.lost_reason'])
      .where('opportunities.org_id', '=', orgs[0]).execute();
    expect(opps).toHaveLength(120);
    for (const o of opps) {
      expect(o.owner_id).toBe(o.account_owner);
      expect(o.status).toBe(o.kind);
      expect(Number(o.amount)).toBe(Number(o.amount_base));
      expect(Number(o.amount)).toBeGreaterThan(0);
      expect(o.won_at !== null).toBe(o.status === 'won');
      expect(o.lost_reason !== null).toBe(o.status === 'lost');
    }
    expect(new Set(opps.map((o) => o.status))).toEqual(new Set(['open', 'won', 'lost']));
    const acts = await db.selectFrom('activities').innerJoin('opportunities as o', 'o.id', 'activities.opportunity_id').select(['activities.owner_id', 'o.owner_id as opp_owner', 'activities.account_id', 'o.account_id as opp_account'])
      .where('activities.org_id', '=', orgs[0]).execute();
    expect(acts).toHaveLength(300);
    for (const x of acts) expect([x.owner_id, x.account_id]).toEqual([x.opp_owner, x.opp_account]);

    // The same seed with another batch size, in another database: the same rows.
    const other = await createTestDatabase();
    try {
      const org2 = (await buildOrg(other.db)).id;
      const owners2 = [(await buildUser(other.db, org2, { roles: ['sales_rep'] })).id, (await buildUser(other.db, org2, { roles: ['sales_rep'] })).id];
      await seedLargeSales(other.db, { orgId: org2, ownerIds: owners2, accounts: 30, opportunities: 120, activities: 300, seed: 7, batchSize: 1000 });
      const shape = async (d: typeof db, orgId: string) =>
        (await d.selectFrom('opportunities').select(['id', 'account_id', 'status', 'amount', 'close_date', 'stage_id']).where('org_id', '=', orgId).orderBy('id').execute()).map((r) => `${r.id}:${r.account_id}:${r.stage_id}:${r.status}:${Number(r.amount)}:${r.close_date}`);
      expect(await shape(other.db, org2)).toEqual(await shape(db, orgs[0]));
    } finally {
      await other.drop();
    }
    // Another seed writes other ids, so a second company fits in the same database.
    const c = await seedLargeSales(db, { orgId: orgs[1], ownerIds: owners[1], accounts: 30, opportunities: 120, activities: 300, seed: 8 });
    expect(c.rows.opportunities).toBe(120);
  });
});
