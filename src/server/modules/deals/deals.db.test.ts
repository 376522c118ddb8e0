import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOpportunity, buildPipeline, signInSalesCast, type SalesCast, type SalesCastKey } from '../../../../test/sales-factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/setup.js';
import { uuidv7 } from '../../lib/ids.js';

let t: TestApp;
let cast: SalesCast;
let c: SalesCast['c'];
let id: SalesCast['id'];

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInSalesCast(t);
  c = cast.c;
  id = cast.id;
  await t.database.db.insertInto('exchange_rates').values({ id: uuidv7(), org_id: cast.orgId, created_at: 'x', updated_at: 'x', version: 1, currency: 'USD', rate: 7.2, effective_from: '2020-01-01' }).execute();
});
afterAll(() => t.close());

const put = (client: Client, url: string, json: unknown) => client.request({ method: 'PUT', url, json });
const db = () => t.database.db;
const auditOf = (entityId: string) => db().selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('created_at').orderBy('id').execute();
const count = async (table: 'opportunities' | 'opportunity_stage_history' | 'audit_events' | 'pipelines' | 'saved_views') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function account(owner: SalesCastKey = 'rep') {
  return buildAccount(db(), cast.orgId, id[owner]);
}
async function create(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/opportunities', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const baseBody = (accountId: string, extra: Record<string, unknown> = {}) => ({
  name: 'Warehouse WMS', accountId, pipelineId: cast.pipeline.id, stageId: cast.pipeline.stages.qualification.id, amount: 120_000_00, currency: 'CNY', closeDate: '2026-06-30', ...extra,
});
async function competitor(name = `Rival ${Math.random().toString(36).slice(2, 8)}`, orgId = cast.orgId) {
  const row = { id: uuidv7(), org_id: orgId, created_at: 'x', updated_at: 'x', version: 1, name, website: null, strengths: '', weaknesses: '', pricing_notes: '' };
  await db().insertInto('competitors').values(row).execute();
  return row;
}

