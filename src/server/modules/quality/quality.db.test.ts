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
async function newProject(client = c.pm) {
  const res = await client.post('/api/v1/projects', { code: `Q${Math.random().toString(36).slice(2, 8)}`, name: 'Billing system', plannedStart: '2026-03-02', currency: 'EUR' });
  expect(res.statusCode, res.body).toBe(201);
  const p = res.json();
  for (const u of ['dev', 'dev2']) expect((await client.post(`/api/v1/projects/${p.id}/members`, { userId: id[u] })).statusCode).toBe(201);
  return p as { id: string };
}
async function addDeliverable(projectId: string, body: Record<string, unknown> = {}) {
  const res = await c.pm.post(`/api/v1/projects/${projectId}/deliverables`, { name: 'Design document', dueDate: '2026-04-30', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function addChange(projectId: string, body: Record<string, unknown> = {}, client = c.pm) {
  const res = await client.post(`/api/v1/projects/${projectId}/change-requests`, { title: 'Add SSO', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const count = async (table: 'deliverables' | 'deliverable_reviews' | 'defects' | 'change_requests' | 'audit_events') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const auditOf = (entityId: string) => t.database.db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('created_at').orderBy('id').execute();
const paths = (res: { json(): { error: { details: { path: string }[] } } }) => res.json().error.details.map((d) => d.path);

describe('deliverables', () => {
  it('creates one with its criteria, linked task and owner, reads it back and audits the write', async () => {
    const p = await newProject();
    const task = (await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Write the design', durationDays: 5 })).json();
    const d = await addDeliverable(p.id, { description: 'Architecture and data model', criteria: [{ text: 'Reviewed by the architect' }, { text: 'Signed by the customer', met: true }], taskId: task.id, ownerId: id.dev });
    expect(d).toMatchObject({
      projectId: p.id, name: 'Design document', description: 'Architecture and data model', criteriaMet: 1, criteriaTotal: 2, taskId: task.id, taskName: 'Write the design',
      dueDate: '2026-04-30', ownerId: id.dev, ownerName: 'Dev', status: 'planned', acceptedAt: null, openDefects: 0, blockingDefects: 0, version: 1,
      abilities: { update: true, review: true, logDefect: true },
    });
    expect(d.criteria.map((x: { text: string; met: boolean }) => [x.text, x.met])).toEqual([['Reviewed by the architect', false], ['Signed by the customer', true]]);
    expect(d.criteria.every((x: { id: string }) => typeof x.id === 'string')).toBe(true);
    expect((await c.dev.get(`/api/v1/deliverables/${d.id}`)).json()).toEqual({ ...d, abilities: { update: false, review: true, logDefect: true } });
    const audit = await auditOf(d.id);
    expect(audit.map((a) => [a.action, a.entity_type, a.actor_id])).toEqual([['create', 'deliverable', id.pm]]);
    expect(JSON.parse(audit[0]!.changes!)).toMatchObject({ name: [null, 'Design document'], owner_id: [null, id.dev], status: [null, 'planned'] });
  });

  it('edits with the version (criteria keep their ids), answers 409 when stale, and keeps the status rules', async () => {
    const p = await newProject();
    const d = await addDeliverable(p.id, { criteria: [{ text: 'A' }, { text: 'B' }] });
    const [a] = d.criteria;
    const up = await c.pm.patch(`/api/v1/deliverables/${d.id}`, { version: 1, name: 'Design v2', criteria: [{ id: a.id, text: 'A', met: true }, { text: 'C' }], status: 'in_review' });
    expect(up.statusCode, up.body).toBe(200);
    const after = up.json();
    expect(after).toMatchObject({ name: 'Design v2', status: 'in_review', criteriaMet: 1, criteriaTotal: 2, version: 2 });
    expect(after.criteria[0].id).toBe(a.id);
    expect(after.criteria.map((x: { text: string }) => x.text)).toEqual(['A', 'C']);
    const stale = await c.pm.patch(`/api/v1/deliverables/${d.id}`, { version: 1, name: 'Stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ name: 'Design v2', version: 2 });
    // accepted and rejected come only from a review
    expect(paths(await c.pm.patch(`/api/v1/deliverables/${d.id}`, { version: 2, status: 'accepted' }))).toContain('status');
    expect((await auditOf(d.id)).map((x) => x.action)).toEqual(['create', 'update']);
  });

  it('answers 400 with field paths and writes nothing', async () => {
    const p = await newProject();
    const other = await newProject();
    const foreignTask = (await c.pm.post(`/api/v1/projects/${other.id}/tasks`, { name: 'Elsewhere' })).json();
    const d = await addDeliverable(p.id);
    const before = { d: await count('deliverables'), audit: await count('audit_events') };
    const bad: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ dueDate: '2026-02-30' }, 'dueDate'],
      [{ ownerId: id.outsider }, 'ownerId'],
      [{ taskId: foreignTask.id }, 'taskId'],
      [{ criteria: [{ text: '' }] }, 'criteria.0.text'],
      [{ status: 'accepted' }, 'status'],
    ];
    for (const [body, path] of bad) {
      const created = await c.pm.post(`/api/v1/projects/${p.id}/deliverables`, { name: 'x', dueDate: '2026-05-01', ...body });
      expect(created.statusCode, JSON.stringify(body)).toBe(400);
      expect(paths(created), JSON.stringify(body)).toContain(path);
      const updated = await c.pm.patch(`/api/v1/deliverables/${d.id}`, { version: d.version, ...body });
      expect(updated.statusCode, JSON.stringify(body)).toBe(400);
      expect(paths(updated)).toContain(path);
    }
    expect(paths(await c.pm.post(`/api/v1/projects/${p.id}/deliverables`, {})).sort()).toEqual(['dueDate', 'name']);
    expect({ d: await count('deliverables'), audit: await count('audit_events') }).toEqual(before);
  });

  it('lists by due date then id, filters by status, pages by keyset and counts open defects per row', async () => {
    const p = await newProject();
    const made: Record<string, { id: string; version: number }> = {};
    for (const [name, dueDate, status] of [['c', '2026-06-01', 'planned'], ['a', '2026-04-01', 'in_review'], ['b', '2026-05-01', 'planned'], ['a2', '2026-04-01', 'planned'], ['d', '2026-07-01', 'in_review']] as const) {
      made[name] = await addDeliverable(p.id, { name, dueDate, status });
    }
    await c.pm.post(`/api/v1/deliverables/${made.b.id}/defects`, { title: 'Typo', severity: 'low' });
    await c.pm.post(`/api/v1/deliverables/${made.b.id}/defects`, { title: 'Wrong totals', severity: 'critical' });
    const list = async (q: string) => (await c.pm.get(`/api/v1/projects/${p.id}/deliverables${q}`)).json();
    const names = async (q: string) => (await list(q)).items.map((d: { name: string }) => d.name);
    expect(await names('')).toEqual(['a', 'a2', 'b', 'c', 'd']);
    expect(await names('?status=in_review')).toEqual(['a', 'd']);
    const all = await list('');
    expect(all.abilities).toEqual({ create: true });
    expect(all.items.find((d: { name: string }) => d.name === 'b')).toMatchObject({ openDefects: 2, blockingDefects: 1 });
    expect(all.items.find((d: { name: string }) => d.name === 'c')).toMatchObject({ openDefects: 0, blockingDefects: 0 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['a', 'a2', 'b', 'c', 'd']);
    expect((await c.pm.get(`/api/v1/projects/${p.id}/deliverables?cursor=nonsense`)).statusCode).toBe(400);
    expect((await c.pm.get(`/api/v1/projects/${p.id}/deliverables?status=done`)).statusCode).toBe(400);
  });
});

describe('reviews and acceptance', () => {
  it('a rejecting review logs its defects; acceptance waits for open high defects and unmet criteria; then it is accepted and final', async () => {
    const p = await newProject();
    const d = await addDeliverable(p.id, { criteria: [{ text: 'All screens built' }, { text: 'Load test passed' }], status: 'in_review' });
    const [first, second] = d.criteria as { id: string }[];

    t.clock.advance(MINUTE);
    const rejected = await c.dev.post(`/api/v1/deliverables/${d.id}/reviews`, {
      version: 1, result: 'rejected', comments: 'Login fails', reviewDate: '2026-04-20',
      defects: [{ title: 'Login fails with SSO', severity: 'high', assigneeId: id.dev2 }, { title: 'Button colour', severity: 'low' }],
    });
    expect(rejected.statusCode, rejected.body).toBe(201);
    const r1 = rejected.json();
    expect(r1.deliverable).toMatchObject({ status: 'rejected', openDefects: 2, blockingDefects: 1, version: 2, acceptedAt: null });
    expect(r1.review).toMatchObject({ reviewerId: id.dev, reviewerName: 'Dev', result: 'rejected', reviewDate: '2026-04-20', comments: 'Login fails', firstReview: true });
    expect(r1.defects.map((x: Record<string, unknown>) => [x.title, x.severity, x.status, x.assigneeName, x.foundByName, x.reviewId])).toEqual([
      ['Login fails with SSO', 'high', 'open', 'Dev Two', 'Dev', r1.review.id],
      ['Button colour', 'low', 'open', null, 'Dev', r1.review.id],
    ]);
    const high = r1.defects[0];

    // Accepting while the high defect is open: 422 naming it, and nothing is written.
    const before = { reviews: await count('deliverable_reviews'), defects: await count('defects'), audit: await count('audit_events') };
    const blocked = await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 2, result: 'accepted', metCriteria: [first.id, second.id] });
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error.message).toContain('Login fails with SSO');
    expect(blocked.json().error.details.blockingDefects.map((x: { id: string }) => x.id)).toEqual([high.id]);
    // A new high defect in an accepting review blocks too.
    const selfBlocked = await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 2, result: 'accepted', defects: [{ title: 'Crash', severity: 'critical' }] });
    expect(selfBlocked.statusCode).toBe(422);
    expect({ reviews: await count('deliverable_reviews'), defects: await count('defects'), audit: await count('audit_events') }).toEqual(before);

    // The assignee marks it fixed: still unresolved (not yet verified), still blocking.
    const fixed = await c.dev2.patch(`/api/v1/defects/${high.id}`, { version: 1, status: 'fixed' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'fixed', resolvedAt: null });
    expect((await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 2, result: 'accepted', metCriteria: [first.id, second.id] })).statusCode).toBe(422);
    // The assignee may not verify or close it; the PM does.
    expect((await c.dev2.patch(`/api/v1/defects/${high.id}`, { version: 2, status: 'verified' })).statusCode).toBe(403);
    t.clock.advance(MINUTE);
    const verified = await c.pm.patch(`/api/v1/defects/${high.id}`, { version: 2, status: 'verified' });
    expect(verified.json()).toMatchObject({ status: 'verified', resolvedAt: t.clock.now().toISOString() });

    // Now the criteria: one unmet answers 422 naming it.
    const unmet = await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 2, result: 'accepted', metCriteria: [first.id] });
    expect(unmet.statusCode).toBe(422);
    expect(unmet.json().error.message).toContain('Load test passed');
    // A low defect does not block.
    t.clock.advance(MINUTE);
    const accepted = await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 2, result: 'accepted', metCriteria: [first.id, second.id], reviewerId: id.dev, comments: 'Good', reviewDate: '2026-04-24' });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json().deliverable).toMatchObject({ status: 'accepted', criteriaMet: 2, acceptedAt: t.clock.now().toISOString(), openDefects: 1, blockingDefects: 0, version: 3, abilities: { review: false } });
    expect(accepted.json().review).toMatchObject({ reviewerName: 'Dev', firstReview: false, result: 'accepted' });

    // Accepted is final.
    expect((await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 3, result: 'rejected' })).statusCode).toBe(422);
    expect((await c.pm.patch(`/api/v1/deliverables/${d.id}`, { version: 3, status: 'in_review' })).statusCode).toBe(422);
    const history = (await c.exec.get(`/api/v1/deliverables/${d.id}/reviews`)).json().items;
    expect(history.map((h: Record<string, unknown>) => [h.result, h.reviewerName])).toEqual([['accepted', 'Dev'], ['rejected', 'Dev']]);
    expect((await auditOf(d.id)).map((a) => [a.action, a.actor_id])).toEqual([['create', id.pm], ['review', id.dev], ['review', id.pm]]);
  });

  it('needs_changes rejects; a member reviews only as themselves; a stale review answers 409; bad input 400', async () => {
    const p = await newProject();
    const d = await addDeliverable(p.id);
    expect((await c.dev.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 1, result: 'accepted', reviewerId: id.dev2 })).statusCode).toBe(403);
    expect(paths(await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 1, result: 'accepted', reviewerId: id.outsider }))).toContain('reviewerId');
    expect(paths(await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 1, result: 'maybe' }))).toContain('result');
    expect(paths(await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 1, result: 'rejected', defects: [{ title: 'x', severity: 'fatal' }] }))).toContain('defects.0.severity');
    expect(paths(await c.pm.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 1, result: 'rejected', metCriteria: [id.pm] }))).toContain('metCriteria');
    const r = await c.dev.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 1, result: 'needs_changes' });
    expect(r.json().deliverable).toMatchObject({ status: 'rejected', version: 2 });
    expect((await c.dev.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 1, result: 'accepted' })).statusCode).toBe(409);
    // Rework handed in again: back in review, and with no criteria and no defects it may be accepted.
    const back = await c.pm.patch(`/api/v1/deliverables/${d.id}`, { version: 2, status: 'in_review' });
    expect(back.json()).toMatchObject({ status: 'in_review', version: 3 });
    expect((await c.dev.post(`/api/v1/deliverables/${d.id}/reviews`, { version: 3, result: 'accepted' })).json().deliverable.status).toBe('accepted');
  });
});

