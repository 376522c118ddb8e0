import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { signInCast } from '../../../../test/cast.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';
import { MINUTE } from '../../lib/clock.js';

let t: TestApp;
let orgId: string;
const c: Record<string, Client> = {};
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const cast = await signInCast(t);
  orgId = cast.orgId;
  Object.assign(c, cast.c);
  Object.assign(id, cast.id);
});
afterAll(() => t.close());

/** A project of PM One with Dev and Dev Two on its team. */
async function newProject() {
  const res = await c.pm.post('/api/v1/projects', { code: `R${Math.random().toString(36).slice(2, 8)}`, name: 'Data centre move', plannedStart: '2026-03-02' });
  expect(res.statusCode, res.body).toBe(201);
  const p = res.json();
  for (const u of ['dev', 'dev2']) expect((await c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id[u] })).statusCode).toBe(201);
  return p as { id: string };
}
async function addRisk(projectId: string, body: Record<string, unknown>, client = c.pm) {
  const res = await client.post(`/api/v1/projects/${projectId}/risks`, { title: 'Risk', probability: 3, impact: 3, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const count = async (table: 'risks' | 'issues' | 'risk_reviews' | 'audit_events') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const auditOf = (entityId: string) => t.database.db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('created_at').orderBy('id').execute();

describe('risks: register', () => {
  it('creates a risk with its score and band, reads it back, and audits the write', async () => {
    const p = await newProject();
    const r = await addRisk(p.id, { title: 'Supplier delivers the racks late', cause: 'Single supplier', category: 'supplier', probability: 4, impact: 3, ownerId: id.dev, trigger: 'No shipping notice by 1 April', responsePlan: 'Order from a second supplier', nextReviewDate: '2026-03-16' });
    expect(r).toMatchObject({
      projectId: p.id, title: 'Supplier delivers the racks late', category: 'supplier', probability: 4, impact: 3, score: 12, band: 'high', highRisk: true,
      ownerId: id.dev, ownerName: 'Dev', response: 'mitigate', status: 'open', trigger: 'No shipping notice by 1 April', nextReviewDate: '2026-03-16', lastReviewedAt: null, issueId: null, version: 1,
      abilities: { update: true, review: true, occur: true },
    });
    expect((await c.pm.get(`/api/v1/risks/${r.id}`)).json()).toEqual(r);
    const audit = await auditOf(r.id);
    expect(audit.map((a) => [a.action, a.entity_type, a.actor_id])).toEqual([['create', 'risk', id.pm]]);
    expect(JSON.parse(audit[0]!.changes!)).toMatchObject({ score: [null, 12], probability: [null, 4], owner_id: [null, id.dev] });
  });

  it('updates with the version, recomputes the score, and answers 409 with the current record for a stale one', async () => {
    const p = await newProject();
    const r = await addRisk(p.id, { title: 'Scope creep', probability: 2, impact: 2 });
    expect(r).toMatchObject({ score: 4, band: 'low', highRisk: false });
    const up = await c.pm.patch(`/api/v1/risks/${r.id}`, { version: r.version, impact: 5, response: 'avoid', status: 'monitoring' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ probability: 2, impact: 5, score: 10, band: 'high', highRisk: false, response: 'avoid', status: 'monitoring', version: 2 });
    const stale = await c.pm.patch(`/api/v1/risks/${r.id}`, { version: r.version, title: 'Stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ title: 'Scope creep', version: 2, score: 10 });
    const audit = await auditOf(r.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.changes!)).toEqual({ impact: [2, 5], score: [4, 10], response: ['mitigate', 'avoid'], status: ['open', 'monitoring'] });
    // A PATCH does not make a risk occur: that goes through /occur, which opens the issue.
    expect((await c.pm.patch(`/api/v1/risks/${r.id}`, { version: 2, status: 'occurred' })).json().error.details[0].path).toBe('status');
  });

  it('lists by score (highest first, then id), filters by status, minimum score, owner and cell, and pages by keyset', async () => {
    const p = await newProject();
    const made = [];
    for (const [title, probability, impact, extra] of [
      ['a', 1, 2, {}], ['b', 5, 5, { ownerId: id.dev }], ['c', 3, 4, {}], ['d', 4, 3, { ownerId: id.dev }], ['e', 2, 2, { status: 'closed' }], ['f', 3, 4, { status: 'monitoring' }],
    ] as const) made.push(await addRisk(p.id, { title, probability, impact, ...extra }));
    const list = async (q: string) => (await c.pm.get(`/api/v1/projects/${p.id}/risks${q}`)).json();
    const titles = async (q: string) => (await list(q)).items.map((r: { title: string }) => r.title);
    expect(await titles('')).toEqual(['b', 'c', 'd', 'f', 'e', 'a']);
    expect(await titles('?status=closed')).toEqual(['e']);
    expect(await titles('?status=active')).toEqual(['b', 'c', 'd', 'f', 'a']);
    expect(await titles('?minScore=12')).toEqual(['b', 'c', 'd', 'f']);
    expect(await titles(`?ownerId=${id.dev}`)).toEqual(['b', 'd']);
    expect(await titles('?probability=3&impact=4')).toEqual(['c', 'f']);
    expect(await titles('?probability=3&impact=4&status=active&minScore=12')).toEqual(['c', 'f']);
    expect((await list('')).abilities).toEqual({ create: true });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => r.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['b', 'c', 'd', 'f', 'e', 'a']);
    expect((await c.pm.get(`/api/v1/projects/${p.id}/risks?minScore=30`)).json().error.details[0].path).toBe('querystring.minScore');
    expect((await c.pm.get(`/api/v1/projects/${p.id}/risks?cursor=nonsense`)).statusCode).toBe(400);
  });

  it('answers 400 with field paths for bad ratings, dates and owners, and writes nothing', async () => {
    const p = await newProject();
    const r = await addRisk(p.id, { title: 'Kept as it is' });
    const before = { risks: await count('risks'), audit: await count('audit_events') };
    const bad: [Record<string, unknown>, string][] = [
      [{ probability: 0 }, 'probability'],
      [{ probability: 6 }, 'probability'],
      [{ impact: 'high' }, 'impact'],
      [{ impact: 2.5 }, 'impact'],
      [{ nextReviewDate: '2026-02-31' }, 'nextReviewDate'],
      [{ nextReviewDate: 'next week' }, 'nextReviewDate'],
      [{ ownerId: id.outsider }, 'ownerId'],
      [{ ownerId: 'not-an-id' }, 'ownerId'],
      [{ title: '' }, 'title'],
      [{ category: 'weather' }, 'category'],
      [{ response: 'ignore' }, 'response'],
    ];
    for (const [body, path] of bad) {
      const created = await c.pm.post(`/api/v1/projects/${p.id}/risks`, { title: 'x', probability: 3, impact: 3, ...body });
      expect(created.statusCode, JSON.stringify(body)).toBe(400);
      expect(created.json().error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path);
      const updated = await c.pm.patch(`/api/v1/risks/${r.id}`, { version: r.version, ...body });
      expect(updated.statusCode, JSON.stringify(body)).toBe(400);
      expect(updated.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const review = await c.pm.post(`/api/v1/risks/${r.id}/reviews`, { version: r.version, probability: 6, impact: 0, nextReviewDate: 'soon' });
    expect(review.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['impact', 'nextReviewDate', 'probability']);
    const missing = await c.pm.post(`/api/v1/projects/${p.id}/risks`, {});
    expect(missing.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['impact', 'probability', 'title']);
    expect({ risks: await count('risks'), audit: await count('audit_events') }).toEqual(before);
    expect((await c.pm.get(`/api/v1/risks/${r.id}`)).json()).toEqual(r);
  });
});

describe('risks: reviews', () => {
  it('the owner reviews their risk: new ratings and next review date, last reviewed now, history kept newest first', async () => {
    const p = await newProject();
    const mine = await addRisk(p.id, { title: 'Key engineer leaves', probability: 2, impact: 4, ownerId: id.dev });
    const theirs = await addRisk(p.id, { title: 'Other', ownerId: id.dev2 });
    expect((await c.dev.get(`/api/v1/risks/${mine.id}`)).json().abilities).toEqual({ update: false, review: true, occur: false });
    expect((await c.dev.get(`/api/v1/risks/${theirs.id}`)).json().abilities).toEqual({ update: false, review: false, occur: false });

    // Sessions follow the clock: move it by minutes, not days.
    t.clock.advance(5 * MINUTE);
    const firstAt = t.clock.now().toISOString();
    const first = await c.dev.post(`/api/v1/risks/${mine.id}/reviews`, { version: mine.version, probability: 4, impact: 4, nextReviewDate: '2026-03-24', note: 'Offer from a competitor', status: 'monitoring' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ probability: 4, impact: 4, score: 16, band: 'critical', status: 'monitoring', nextReviewDate: '2026-03-24', lastReviewedAt: firstAt, version: 2 });
    t.clock.advance(5 * MINUTE);
    const secondAt = t.clock.now().toISOString();
    const second = await c.pm.post(`/api/v1/risks/${mine.id}/reviews`, { version: 2, probability: 1, impact: 4, nextReviewDate: null, note: 'Stays: counter-offer accepted' });
    expect(second.json()).toMatchObject({ score: 4, band: 'low', status: 'monitoring', nextReviewDate: null, lastReviewedAt: secondAt, version: 3 });

    const history = (await c.pmo.get(`/api/v1/risks/${mine.id}/reviews`)).json().items;
    expect(history.map((h: Record<string, unknown>) => [h.reviewedByName, h.probability, h.impact, h.score, h.nextReviewDate, h.note])).toEqual([
      ['PM One', 1, 4, 4, null, 'Stays: counter-offer accepted'],
      ['Dev', 4, 4, 16, '2026-03-24', 'Offer from a competitor'],
    ]);
    expect((await auditOf(mine.id)).map((a) => [a.action, a.actor_id])).toEqual([['create', id.pm], ['review', id.dev], ['review', id.pm]]);

    // Not the owner: may read, may not review; a stale review answers 409.
    expect((await c.dev.post(`/api/v1/risks/${theirs.id}/reviews`, { version: 1, probability: 1, impact: 1, nextReviewDate: null })).statusCode).toBe(403);
    expect((await c.dev.post(`/api/v1/risks/${mine.id}/reviews`, { version: 1, probability: 1, impact: 1, nextReviewDate: null })).statusCode).toBe(409);
    // The owner may not rewrite the risk itself.
    expect((await c.dev.patch(`/api/v1/risks/${mine.id}`, { version: 3, title: 'Mine now' })).statusCode).toBe(403);
  });

  it('a closed risk is not reviewed (422)', async () => {
    const p = await newProject();
    const r = await addRisk(p.id, { status: 'closed' });
    const res = await c.pm.post(`/api/v1/risks/${r.id}/reviews`, { version: r.version, probability: 1, impact: 1, nextReviewDate: null });
    expect(res.statusCode).toBe(422);
    expect((await c.pm.get(`/api/v1/risks/${r.id}/reviews`)).json().items).toEqual([]);
  });
});

describe('risks: occurred → issue', () => {
  it('creates the issue in the same transaction, marks the risk occurred and links both ways', async () => {
    const p = await newProject();
    const r = await addRisk(p.id, { title: 'Racks arrive late', cause: 'Port strike', probability: 5, impact: 3, ownerId: id.dev });
    const res = await c.pm.post(`/api/v1/risks/${r.id}/occur`, { version: r.version, dueDate: '2026-04-01' });
    expect(res.statusCode, res.body).toBe(201);
    const { risk, issue } = res.json();
    expect(risk).toMatchObject({ id: r.id, status: 'occurred', issueId: issue.id, version: 2 });
    expect(issue).toMatchObject({ projectId: p.id, title: 'Racks arrive late', description: 'Port strike', severity: 'critical', ownerId: id.dev, ownerName: 'Dev', status: 'open', dueDate: '2026-04-01', riskId: r.id, riskTitle: 'Racks arrive late', resolution: '', version: 1 });
    expect((await c.dev.get(`/api/v1/issues/${issue.id}`)).json()).toMatchObject({ riskId: r.id, abilities: { update: false } });
    expect((await c.pm.get(`/api/v1/projects/${p.id}/issues`)).json().items.map((i: { id: string }) => i.id)).toEqual([issue.id]);
    expect((await auditOf(issue.id)).map((a) => [a.action, a.entity_type])).toEqual([['create', 'issue']]);
    expect((await auditOf(r.id)).map((a) => a.action)).toEqual(['create', 'occur']);

    // Once: a second time answers 422 naming the issue; an occurred risk can only be closed.
    const again = await c.pm.post(`/api/v1/risks/${r.id}/occur`, { version: 2 });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.issueId).toBe(issue.id);
    expect((await c.pm.patch(`/api/v1/risks/${r.id}`, { version: 2, status: 'open' })).statusCode).toBe(422);
    expect((await c.pm.patch(`/api/v1/risks/${r.id}`, { version: 2, status: 'closed' })).json()).toMatchObject({ status: 'closed', issueId: issue.id });
  });

  it('takes the issue fields it is given, and on bad input or a stale version writes nothing at all', async () => {
    const p = await newProject();
    const r = await addRisk(p.id, { title: 'Licence audit', probability: 1, impact: 2 });
    const before = { issues: await count('issues'), audit: await count('audit_events') };
    const outsider = await c.pm.post(`/api/v1/risks/${r.id}/occur`, { version: r.version, ownerId: id.outsider });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.details[0].path).toBe('ownerId');
    expect((await c.pm.post(`/api/v1/risks/${r.id}/occur`, { version: r.version, dueDate: '2026-13-01' })).json().error.details[0].path).toBe('dueDate');
    expect((await c.pm.post(`/api/v1/risks/${r.id}/occur`, { version: r.version + 1 })).statusCode).toBe(409);
    expect((await c.dev.post(`/api/v1/risks/${r.id}/occur`, { version: r.version })).statusCode).toBe(403);
    expect({ issues: await count('issues'), audit: await count('audit_events') }).toEqual(before);
    expect((await c.pm.get(`/api/v1/risks/${r.id}`)).json()).toMatchObject({ status: 'open', issueId: null, version: 1 });

    const ok = await c.pm.post(`/api/v1/risks/${r.id}/occur`, { version: r.version, title: 'Audit found 3 unlicensed seats', severity: 'high', ownerId: id.dev2 });
    expect(ok.json().issue).toMatchObject({ title: 'Audit found 3 unlicensed seats', severity: 'high', ownerId: id.dev2, riskId: r.id });
  });
});

describe('risk matrix', () => {
  it('counts open and monitored risks per probability × impact cell', async () => {
    const p = await newProject();
    for (const [probability, impact, status] of [[1, 5, 'open'], [1, 5, 'open'], [5, 1, 'monitoring'], [4, 3, 'open'], [3, 3, 'open'], [5, 5, 'closed'], [2, 2, 'open']] as const) {
      await addRisk(p.id, { probability, impact, status });
    }
    const occurred = await addRisk(p.id, { probability: 5, impact: 5 });
    await c.pm.post(`/api/v1/risks/${occurred.id}/occur`, { version: 1 });
    const m = (await c.dev.get(`/api/v1/projects/${p.id}/risk-matrix`)).json();
    const expected = Array.from({ length: 5 }, () => Array(5).fill(0));
    expected[0][4] = 2;
    expected[4][0] = 1;
    expected[3][2] = 1;
    expected[2][2] = 1;
    expected[1][1] = 1;
    expect(m).toEqual({ counts: expected, total: 6, bands: { low: 1, medium: 4, high: 1, critical: 0 }, highRisks: 1 });
    const empty = await newProject();
    expect((await c.pmo.get(`/api/v1/projects/${empty.id}/risk-matrix`)).json()).toMatchObject({ total: 0, highRisks: 0, counts: Array.from({ length: 5 }, () => Array(5).fill(0)) });
  });
});

describe('issues', () => {
  it('creates, lists most severe first, needs a resolution to resolve, and stamps when it was resolved', async () => {
    const p = await newProject();
    const mk = async (title: string, severity: string) => {
      const res = await c.pm.post(`/api/v1/projects/${p.id}/issues`, { title, severity, ownerId: id.dev2 });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const low = await mk('Typo in manual', 'low');
    const crit = await mk('Database down', 'critical');
    await mk('Slow report', 'medium');
    const list = (await c.dev.get(`/api/v1/projects/${p.id}/issues`)).json();
    expect(list.items.map((i: { title: string }) => i.title)).toEqual(['Database down', 'Slow report', 'Typo in manual']);
    expect(list.abilities).toEqual({ create: false });
    expect((await c.pm.get(`/api/v1/projects/${p.id}/issues?severity=low`)).json().items.map((i: { id: string }) => i.id)).toEqual([low.id]);

    const noResolution = await c.pm.patch(`/api/v1/issues/${crit.id}`, { version: 1, status: 'resolved' });
    expect(noResolution.statusCode).toBe(400);
    expect(noResolution.json().error.details[0].path).toBe('resolution');
    t.clock.advance(MINUTE);
    const resolvedAt = t.clock.now().toISOString();
    const resolved = await c.pm.patch(`/api/v1/issues/${crit.id}`, { version: 1, status: 'resolved', resolution: 'Failed over to the replica' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedAt, version: 2 });
    expect((await c.pm.get(`/api/v1/projects/${p.id}/issues?status=unresolved`)).json().items.map((i: { title: string }) => i.title)).toEqual(['Slow report', 'Typo in manual']);
    const reopened = await c.pm.patch(`/api/v1/issues/${crit.id}`, { version: 2, status: 'in_progress' });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', resolvedAt: null });
    expect((await c.pm.patch(`/api/v1/issues/${crit.id}`, { version: 2, title: 'stale' })).statusCode).toBe(409);
    expect((await c.pm.patch(`/api/v1/issues/${crit.id}`, { version: 3, ownerId: id.outsider })).json().error.details[0].path).toBe('ownerId');
    expect((await c.pm.post(`/api/v1/projects/${p.id}/issues`, { title: 'x', severity: 'apocalyptic' })).json().error.details[0].path).toBe('severity');
    expect((await auditOf(crit.id)).map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });
});

describe('access', () => {
  it('the PM edits; members, the PMO and executives read; another PM, a rep and another organisation get 404', async () => {
    const p = await newProject();
    const r = await addRisk(p.id, { title: 'Secret risk', probability: 4, impact: 4, ownerId: id.dev });
    const issue = (await c.pm.post(`/api/v1/projects/${p.id}/issues`, { title: 'Secret issue' })).json();
    const reads = [`/api/v1/projects/${p.id}/risks`, `/api/v1/projects/${p.id}/risk-matrix`, `/api/v1/projects/${p.id}/issues`, `/api/v1/risks/${r.id}`, `/api/v1/risks/${r.id}/reviews`, `/api/v1/issues/${issue.id}`];
    const writes: [string, string, Record<string, unknown>][] = [
      ['post', `/api/v1/projects/${p.id}/risks`, { title: 'Sneaky', probability: 1, impact: 1 }],
      ['patch', `/api/v1/risks/${r.id}`, { version: r.version, title: 'Hijacked' }],
      ['post', `/api/v1/risks/${r.id}/reviews`, { version: r.version, probability: 1, impact: 1, nextReviewDate: null }],
      ['post', `/api/v1/risks/${r.id}/occur`, { version: r.version }],
      ['post', `/api/v1/projects/${p.id}/issues`, { title: 'Sneaky' }],
      ['patch', `/api/v1/issues/${issue.id}`, { version: issue.version, title: 'Hijacked' }],
    ];
    const send = (who: string, [method, url, body]: (typeof writes)[number]) => (method === 'post' ? c[who].post(url, body) : c[who].patch(url, body));

    for (const who of ['dev2', 'pmo', 'exec']) {
      for (const url of reads) expect((await c[who].get(url)).statusCode, `${who} GET ${url}`).toBe(200);
      for (const w of writes) expect((await send(who, w)).statusCode, `${who} ${w[0]} ${w[1]}`).toBe(403);
      expect((await c[who].get(`/api/v1/risks/${r.id}`)).json().abilities).toEqual({ update: false, review: false, occur: false });
    }
    for (const who of ['pm2', 'rep', 'foreign', 'outsider']) {
      for (const url of reads) expect((await c[who].get(url)).statusCode, `${who} GET ${url}`).toBe(404);
      for (const w of writes) expect((await send(who, w)).statusCode, `${who} ${w[0]} ${w[1]}`).toBe(404);
    }
    expect((await c.pm.get(`/api/v1/risks/${r.id}`)).json()).toMatchObject({ title: 'Secret risk', version: 1, status: 'open' });
    expect((await c.pm.get(`/api/v1/issues/${issue.id}`)).json()).toMatchObject({ title: 'Secret issue', version: 1 });
    // The owner (a member) may review; the PM does everything.
    expect((await c.dev.post(`/api/v1/risks/${r.id}/reviews`, { version: 1, probability: 4, impact: 4, nextReviewDate: '2026-03-20' })).statusCode).toBe(200);
    expect((await c.pm.patch(`/api/v1/risks/${r.id}`, { version: 2, title: 'Renamed' })).statusCode).toBe(200);
    expect((await c.pm.post(`/api/v1/risks/${r.id}/occur`, { version: 3 })).statusCode).toBe(201);
    expect((await new Client(t.app).get(`/api/v1/projects/${p.id}/risks`)).statusCode).toBe(401);
  });
});