describe('pipelines', () => {
  it('makes the standard pipeline on first use, once, and lets only managers configure', async () => {
    const t2 = await createTestApp();
    try {
      const cast2 = await signInSalesCast(t2);
      // the cast comes with a pipeline; a fresh organisation starts with none
      await t2.database.db.deleteFrom('pipeline_stages').execute();
      await t2.database.db.deleteFrom('pipelines').execute();
      const [a, b] = await Promise.all([cast2.c.rep.get('/api/v1/pipelines'), cast2.c.mgr.get('/api/v1/pipelines')]);
      expect(a.statusCode, a.body).toBe(200);
      expect(b.statusCode).toBe(200);
      const list = a.json();
      expect(list.items).toHaveLength(1);
      expect(b.json().items.map((p: { id: string }) => p.id)).toEqual([list.items[0].id]);
      expect(list.items[0]).toMatchObject({ name: 'Standard', isDefault: true });
      expect(list.items[0].stages.map((s: { name: string; probability: number; kind: string }) => [s.name, s.probability, s.kind])).toEqual([
        ['Prospecting', 10, 'open'], ['Qualification', 25, 'open'], ['Proposal', 50, 'open'], ['Negotiation', 75, 'open'], ['Closed won', 100, 'won'], ['Closed lost', 0, 'lost'],
      ]);
      expect(list.abilities).toEqual({ manage: false });
      expect(b.json().abilities).toEqual({ manage: true });
      expect((await cast2.c.rep.get('/api/v1/pipelines')).json().items).toHaveLength(1);
      expect(Number((await t2.database.db.selectFrom('pipelines').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(1);
      // pm has no sales role; the foreign org sees only its own
      expect((await cast2.c.pm.get('/api/v1/pipelines')).statusCode).toBe(404);
      const foreign = (await cast2.c.foreign.get('/api/v1/pipelines')).json();
      expect(foreign.items.map((p: { id: string }) => p.id)).not.toContain(list.items[0].id);
    } finally {
      await t2.close();
    }
  });

  it('creates, renames, adds and edits stages, reorders, archives used stages; one won and one lost (422)', async () => {
    const made = await c.mgr.post('/api/v1/pipelines', { name: 'Renewals' });
    expect(made.statusCode, made.body).toBe(201);
    const p = made.json();
    expect(p.stages).toHaveLength(6);
    expect((await c.rep.post('/api/v1/pipelines', { name: 'Mine' })).statusCode).toBe(403);
    expect((await c.exec.post('/api/v1/pipelines', { name: 'Mine' })).statusCode).toBe(403);
    expect((await c.pm.post('/api/v1/pipelines', { name: 'Mine' })).statusCode).toBe(403);
    expect((await c.mgr.post('/api/v1/pipelines', { name: 'Two won', stages: [{ name: 'A', probability: 10 }, { name: 'W', probability: 100, kind: 'won' }, { name: 'W2', probability: 100, kind: 'won' }, { name: 'L', probability: 0, kind: 'lost' }] })).statusCode).toBe(422);
    expect((await c.mgr.post('/api/v1/pipelines', { name: 'No lost', stages: [{ name: 'A', probability: 10 }, { name: 'W', probability: 100, kind: 'won' }] })).statusCode).toBe(422);

    const renamed = await c.mgr.patch(`/api/v1/pipelines/${p.id}`, { version: p.version, name: 'Renewals 2026' });
    expect(renamed.json()).toMatchObject({ name: 'Renewals 2026', version: p.version + 1 });
    expect((await c.mgr.patch(`/api/v1/pipelines/${p.id}`, { version: p.version, name: 'Stale' })).statusCode).toBe(409);
    expect((await c.rep.patch(`/api/v1/pipelines/${p.id}`, { version: 2, name: 'x' })).statusCode).toBe(403);
    expect((await c.foreign.patch(`/api/v1/pipelines/${p.id}`, { version: 2, name: 'x' })).statusCode).toBe(404);

    const added = await c.mgr.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'Demo', probability: 40 });
    expect(added.statusCode, added.body).toBe(201);
    const names = added.json().stages.map((s: { name: string }) => s.name);
    expect(names).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Demo', 'Closed won', 'Closed lost']);
    expect((await c.mgr.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'Won again', probability: 100, kind: 'won' })).statusCode).toBe(422);
    expect((await c.mgr.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'Bad', probability: 140 })).statusCode).toBe(400);
    expect((await c.rep.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'x', probability: 1 })).statusCode).toBe(403);

    const demo = added.json().stages.find((s: { name: string }) => s.name === 'Demo');
    const edited = await c.mgr.patch(`/api/v1/stages/${demo.id}`, { version: demo.version, probability: 45, name: 'Live demo' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().stages.find((s: { id: string }) => s.id === demo.id)).toMatchObject({ name: 'Live demo', probability: 45 });
    expect((await c.mgr.patch(`/api/v1/stages/${demo.id}`, { version: demo.version, probability: 50 })).statusCode).toBe(409);
    expect((await c.mgr.patch(`/api/v1/stages/${demo.id}`, { version: demo.version + 1, probability: -1 })).statusCode).toBe(400);
    expect((await c.mgr.patch(`/api/v1/stages/${demo.id}`, { version: demo.version + 1, kind: 'won' })).statusCode).toBe(422);
    const won = edited.json().stages.find((s: { kind: string }) => s.kind === 'won');
    expect((await c.mgr.patch(`/api/v1/stages/${won.id}`, { version: won.version, kind: 'open' })).statusCode).toBe(422);
    expect((await c.rep.patch(`/api/v1/stages/${demo.id}`, { version: demo.version + 1, probability: 1 })).statusCode).toBe(403);
    expect((await c.foreign.patch(`/api/v1/stages/${demo.id}`, { version: demo.version + 1, probability: 1 })).statusCode).toBe(404);

    // reorder: a permutation of the live stages, with the pipeline's version
    const cur = edited.json();
    const ids = cur.stages.map((s: { id: string }) => s.id);
    const swapped = [ids[1], ids[0], ...ids.slice(2)];
    const reordered = await put(c.mgr, `/api/v1/pipelines/${p.id}/stage-order`, { version: cur.version, stageIds: swapped });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(reordered.json().stages.map((s: { id: string }) => s.id)).toEqual(swapped);
    expect((await put(c.mgr, `/api/v1/pipelines/${p.id}/stage-order`, { version: cur.version, stageIds: ids })).statusCode).toBe(409);
    expect((await put(c.mgr, `/api/v1/pipelines/${p.id}/stage-order`, { version: reordered.json().version, stageIds: ids.slice(1) })).statusCode).toBe(400);
    expect((await put(c.rep, `/api/v1/pipelines/${p.id}/stage-order`, { version: reordered.json().version, stageIds: ids })).statusCode).toBe(403);

    // a used stage is archived, an unused one deleted; won/lost cannot go
    const acc = await account('rep');
    const deal = await create(c.rep, baseBody(acc.id, { pipelineId: p.id, stageId: demo.id }));
    expect((await c.mgr.delete(`/api/v1/stages/${demo.id}`, { version: demo.version + 1 })).statusCode).toBe(422);
    const moved = await c.rep.post(`/api/v1/opportunities/${deal.id}/move`, { stageId: ids[0], version: deal.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = (await c.mgr.get(`/api/v1/pipelines/${p.id}`)).json();
    const demoNow = after.stages.find((s: { id: string }) => s.id === demo.id);
    const archived = await c.mgr.delete(`/api/v1/stages/${demo.id}`, { version: demoNow.version });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().stages.find((s: { id: string }) => s.id === demo.id)).toMatchObject({ archived: true });
    const unused = archived.json().stages.find((s: { name: string }) => s.name === 'Negotiation');
    const deleted = await c.mgr.delete(`/api/v1/stages/${unused.id}`, { version: unused.version });
    expect(deleted.json().stages.map((s: { id: string }) => s.id)).not.toContain(unused.id);
    const lost = deleted.json().stages.find((s: { kind: string }) => s.kind === 'lost');
    expect((await c.mgr.delete(`/api/v1/stages/${lost.id}`, { version: lost.version })).statusCode).toBe(422);
    expect((await auditOf(p.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'reorder']));
  });
});