describe('defects', () => {
  it('lists most severe first with filters and keyset pages; moves follow the rules; members log them', async () => {
    const p = await newProject();
    const d1 = await addDeliverable(p.id, { name: 'Manual' });
    const d2 = await addDeliverable(p.id, { name: 'Release' });
    const log = async (deliverableId: string, title: string, severity: string, client = c.pm) => {
      const res = await client.post(`/api/v1/deliverables/${deliverableId}/defects`, { title, severity, assigneeId: id.dev });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const low = await log(d1.id, 'Typo', 'low', c.dev2);
    expect(low).toMatchObject({ foundBy: id.dev2, foundByName: 'Dev Two', deliverableName: 'Manual', reviewId: null, abilities: { update: false, fix: false } });
    expect((await c.dev.get(`/api/v1/defects/${low.id}`)).json().abilities).toEqual({ update: false, fix: true });
    const crit = await log(d2.id, 'Data loss', 'critical');
    await log(d1.id, 'Slow search', 'medium');
    await log(d2.id, 'Wrong VAT', 'high');
    const list = async (q: string) => (await c.dev2.get(`/api/v1/projects/${p.id}/defects${q}`)).json();
    const titles = async (q: string) => (await list(q)).items.map((x: { title: string }) => x.title);
    expect(await titles('')).toEqual(['Data loss', 'Wrong VAT', 'Slow search', 'Typo']);
    expect(await titles(`?deliverableId=${d1.id}`)).toEqual(['Slow search', 'Typo']);
    expect(await titles('?severity=high')).toEqual(['Wrong VAT']);
    expect((await list('')).items[0].abilities).toEqual({ update: false, fix: false });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((x) => x.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Data loss', 'Wrong VAT', 'Slow search', 'Typo']);

    // open → verified skips the fix: 422. open → closed (won't fix) is allowed, and re-opening.
    expect((await c.pm.patch(`/api/v1/defects/${crit.id}`, { version: 1, status: 'verified' })).statusCode).toBe(422);
    const closed = await c.pm.patch(`/api/v1/defects/${low.id}`, { version: 1, status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(closed.json().resolvedAt).not.toBeNull();
    expect(await titles('?status=unresolved')).toEqual(['Data loss', 'Wrong VAT', 'Slow search']);
    expect(await titles('?status=closed')).toEqual(['Typo']);
    const reopened = await c.pm.patch(`/api/v1/defects/${low.id}`, { version: 2, status: 'open' });
    expect(reopened.json()).toMatchObject({ status: 'open', resolvedAt: null });
    // The assignee fixes theirs but may not rename it; another member may not touch it.
    expect((await c.dev.patch(`/api/v1/defects/${crit.id}`, { version: 1, status: 'fixed', title: 'Renamed' })).statusCode).toBe(403);
    expect((await c.dev2.patch(`/api/v1/defects/${crit.id}`, { version: 1, status: 'fixed' })).statusCode).toBe(403);
    expect((await c.dev.patch(`/api/v1/defects/${crit.id}`, { version: 1, status: 'fixed' })).json()).toMatchObject({ status: 'fixed', version: 2 });
    expect((await c.pm.patch(`/api/v1/defects/${crit.id}`, { version: 1, severity: 'low' })).statusCode).toBe(409);
    expect(paths(await c.pm.patch(`/api/v1/defects/${crit.id}`, { version: 2, assigneeId: id.outsider }))).toContain('assigneeId');
    expect((await auditOf(crit.id)).map((a) => [a.action, a.actor_id])).toEqual([['create', id.pm], ['update', id.dev]]);
  });
});

describe('change requests', () => {
  it('numbers CR-1, CR-2 … per project, also when raised at once, in the project currency', async () => {
    const p = await newProject();
    const q = await newProject();
    const a = await addChange(p.id, { costImpact: 1250000, scheduleImpactDays: 5, scopeImpact: 'One more interface', amendmentRef: 'AMD-7' });
    expect(a).toMatchObject({ number: 1, code: 'CR-1', status: 'draft', requestedBy: id.pm, requestedByName: 'PM One', costImpact: 1250000, currency: 'EUR', scheduleImpactDays: 5, amendmentRef: 'AMD-7', version: 1 });
    expect((await addChange(q.id)).code).toBe('CR-1');
    const many = await Promise.all([1, 2, 3, 4, 5].map((i) => c.pm.post(`/api/v1/projects/${p.id}/change-requests`, { title: `At once ${i}`, scheduleImpactDays: -i })));
    expect(many.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(many.map((r) => r.json().number).sort()).toEqual([2, 3, 4, 5, 6]);
    const list = (await c.dev.get(`/api/v1/projects/${p.id}/change-requests?limit=4`)).json();
    expect(list.items.map((x: { number: number }) => x.number)).toEqual([6, 5, 4, 3]);
    expect(list.abilities).toEqual({ create: true });
    const rest = (await c.dev.get(`/api/v1/projects/${p.id}/change-requests?limit=4&cursor=${list.nextCursor}`)).json();
    expect(rest.items.map((x: { number: number }) => x.number)).toEqual([2, 1]);
    expect(rest.nextCursor).toBeNull();
    expect(paths(await c.pm.post(`/api/v1/projects/${p.id}/change-requests`, { title: 'x', scheduleImpactDays: 1.5, costImpact: 'lots' })).sort()).toEqual(['costImpact', 'scheduleImpactDays']);
  });

  it('draft → submitted → approved by the PMO; rejection needs a note; bad moves answer 422', async () => {
    const p = await newProject();
    const cr = await addChange(p.id, { title: 'Extra report' }, c.dev);
    expect(cr.abilities).toEqual({ update: true, submit: true, withdraw: true, decide: false });
    const edited = await c.dev.patch(`/api/v1/change-requests/${cr.id}`, { version: 1, costImpact: -50000, description: 'Drop the PDF export instead' });
    expect(edited.json()).toMatchObject({ costImpact: -50000, version: 2 });
    expect((await c.dev.post(`/api/v1/change-requests/${cr.id}/decide`, { version: 2, decision: 'approved' })).statusCode).toBe(403);
    expect((await c.pm.post(`/api/v1/change-requests/${cr.id}/decide`, { version: 2, decision: 'approved' })).statusCode).toBe(422);
    t.clock.advance(MINUTE);
    const submitted = await c.dev.post(`/api/v1/change-requests/${cr.id}/submit`, { version: 2 });
    expect(submitted.json()).toMatchObject({ status: 'submitted', submittedAt: t.clock.now().toISOString(), version: 3, abilities: { update: false, submit: false, withdraw: true, decide: false } });
    expect((await c.dev.patch(`/api/v1/change-requests/${cr.id}`, { version: 3, title: 'Late edit' })).statusCode).toBe(422);
    expect((await c.dev.post(`/api/v1/change-requests/${cr.id}/submit`, { version: 3 })).statusCode).toBe(422);
    expect((await c.pmo.get(`/api/v1/change-requests/${cr.id}`)).json().abilities).toEqual({ update: false, submit: false, withdraw: false, decide: true });
    expect(paths(await c.pmo.post(`/api/v1/change-requests/${cr.id}/decide`, { version: 3, decision: 'rejected', note: '  ' }))).toEqual(['note']);
    expect((await c.pmo.post(`/api/v1/change-requests/${cr.id}/decide`, { version: 2, decision: 'approved' })).statusCode).toBe(409);
    const approved = await c.pmo.post(`/api/v1/change-requests/${cr.id}/decide`, { version: 3, decision: 'approved', note: 'Within contingency', decisionDate: '2026-04-02' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: id.pmo, decidedByName: 'PMO', decisionNote: 'Within contingency', decisionDate: '2026-04-02', version: 4 });
    expect(approved.json().abilities).toEqual({ update: false, submit: false, withdraw: false, decide: false });
    expect((await c.pm.post(`/api/v1/change-requests/${cr.id}/withdraw`, { version: 4 })).statusCode).toBe(422);
    expect((await c.pm.post(`/api/v1/change-requests/${cr.id}/decide`, { version: 4, decision: 'rejected', note: 'No' })).statusCode).toBe(422);
    expect((await auditOf(cr.id)).map((a) => [a.action, a.actor_id])).toEqual([['create', id.dev], ['update', id.dev], ['submit', id.dev], ['decide', id.pmo]]);

    const other = await addChange(p.id, { title: 'Second', submit: true });
    expect(other).toMatchObject({ number: 2, status: 'submitted' });
    const rejected = await c.pm.post(`/api/v1/change-requests/${other.id}/decide`, { version: 1, decision: 'rejected', note: 'Out of budget' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decidedBy: id.pm, decisionNote: 'Out of budget' });
    expect(rejected.json().decisionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const third = await addChange(p.id, { title: 'Third' }, c.dev2);
    // Only the requester (or the PM) edits, submits and withdraws.
    expect((await c.dev.post(`/api/v1/change-requests/${third.id}/withdraw`, { version: 1 })).statusCode).toBe(403);
    expect((await c.pm.post(`/api/v1/change-requests/${third.id}/withdraw`, { version: 1 })).json()).toMatchObject({ status: 'withdrawn' });
    expect((await c.dev2.post(`/api/v1/change-requests/${third.id}/submit`, { version: 2 })).statusCode).toBe(422);
    expect((await c.pm.get(`/api/v1/projects/${p.id}/change-requests?status=withdrawn`)).json().items.map((x: { code: string }) => x.code)).toEqual(['CR-3']);
  });
});

describe('access matrix', () => {
  it('every endpoint: 404 for who cannot read the project, 403 for read-only, the PM manages', async () => {
    const p = await newProject();
    const d = await addDeliverable(p.id, { name: 'Secret deliverable' });
    const defect = (await c.pm.post(`/api/v1/deliverables/${d.id}/defects`, { title: 'Secret defect', severity: 'low', assigneeId: id.dev })).json();
    const cr = await addChange(p.id, { title: 'Secret change', submit: true });
    const reads = [
      `/api/v1/projects/${p.id}/deliverables`, `/api/v1/deliverables/${d.id}`, `/api/v1/deliverables/${d.id}/reviews`, `/api/v1/projects/${p.id}/defects`, `/api/v1/defects/${defect.id}`,
      `/api/v1/projects/${p.id}/change-requests`, `/api/v1/change-requests/${cr.id}`,
    ];
    type W = [string, string, Record<string, unknown>];
    const pmOnly: W[] = [
      ['post', `/api/v1/projects/${p.id}/deliverables`, { name: 'Sneaky', dueDate: '2026-05-01' }],
      ['patch', `/api/v1/deliverables/${d.id}`, { version: 1, name: 'Hijacked' }],
      ['patch', `/api/v1/defects/${defect.id}`, { version: 1, title: 'Hijacked' }],
    ];
    const teamOnly: W[] = [
      ['post', `/api/v1/deliverables/${d.id}/reviews`, { version: 1, result: 'rejected' }],
      ['post', `/api/v1/deliverables/${d.id}/defects`, { title: 'Sneaky' }],
    ];
    const assigneeOnly: W[] = [['patch', `/api/v1/defects/${defect.id}`, { version: 1, status: 'fixed' }]];
    const deciders: W[] = [['post', `/api/v1/change-requests/${cr.id}/decide`, { version: 1, decision: 'approved' }]];
    const requesterOnly: W[] = [
      ['patch', `/api/v1/change-requests/${cr.id}`, { version: 1, title: 'Hijacked' }],
      ['post', `/api/v1/change-requests/${cr.id}/withdraw`, { version: 1 }],
      ['post', `/api/v1/change-requests/${cr.id}/submit`, { version: 1 }],
    ];
    const raise: W = ['post', `/api/v1/projects/${p.id}/change-requests`, { title: 'Raised by a reader' }];
    const send = (who: string, [method, url, body]: W) => (method === 'post' ? c[who].post(url, body) : c[who].patch(url, body));
    const expectAll = async (who: string, ws: W[], status: number) => {
      for (const w of ws) expect((await send(who, w)).statusCode, `${who} ${w[0]} ${w[1]}`).toBe(status);
    };

    // Cannot see the project: everything 404, including raising a change request.
    for (const who of ['pm2', 'outsider', 'foreign']) {
      for (const url of reads) expect((await c[who].get(url)).statusCode, `${who} GET ${url}`).toBe(404);
      await expectAll(who, [...pmOnly, ...teamOnly, ...assigneeOnly, ...deciders, ...requesterOnly, raise], 404);
    }
    // Read-only on quality: the PMO and executives (the PMO decides change requests).
    for (const who of ['pmo', 'exec']) {
      for (const url of reads) expect((await c[who].get(url)).statusCode, `${who} GET ${url}`).toBe(200);
      await expectAll(who, [...pmOnly, ...teamOnly, ...assigneeOnly, ...requesterOnly], 403);
      expect((await c[who].get(`/api/v1/deliverables/${d.id}`)).json().abilities).toEqual({ update: false, review: false, logDefect: false });
    }
    await expectAll('exec', deciders, 403);
    // A member (not the assignee): reads, reviews, logs defects, raises changes; may not manage or decide.
    for (const url of reads) expect((await c.dev2.get(url)).statusCode, `dev2 GET ${url}`).toBe(200);
    await expectAll('dev2', [...pmOnly, ...assigneeOnly, ...deciders, ...requesterOnly], 403);
    await expectAll('dev2', [raise], 201);
    await expectAll('exec', [raise], 201);
    await expectAll('pmo', [raise], 201);
    // Nothing changed by any of that.
    expect((await c.pm.get(`/api/v1/deliverables/${d.id}`)).json()).toMatchObject({ name: 'Secret deliverable', version: 1, status: 'planned' });
    expect((await c.pm.get(`/api/v1/defects/${defect.id}`)).json()).toMatchObject({ title: 'Secret defect', version: 1, status: 'open' });
    expect((await c.pm.get(`/api/v1/change-requests/${cr.id}`)).json()).toMatchObject({ title: 'Secret change', version: 1, status: 'submitted' });
    // The team: the assignee fixes, a member reviews and logs; the PMO decides; the PM manages.
    await expectAll('dev', assigneeOnly, 200);
    await expectAll('dev2', teamOnly, 201);
    await expectAll('pmo', deciders, 200);
    expect((await c.pm.patch(`/api/v1/deliverables/${d.id}`, { version: 2, name: 'Renamed' })).statusCode).toBe(200);
    expect((await c.pm.post(`/api/v1/projects/${p.id}/deliverables`, { name: 'Another', dueDate: '2026-05-01' })).statusCode).toBe(201);
    expect((await new Client(t.app).get(`/api/v1/projects/${p.id}/deliverables`)).statusCode).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents the quality and change request routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const p of ['/api/v1/projects/{id}/deliverables', '/api/v1/deliverables/{id}/reviews', '/api/v1/projects/{id}/defects', '/api/v1/defects/{id}', '/api/v1/projects/{id}/change-requests', '/api/v1/change-requests/{id}/decide']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.paths['/api/v1/deliverables/{id}/reviews'].post.requestBody.content['application/json'].schema.properties.result).toBeDefined();
  });
});
