import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_PASSWORD_COST } from '../../../test/setup.js';
import { seedDemo } from './demo.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const NOW = new Date('2026-11-25T09:00:00.000Z');
let a: TestDatabase;
let orgId: string;
let people: Map<string, string>;

beforeAll(async () => {
  a = await createTestDatabase();
  ({ orgId, people } = await seedDemo(a.db, { password: 'demo-sales-test', passwordCost: TEST_PASSWORD_COST, now: NOW }));
});
afterAll(() => a?.drop());

describe('demo sales history', () => {
  it('spans two years of decided deals and half a year of open ones, every one in a stage of the default pipeline', async () => {
    const opps = await a.db.selectFrom('opportunities').innerJoin('pipeline_stages as s', 's.id', 'opportunities.stage_id').select(['opportunities.id', 'close_date', 'status', 's.kind', 'amount_base', 'won_at', 'lost_at', 'lost_reason', 'forecast_category']).execute();
    expect(opps.length).toBeGreaterThan(350);
    for (const o of opps) {
      expect(o.status).toBe(o.kind);
      expect(Number(o.amount_base)).toBeGreaterThan(0);
      if (o.status === 'won') expect([o.won_at !== null, o.forecast_category]).toEqual([true, 'closed']);
      if (o.status === 'lost') expect([o.lost_at !== null, o.lost_reason !== null, o.forecast_category]).toEqual([true, true, 'omitted']);
      if (o.status === 'open') expect(o.close_date >= '2026-11-22').toBe(true);
    }
    const dates = opps.map((o) => o.close_date).sort();
    expect(dates[0]! <= '2024-12-15').toBe(true);
    expect(dates[dates.length - 1]! >= '2027-04-01').toBe(true);
    // The win rate improves over the two years (what the dashboard's trend shows).
    const rate = (from: string, to: string) => {
      const d = opps.filter((o) => o.status !== 'open' && o.close_date >= from && o.close_date < to);
      return d.filter((o) => o.status === 'won').length / d.length;
    };
    expect(rate('2025-07-01', '2026-11-25')).toBeGreaterThan(rate('2024-11-01', '2025-07-01'));
    expect(opps.filter((o) => o.status === 'open' && o.forecast_category === 'commit').length).toBeGreaterThan(3);
  });

  it('keeps each deal’s stage history ending in its current stage, in time order', async () => {
    const opps = await a.db.selectFrom('opportunities').select(['id', 'stage_id']).execute();
    const history = await a.db.selectFrom('opportunity_stage_history').select(['opportunity_id', 'from_stage_id', 'to_stage_id', 'changed_at']).orderBy('opportunity_id').orderBy('changed_at').orderBy('id').execute();
    const byOpp = new Map<string, typeof history>();
    for (const h of history) byOpp.set(h.opportunity_id, [...(byOpp.get(h.opportunity_id) ?? []), h]);
    for (const o of opps) {
      const h = byOpp.get(o.id)!;
      expect(h[0]!.from_stage_id).toBeNull();
      expect(h[h.length - 1]!.to_stage_id).toBe(o.stage_id);
      for (let i = 1; i < h.length; i++) expect(h[i]!.from_stage_id).toBe(h[i - 1]!.to_stage_id);
    }
  });

  it('dates nothing that was done or changed in the future', async () => {
    const now = NOW.toISOString();
    expect(await a.db.selectFrom('activities').select('id').where('done_at', '>', now).execute()).toEqual([]);
    expect(await a.db.selectFrom('opportunity_stage_history').select('id').where('changed_at', '>', now).execute()).toEqual([]);
    expect(await a.db.selectFrom('opportunities').select('id').where('created_at', '>', now).execute()).toEqual([]);
  });

  it('gives the reps a day to work: follow-ups overdue and due soon, accounts due for contact', async () => {
    const rep1 = people.get('rep1')!;
    const open = await a.db.selectFrom('activities').select(['due_at']).where('owner_id', '=', rep1).where('done_at', 'is', null).execute();
    expect(open.filter((x) => x.due_at! < NOW.toISOString()).length).toBeGreaterThan(0);
    expect(open.filter((x) => x.due_at! > NOW.toISOString()).length).toBeGreaterThan(0);
    const overdue = await a.db.selectFrom('accounts').select('id').where('org_id', '=', orgId).where('next_contact_due', '<', NOW.toISOString()).execute();
    expect(overdue.length).toBeGreaterThan(0);
    // Every delivery project now belongs to its customer account.
    const unlinked = await a.db.selectFrom('projects').select('code').where('org_id', '=', orgId).where('account_id', 'is', null).execute();
    expect(unlinked).toEqual([]);
  });
});