describe('opportunities', () => {
  it('creates with stage defaults, converts to the base currency, starts the history, audits', async () => {
    const acc = await account('rep');
    const o = await create(c.rep, baseBody(acc.id, { amount: 1000_00, currency: 'USD', needs: 'Faster picking' }));
    expect(o).toMatchObject({
      accountId: acc.id, accountName: acc.name, ownerId: id.rep, ownerName: 'Rep One', stageName: 'Qualification', status: 'open', amount: 1000_00, currency: 'USD', amountBase: 7200_00,
      probability: 25, probabilityOverridden: false, forecastCategory: 'pipeline', needs: 'Faster picking', version: 1, abilities: { update: true, delete: true, reassign: true, share: true },
    });
    const detail = (await c.rep.get(`/api/v1/opportunities/${o.id}`)).json();
    expect(detail.stageHistory).toEqual([expect.objectContaining({ fromStageId: null, toStageId: cast.pipeline.stages.qualification.id, toStageName: 'Qualification', changedBy: id.rep, changedByName: 'Rep One', amountBase: 7200_00, probability: 25 })]);
    expect(detail.stages).toHaveLength(6);
    const withProb = await create(c.rep, baseBody(acc.id, { probability: 60, forecastCategory: 'commit' }));
    expect(withProb).toMatchObject({ probability: 60, probabilityOverridden: true, forecastCategory: 'commit' });
    expect((await auditOf(o.id)).map((a) => [a.action, a.actor_id])).toEqual([['create', id.rep]]);
  });

  it('answers 400 for bad input and writes nothing', async () => {
    const acc = await account('rep');
    const other = await buildPipeline(db(), cast.orgId, { isDefault: false });
    const foreignAcc = await buildAccount(db(), (await db().selectFrom('users').select('org_id').where('id', '=', id.foreign).executeTakeFirstOrThrow()).org_id, id.foreign);
    const before = { o: await count('opportunities'), h: await count('opportunity_stage_history'), a: await count('audit_events') };
    const bad: [Record<string, unknown>, string][] = [
      [{ amount: -1 }, 'amount'],
      [{ amount: 'abc' }, 'amount'],
      [{ amount: 12.5 }, 'amount'],
      [{ closeDate: 'next month' }, 'closeDate'],
      [{ closeDate: '2026-02-30' }, 'closeDate'],
      [{ currency: 'yuan' }, 'currency'],
      [{ currency: 'XYZ' }, 'currency'],
      [{ stageId: other.stages.proposal.id }, 'stageId'],
      [{ stageId: cast.pipeline.stages.won.id }, 'stageId'],
      [{ accountId: foreignAcc.id }, 'accountId'],
      [{ accountId: (await account('rep3')).id }, 'accountId'],
      [{ ownerId: id.rep3 }, 'ownerId'],
      [{ probability: 101 }, 'probability'],
      [{ name: '' }, 'name'],
    ];
    for (const [body, path] of bad) {
      const res = await c.rep.post('/api/v1/opportunities', baseBody(acc.id, body));
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path);
    }
    expect({ o: await count('opportunities'), h: await count('opportunity_stage_history'), a: await count('audit_events') }).toEqual(before);
  });

  it('a manager may open a deal for a rep of their team, not for another team', async () => {
    const acc = await account('rep2');
    expect(await create(c.mgr, baseBody(acc.id, { ownerId: id.rep2 }))).toMatchObject({ ownerId: id.rep2 });
    expect((await c.mgr.post('/api/v1/opportunities', baseBody(acc.id, { ownerId: id.rep3 }))).statusCode).toBe(400);
    expect((await c.exec.post('/api/v1/opportunities', baseBody(acc.id))).statusCode).toBe(403);
    expect((await c.pm.post('/api/v1/opportunities', baseBody(acc.id))).statusCode).toBe(403);
  });

  it('updates with the version, recomputes the base amount, 409 on stale', async () => {
    const acc = await account('rep');
    const o = await create(c.rep, baseBody(acc.id));
    const up = await c.rep.patch(`/api/v1/opportunities/${o.id}`, { version: 1, amount: 500_00, currency: 'USD', probability: 35, solution: 'Cloud WMS' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ amount: 500_00, currency: 'USD', amountBase: 3600_00, probability: 35, probabilityOverridden: true, solution: 'Cloud WMS', version: 2 });
    const stale = await c.rep.patch(`/api/v1/opportunities/${o.id}`, { version: 1, name: 'Stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ version: 2, amountBase: 3600_00 });
    const reset = await c.rep.patch(`/api/v1/opportunities/${o.id}`, { version: 2, probability: null });
    expect(reset.json()).toMatchObject({ probability: 25, probabilityOverridden: false });
    for (const [body, path] of [[{ amount: -5 }, 'amount'], [{ amount: 'abc' }, 'amount'], [{ closeDate: '30/06/2026' }, 'closeDate'], [{ currency: 'GBP' }, 'currency']] as const) {
      const res = await c.rep.patch(`/api/v1/opportunities/${o.id}`, { version: 3, ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const audit = await auditOf(o.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
    expect(JSON.parse(audit[1]!.changes!)).toMatchObject({ amount: [120_000_00, 500_00], amount_base: [120_000_00, 3600_00], currency: ['CNY', 'USD'] });
  });

  it('moves through stages: history, won, lost with a reason, reopening; 400 on another pipeline and lost without a reason', async () => {
    const acc = await account('rep');
    const o = await create(c.rep, baseBody(acc.id));
    const rival = await competitor();
    const other = await buildPipeline(db(), cast.orgId, { isDefault: false });
    const move = (body: Record<string, unknown>, client = c.rep) => client.post(`/api/v1/opportunities/${o.id}/move`, body);
    const m1 = await move({ stageId: cast.pipeline.stages.proposal.id, version: 1 });
    expect(m1.json()).toMatchObject({ stageName: 'Proposal', probability: 50, status: 'open', version: 2 });
    expect((await move({ stageId: other.stages.negotiation.id, version: 2 })).json().error.details[0].path).toBe('stageId');
    const noReason = await move({ stageId: cast.pipeline.stages.lost.id, version: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('lostReason');
    expect((await move({ stageId: cast.pipeline.stages.lost.id, version: 2, lostReason: '   ' })).statusCode).toBe(400);
    expect((await move({ stageId: cast.pipeline.stages.won.id, version: 1 })).statusCode).toBe(409);
    const lost = await move({ stageId: cast.pipeline.stages.lost.id, version: 2, lostReason: 'Price', lostToCompetitorId: rival.id });
    expect(lost.json()).toMatchObject({ status: 'lost', probability: 0, forecastCategory: 'omitted', lostReason: 'Price', lostToCompetitorId: rival.id, lostAt: expect.any(String), wonAt: null });
    const reopened = await move({ stageId: cast.pipeline.stages.negotiation.id, version: 3 });
    expect(reopened.json()).toMatchObject({ status: 'open', probability: 75, forecastCategory: 'pipeline', lostReason: null, lostToCompetitorId: null, lostAt: null });
    const won = await move({ stageId: cast.pipeline.stages.won.id, version: 4 });
    expect(won.json()).toMatchObject({ status: 'won', probability: 100, forecastCategory: 'closed', wonAt: expect.any(String) });
    expect((await c.rep.patch(`/api/v1/opportunities/${o.id}`, { version: 5, forecastCategory: 'commit' })).statusCode).toBe(422);
    const detail = (await c.rep.get(`/api/v1/opportunities/${o.id}`)).json();
    expect(detail.stageHistory.map((h: { toStageName: string }) => h.toStageName)).toEqual(['Closed won', 'Negotiation', 'Closed lost', 'Proposal', 'Qualification'].reverse().reverse());
    expect((await auditOf(o.id)).map((a) => a.action)).toEqual(['create', 'move', 'lose', 'move', 'win']);
  });

  it('competitors on a deal: add, update with version, remove', async () => {
    const acc = await account('rep');
    const o = await create(c.rep, baseBody(acc.id));
    const rival = await competitor('Acme Systems');
    const url = `/api/v1/opportunities/${o.id}/competitors/${rival.id}`;
    const added = await put(c.rep, url, { strengths: 'Cheap', weaknesses: 'Slow support', status: 'active' });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().items).toEqual([{ competitorId: rival.id, name: 'Acme Systems', strengths: 'Cheap', weaknesses: 'Slow support', status: 'active', version: 1 }]);
    const updated = await put(c.rep, url, { strengths: 'Cheap', weaknesses: 'No local team', status: 'withdrew', version: 1 });
    expect(updated.json().items[0]).toMatchObject({ weaknesses: 'No local team', status: 'withdrew', version: 2 });
    expect((await put(c.rep, url, { strengths: 'x', version: 1 })).statusCode).toBe(409);
    expect((await put(c.rep, url, { status: 'friendly' })).statusCode).toBe(400);
    const foreignRival = await competitor('Elsewhere', (await db().selectFrom('users').select('org_id').where('id', '=', id.foreign).executeTakeFirstOrThrow()).org_id);
    expect((await put(c.rep, `/api/v1/opportunities/${o.id}/competitors/${foreignRival.id}`, {})).statusCode).toBe(404);
    const detail = (await c.rep.get(`/api/v1/opportunities/${o.id}`)).json();
    expect(detail.competitors).toHaveLength(1);
    expect((await c.rep.delete(url, undefined)).statusCode).toBe(204);
    expect((await c.rep.get(`/api/v1/opportunities/${o.id}`)).json().competitors).toEqual([]);
    expect((await c.rep.delete(url, undefined)).statusCode).toBe(404);
  });
});

describe('access matrix', () => {
  it('every opportunity endpoint: owner and managers up the tree act; others 404; exec reads only (403)', async () => {
    const acc = await account('rep');
    const rival = await competitor();
    const o = await create(c.rep, baseBody(acc.id));
    const expectations: Record<SalesCastKey, { read: number; write: number }> = {
      rep: { read: 200, write: 200 }, rep2: { read: 404, write: 404 }, rep3: { read: 404, write: 404 }, mgr: { read: 200, write: 200 }, mgr2: { read: 404, write: 404 },
      director: { read: 200, write: 200 }, exec: { read: 200, write: 403 }, pm: { read: 404, write: 404 }, foreign: { read: 404, write: 404 },
    };
    for (const [key, want] of Object.entries(expectations) as [SalesCastKey, { read: number; write: number }][]) {
      const client = c[key];
      const cur = (await c.rep.get(`/api/v1/opportunities/${o.id}`)).json();
      expect((await client.get(`/api/v1/opportunities/${o.id}`)).statusCode, `${key} read`).toBe(want.read);
      const patch = await client.patch(`/api/v1/opportunities/${o.id}`, { version: cur.version, nextStep: `by ${key}` });
      expect(patch.statusCode, `${key} patch ${patch.body}`).toBe(want.write);
      const v = want.write === 200 ? cur.version + 1 : cur.version;
      const move = await client.post(`/api/v1/opportunities/${o.id}/move`, { version: v, stageId: cur.stageId === cast.pipeline.stages.proposal.id ? cast.pipeline.stages.qualification.id : cast.pipeline.stages.proposal.id });
      expect(move.statusCode, `${key} move`).toBe(want.write);
      expect((await put(client, `/api/v1/opportunities/${o.id}/competitors/${rival.id}`, {})).statusCode, `${key} put competitor`).toBe(want.write);
      expect((await client.delete(`/api/v1/opportunities/${o.id}/competitors/${rival.id}`, undefined)).statusCode, `${key} delete competitor`).toBe(want.write === 200 ? 204 : want.write);
      // the list shows the deal exactly to those who may read it
      const listed = (await client.get(`/api/v1/opportunities?accountId=${acc.id}`)).json();
      expect((listed.items ?? []).map((i: { id: string }) => i.id).includes(o.id), `${key} list`).toBe(want.read === 200);
    }
    // a share gives rep2 reading
    await db().insertInto('record_shares').values({ id: uuidv7(), org_id: cast.orgId, created_at: 'x', updated_at: 'x', version: 1, entity_type: 'opportunity', entity_id: o.id, user_id: id.rep2, access: 'read' }).execute();
    const shared = await c.rep2.get(`/api/v1/opportunities/${o.id}`);
    expect(shared.statusCode).toBe(200);
    expect(shared.json().abilities).toMatchObject({ update: false });
    expect((await c.rep2.get(`/api/v1/opportunities?accountId=${acc.id}`)).json().items.map((i: { id: string }) => i.id)).toContain(o.id);
    expect((await c.pm.get('/api/v1/opportunities')).statusCode).toBe(404);
  });
});

describe('list', () => {
  it('filters, sorts by close date, amount and update with keyset pages', async () => {
    const acc = await account('rep3');
    const p = cast.pipeline;
    const mk = (name: string, stage: 'prospecting' | 'proposal' | 'won' | 'lost', amount: number, closeDate: string) => buildOpportunity(db(), cast.orgId, { ownerId: id.rep3, accountId: acc.id, pipeline: p, stage, amount, closeDate, name });
    await mk('Alpha', 'prospecting', 300, '2026-05-01');
    await mk('Bravo', 'proposal', 100, '2026-04-01');
    await mk('Charlie', 'won', 500, '2026-03-01');
    await mk('Delta', 'lost', 200, '2026-07-01');
    await mk('Echo alpha', 'proposal', 400, '2026-04-01');
    const names = async (q: string) => {
      const res = await c.mgr2.get(`/api/v1/opportunities?accountId=${acc.id}${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { name: string }) => i.name);
    };
    expect(await names('')).toEqual(['Charlie', 'Bravo', 'Echo alpha', 'Alpha', 'Delta']);
    expect(await names('&sort=amount')).toEqual(['Charlie', 'Echo alpha', 'Alpha', 'Delta', 'Bravo']);
    expect(await names(`&stageId=${p.stages.proposal.id}&ownerId=${id.rep3}`)).toEqual(['Bravo', 'Echo alpha']);
    expect(await names('&status=open')).toEqual(['Bravo', 'Echo alpha', 'Alpha']);
    expect(await names('&status=lost')).toEqual(['Delta']);
    expect(await names('&closeFrom=2026-04-01&closeTo=2026-05-01')).toEqual(['Bravo', 'Echo alpha', 'Alpha']);
    expect(await names('&minAmount=200&maxAmount=400')).toEqual(['Echo alpha', 'Alpha', 'Delta']);
    expect(await names('&forecastCategory=closed')).toEqual(['Charlie']);
    expect(await names('&q=ALPHA')).toEqual(['Echo alpha', 'Alpha']);
    expect(await names(`&pipelineId=${p.id}&q=%25`)).toEqual([]);
    for (const sort of ['closeDate', 'amount', 'updatedAt']) {
      const all = await names(`&sort=${sort}`);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { name: string }[]; nextCursor: string | null } = (await c.mgr2.get(`/api/v1/opportunities?accountId=${acc.id}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        seen.push(...page.items.map((i) => i.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(all);
    }
    expect(await names('')).toHaveLength(5);
    expect((await c.rep.get(`/api/v1/opportunities?accountId=${acc.id}`)).json().items).toEqual([]);
    expect((await c.mgr2.get('/api/v1/opportunities?minAmount=abc')).statusCode).toBe(400);
    expect((await c.mgr2.get('/api/v1/opportunities?closeFrom=soon')).statusCode).toBe(400);
    expect((await c.mgr2.get('/api/v1/opportunities?cursor=nonsense')).statusCode).toBe(400);
    expect((await c.mgr2.get('/api/v1/opportunities?limit=500')).statusCode).toBe(400);
  });
});

describe('board', () => {
  const boardOf = async (client: Client, pipelineId: string) => {
    const res = await client.get(`/api/v1/pipelines/${pipelineId}/board`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { columns: { stageId: string; count: number; amountBase: number }[] };
  };
  const col = (b: { columns: { stageId: string }[] }, stageId: string) => b.columns.find((x) => x.stageId === stageId);

  it('totals per stage in SQL and first cards, scoped: a rep sees their own, the manager the team', async () => {
    const p = await buildPipeline(db(), cast.orgId, { isDefault: false });
    const accA = await account('rep');
    const accB = await account('rep2');
    const accC = await account('rep3');
    for (let i = 0; i < 22; i++) await buildOpportunity(db(), cast.orgId, { ownerId: id.rep, accountId: accA.id, pipeline: p, stage: 'prospecting', amount: 100, closeDate: `2026-05-${String(i + 1).padStart(2, '0')}` });
    await buildOpportunity(db(), cast.orgId, { ownerId: id.rep2, accountId: accB.id, pipeline: p, stage: 'proposal', amount: 1000 });
    await buildOpportunity(db(), cast.orgId, { ownerId: id.rep3, accountId: accC.id, pipeline: p, stage: 'proposal', amount: 7000 });
    await buildOpportunity(db(), cast.orgId, { ownerId: id.rep, accountId: accA.id, pipeline: p, stage: 'won', amount: 500 });
    const board = async (client: Client, q = '') => {
      const res = await client.get(`/api/v1/pipelines/${p.id}/board${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const col = (b: { columns: { stageId: string }[] }, key: keyof typeof p.stages) => b.columns.find((x) => x.stageId === p.stages[key].id) as unknown as { count: number; amountBase: number; weightedBase: number; cards: { name: string; closeDate: string }[]; nextCursor: string | null };
    const rep = await board(c.rep);
    expect(col(rep, 'prospecting')).toMatchObject({ count: 22, amountBase: 2200, weightedBase: 220 });
    expect(col(rep, 'prospecting').cards).toHaveLength(10);
    expect(col(rep, 'prospecting').cards[0].closeDate).toBe('2026-05-01');
    expect(col(rep, 'proposal')).toMatchObject({ count: 0, amountBase: 0 });
    expect(col(rep, 'won')).toMatchObject({ count: 1, amountBase: 500, weightedBase: 500, cards: [] });
    const more = await c.rep.get(`/api/v1/pipelines/${p.id}/board/stages/${p.stages.prospecting.id}/cards?cursor=${col(rep, 'prospecting').nextCursor}`);
    // the next page (20 by default) holds the other twelve, in close-date order, and is the last
    expect(more.json().items.map((x: { closeDate: string }) => x.closeDate)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-05-${i + 11}`));
    expect(more.json().nextCursor).toBeNull();
    const mgr = await board(c.mgr);
    expect(col(mgr, 'proposal')).toMatchObject({ count: 1, amountBase: 1000, weightedBase: 500 });
    expect(col(await board(c.mgr, `?ownerId=${id.rep2}`), 'prospecting')).toMatchObject({ count: 0 });
    expect(col(await board(c.mgr, '?teamScope=mine'), 'proposal')).toMatchObject({ count: 0 });
    expect(col(await board(c.director), 'proposal')).toMatchObject({ count: 2, amountBase: 8000 });
    expect(col(await board(c.exec), 'proposal')).toMatchObject({ count: 2, amountBase: 8000 });
    expect(col(await board(c.mgr2), 'proposal')).toMatchObject({ count: 1, amountBase: 7000 });
    expect(col(await board(c.rep2), 'prospecting')).toMatchObject({ count: 0, cards: [] });
    expect((await c.pm.get(`/api/v1/pipelines/${p.id}/board`)).statusCode).toBe(404);
    expect((await c.foreign.get(`/api/v1/pipelines/${p.id}/board`)).statusCode).toBe(404);
    expect((await c.foreign.get(`/api/v1/pipelines/${p.id}/board/stages/${p.stages.prospecting.id}/cards`)).statusCode).toBe(404);
    expect((await c.rep.get(`/api/v1/pipelines/${p.id}/board/stages/${cast.pipeline.stages.prospecting.id}/cards`)).statusCode).toBe(404);
    expect((await c.rep.get(`/api/v1/pipelines/${p.id}/board?teamScope=everyone`)).statusCode).toBe(400);
    // The cards carry what the actor may do: the manager moves the team's deals, an executive none.
    const cardOf = (b: unknown, key: keyof typeof p.stages) => col(b as never, key).cards as unknown as { name: string; ownerId: string; closeDate: string; abilities: { update: boolean } }[];
    expect(cardOf(mgr, 'proposal').map((x) => [x.ownerId, x.abilities.update])).toEqual([[id.rep2, true]]);
    expect(cardOf(await board(c.exec), 'proposal').map((x) => x.abilities.update)).toEqual([false, false]);
    const dir = cardOf(await board(c.director), 'proposal');
    expect(dir.map((x) => x.closeDate)).toEqual([...dir.map((x) => x.closeDate)].sort());
    // A deal shared with rep2 shows on rep2's board, readable, not movable; the rest of rep's stay hidden.
    const sharedDeal = (await c.rep.get(`/api/v1/opportunities?pipelineId=${p.id}&limit=1`)).json().items[0];
    await db().insertInto('record_shares').values({ id: uuidv7(), org_id: cast.orgId, created_at: 'x', updated_at: 'x', version: 1, entity_type: 'opportunity', entity_id: sharedDeal.id, user_id: id.rep2, access: 'read' }).execute();
    const rep2 = await board(c.rep2);
    expect(col(rep2, 'prospecting')).toMatchObject({ count: 1, amountBase: 100 });
    expect(cardOf(rep2, 'prospecting').map((x) => [x.name, x.abilities.update])).toEqual([[sharedDeal.name, false]]);
    expect(cardOf(rep2, 'proposal').map((x) => [x.ownerId, x.abilities.update])).toEqual([[id.rep2, true]]);
  });

  it('the per-owner stage sums the database keeps agree with the deals after every kind of write', async () => {
    const sumsAgree = async () => {
      const deals = await db().selectFrom('opportunities').select(['owner_id', 'pipeline_id', 'stage_id', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum('amount_base').as('total')]).groupBy(['owner_id', 'pipeline_id', 'stage_id']).execute();
      const kept = await db().selectFrom('opportunity_stage_sums').selectAll().execute();
      const key = (r: { owner_id: string; pipeline_id: string; stage_id: string }) => `${r.owner_id} ${r.pipeline_id} ${r.stage_id}`;
      const want = new Map(deals.map((d) => [key(d), [Number(d.n), Number(d.total)]]));
      const got = new Map(kept.filter((k) => Number(k.deals) !== 0 || Number(k.amount_base) !== 0).map((k) => [key(k), [Number(k.deals), Number(k.amount_base)]]));
      expect(got).toEqual(want);
    };
    const p = await buildPipeline(db(), cast.orgId, { isDefault: false });
    const acc = await account('rep');
    const o = await create(c.rep, baseBody(acc.id, { pipelineId: p.id, stageId: p.stages.qualification.id, amount: 1000 }));
    await create(c.rep, baseBody(acc.id, { pipelineId: p.id, stageId: p.stages.qualification.id, amount: 2500 }));
    await sumsAgree();
    const moved = (await c.rep.post(`/api/v1/opportunities/${o.id}/move`, { version: o.version, stageId: p.stages.proposal.id })).json();
    const priced = (await c.rep.patch(`/api/v1/opportunities/${o.id}`, { version: moved.version, amount: 4000 })).json();
    expect(priced.amountBase).toBe(4000);
    // a change that leaves owner, stage and amount alone leaves the sums alone
    const named = await c.rep.patch(`/api/v1/opportunities/${o.id}`, { version: priced.version, name: 'Renamed' });
    expect(named.statusCode).toBe(200);
    // handed to a teammate by the manager
    expect((await c.mgr.patch(`/api/v1/opportunities/${o.id}`, { version: named.json().version, ownerId: id.rep2 })).statusCode).toBe(200);
    await sumsAgree();
    expect(col(await boardOf(c.mgr, p.id), p.stages.proposal.id)).toMatchObject({ count: 1, amountBase: 4000 });
    expect(col(await boardOf(c.rep, p.id), p.stages.qualification.id)).toMatchObject({ count: 1, amountBase: 2500 });
    // writers other than the API: a bulk change and a delete in SQL
    await db().updateTable('opportunities').set({ stage_id: p.stages.negotiation.id }).where('pipeline_id', '=', p.id).execute();
    await db().deleteFrom('opportunity_stage_history').where('opportunity_id', '=', o.id).execute();
    await db().deleteFrom('opportunities').where('id', '=', o.id).execute();
    await sumsAgree();
    expect(col(await boardOf(c.exec, p.id), p.stages.negotiation.id)).toMatchObject({ count: 1, amountBase: 2500 });
    expect(col(await boardOf(c.exec, p.id), p.stages.proposal.id)).toMatchObject({ count: 0, amountBase: 0 });
  });

  it("a manager's list by owner reads only the owners in their team tree", async () => {
    const p = await buildPipeline(db(), cast.orgId, { isDefault: false });
    await buildOpportunity(db(), cast.orgId, { ownerId: id.rep2, accountId: (await account('rep2')).id, pipeline: p, stage: 'proposal', amount: 1000 });
    await buildOpportunity(db(), cast.orgId, { ownerId: id.rep3, accountId: (await account('rep3')).id, pipeline: p, stage: 'proposal', amount: 7000 });
    const list = async (client: Client, owners: string[]) => (await client.get(`/api/v1/opportunities?pipelineId=${p.id}${owners.map((o) => `&ownerId=${o}`).join('')}`)).json().items as { ownerId: string; abilities: { update: boolean } }[];
    expect((await list(c.mgr, [id.rep2])).map((x) => [x.ownerId, x.abilities.update])).toEqual([[id.rep2, true]]);
    expect(await list(c.mgr, [id.rep3])).toEqual([]);
    expect((await list(c.mgr, [id.rep2, id.rep3])).map((x) => x.ownerId)).toEqual([id.rep2]);
    expect((await list(c.mgr2, [id.rep2, id.rep3])).map((x) => x.ownerId)).toEqual([id.rep3]);
    expect((await list(c.exec, [id.rep2, id.rep3])).map((x) => x.abilities.update)).toEqual([false, false]);
    expect(await list(c.rep, [id.rep2])).toEqual([]);
  });
});

describe('saved views', () => {
  it('own and shared views; only the creator edits; stale 409; others 404', async () => {
    const made = await c.rep.post('/api/v1/saved-views', { list: 'opportunities', name: 'My big deals', filters: { minAmount: 100000, status: 'open' } });
    expect(made.statusCode, made.body).toBe(201);
    const v = made.json();
    expect(v).toMatchObject({ name: 'My big deals', filters: { minAmount: 100000, status: 'open' }, shared: false, userId: id.rep, abilities: { update: true, delete: true } });
    const names = async (client: Client) => (await client.get('/api/v1/saved-views?list=opportunities')).json().items?.map((x: { id: string }) => x.id) ?? [];
    expect(await names(c.rep)).toContain(v.id);
    expect(await names(c.rep2)).not.toContain(v.id);
    expect((await c.rep2.patch(`/api/v1/saved-views/${v.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    const shared = await c.rep.patch(`/api/v1/saved-views/${v.id}`, { version: 1, shared: true });
    expect(shared.json()).toMatchObject({ shared: true, version: 2 });
    expect(await names(c.rep2)).toContain(v.id);
    expect(await names(c.mgr2)).toContain(v.id);
    expect(await names(c.foreign)).not.toContain(v.id);
    expect((await c.pm.get('/api/v1/saved-views?list=opportunities')).statusCode).toBe(404);
    expect((await c.pm.post('/api/v1/saved-views', { name: 'x', filters: {} })).statusCode).toBe(403);
    expect((await c.rep2.patch(`/api/v1/saved-views/${v.id}`, { version: 2, name: 'Hijack' })).statusCode).toBe(403);
    expect((await c.rep2.delete(`/api/v1/saved-views/${v.id}`, { version: 2 })).statusCode).toBe(403);
    expect((await c.mgr.patch(`/api/v1/saved-views/${v.id}`, { version: 2, name: 'Hijack' })).statusCode).toBe(403);
    expect((await c.rep.patch(`/api/v1/saved-views/${v.id}`, { version: 1, name: 'Stale' })).statusCode).toBe(409);
    expect((await c.rep.post('/api/v1/saved-views', { name: '', filters: {} })).statusCode).toBe(400);
    expect((await c.rep.post('/api/v1/saved-views', { name: 'x', filters: { a: { nested: 1 } } })).statusCode).toBe(400);
    expect((await c.rep.post('/api/v1/saved-views', { name: 'x', list: 'nonsense', filters: {} })).statusCode).toBe(400);
    expect((await c.rep.delete(`/api/v1/saved-views/${v.id}`, { version: 1 })).statusCode).toBe(409);
    expect((await c.rep.delete(`/api/v1/saved-views/${v.id}`, { version: 2 })).statusCode).toBe(204);
    expect(await names(c.rep)).not.toContain(v.id);
    expect((await auditOf(v.id)).map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});

describe('deals: the answers of the unchecked hot reads', () => {
  it('match their schemas (the routes skip zod’s response check for speed)', async () => {
    const { BoardResponse, OpportunityPage } = await import('../../../contracts/deals.js');
    const account = await buildAccount(t.database.db, cast.orgId, id.rep);
    for (const stage of ['prospecting', 'proposal', 'won', 'lost'] as const) await buildOpportunity(t.database.db, cast.orgId, { ownerId: id.rep, accountId: account.id, pipeline: cast.pipeline, stage });
    for (const key of ['rep', 'mgr', 'exec'] as const) {
      const list = await c[key].get(`/api/v1/opportunities?accountId=${account.id}&limit=2`);
      expect(list.statusCode).toBe(200);
      const page = OpportunityPage.parse(list.json());
      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).not.toBeNull();
      const board = await c[key].get(`/api/v1/pipelines/${cast.pipeline.id}/board`);
      expect(board.statusCode).toBe(200);
      expect(() => BoardResponse.parse(board.json())).not.toThrow();
    }
  });
});
