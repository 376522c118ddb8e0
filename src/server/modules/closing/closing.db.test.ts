import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { signInCast } from '../../../../test/cast.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';

let t: TestApp;
let orgId: string;
const c: Record<string, Client> = {};
const creds: Record<string, { email: string; password: string }> = {};
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const cast = await signInCast(t);
  orgId = cast.orgId;
  Object.assign(c, cast.c);
  Object.assign(id, cast.id);
  Object.assign(creds, cast.login);
});
afterAll(() => t.close());

type Res = { statusCode: number; body: string; json(): any };
const ok = async (p: Promise<Res>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.body ? r.json() : null;
};
/** Moves the clock (far enough that sessions lapse) and signs everyone in again. */
async function setClock(at: string) {
  t.clock.set(at);
  for (const [key, u] of Object.entries(creds)) c[key] = await new Client(t.app).signIn(u.email, u.password);
}
let seq = 0;
/** A project of `who` (PM One by default) with Dev on its team. */
async function newProject(body: Record<string, unknown> = {}, who = 'pm') {
  const p = await ok(c[who]!.post('/api/v1/projects', { code: `C${++seq}${Math.random().toString(36).slice(2, 6)}`, name: `Project ${seq}`, plannedStart: '2026-03-02', ...body }), 201);
  await ok(c[who]!.post(`/api/v1/projects/${p.id}/members`, { userId: id.dev }), 201);
  return p as { id: string; version: number; code: string; name: string };
}
const auditOf = (entityType: string) => t.database.db.selectFrom('audit_events').selectAll().where('entity_type', '=', entityType).orderBy('created_at').orderBy('id').execute();
const project = (pid: string) => ok(c.pm.get(`/api/v1/projects/${pid}`));

/** Ticks every checklist item, records acceptance and a retrospective with one lesson. */
async function makeReady(pid: string, lesson: Record<string, unknown> = {}) {
  const closing = await ok(c.pm.get(`/api/v1/projects/${pid}/closing`));
  for (const i of closing.checklist) await ok(c.pm.patch(`/api/v1/closing-items/${i.id}`, { version: i.version, done: true }));
  await ok(c.pm.request({ method: 'PUT', url: `/api/v1/projects/${pid}/closing`, json: { version: closing.version, acceptedBy: 'Zhang Wei (CIO)', acceptedOn: '2026-03-20', wentWell: 'Weekly demos' } }));
  return ok(c.pm.post(`/api/v1/projects/${pid}/lessons`, { title: 'Freeze scope before UAT', ...lesson }), 201);
}

describe('closing: checklist, acceptance, retrospective', () => {
  it('makes the default checklist on the manager\'s first visit; readers see it; entering `closing` makes it too', async () => {
    const p = await newProject();
    // A reader's visit before the manager's writes nothing.
    const before = await ok(c.pmo.get(`/api/v1/projects/${p.id}/closing`));
    expect(before).toMatchObject({ checklist: [], version: 0, abilities: { manage: false, close: false }, missing: ['checklist', 'acceptance', 'retrospective', 'lesson'] });
    const first = await ok(c.pm.get(`/api/v1/projects/${p.id}/closing`));
    expect(first.checklist.map((i: { key: string }) => i.key)).toEqual(['deliverables_accepted', 'final_invoice_issued', 'resources_released', 'documents_archived', 'contract_closed']);
    expect(first).toMatchObject({ version: 1, abilities: { manage: true, close: false }, projectStatus: 'planning' });
    // Visiting again adds nothing.
    expect((await ok(c.pm.get(`/api/v1/projects/${p.id}/closing`))).checklist).toHaveLength(5);
    expect((await ok(c.pmo.get(`/api/v1/projects/${p.id}/closing`))).checklist).toHaveLength(5);

    const q = await newProject();
    const pr = await project(q.id);
    await ok(c.pm.patch(`/api/v1/projects/${q.id}`, { version: pr.version, status: 'closing' }));
    expect((await ok(c.pmo.get(`/api/v1/projects/${q.id}/closing`))).checklist).toHaveLength(5);
  });

  it('refuses to close (422 naming what is missing) until checklist, acceptance and a retrospective with a lesson are there', async () => {
    const p = await newProject({ industry: 'Banking', tags: ['mobile'] });
    let pr = await project(p.id);
    await ok(c.pm.patch(`/api/v1/projects/${p.id}`, { version: pr.version, status: 'closing' }));
    pr = await project(p.id);
    const refused = await c.pm.patch(`/api/v1/projects/${p.id}`, { version: pr.version, status: 'closed' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.missing).toEqual(['checklist', 'acceptance', 'retrospective', 'lesson']);
    expect(refused.json().error.message).toMatch(/checklist.*acceptance.*retrospective.*lesson/);
    expect((await project(p.id)).status).toBe('closing');

    let closing = await ok(c.pm.get(`/api/v1/projects/${p.id}/closing`));
    for (const i of closing.checklist) await ok(c.pm.patch(`/api/v1/closing-items/${i.id}`, { version: i.version, done: true }));
    const added = await ok(c.pm.post(`/api/v1/projects/${p.id}/closing/items`, { label: 'Hand over admin passwords' }), 201);
    expect(added).toMatchObject({ key: null, label: 'Hand over admin passwords', position: 6, done: false });
    expect((await c.pm.post(`/api/v1/projects/${p.id}/close`, { version: pr.version })).json().error.details.missing).toEqual(['checklist', 'acceptance', 'retrospective', 'lesson']);
    await ok(c.pm.delete(`/api/v1/closing-items/${added.id}`, { version: added.version }), 204);

    closing = await ok(c.pm.request({ method: 'PUT', url: `/api/v1/projects/${p.id}/closing`, json: { version: closing.version, acceptedBy: '周强 (Head of Digital)', acceptedOn: '2026-03-20', acceptanceNote: 'Signed the acceptance form' } }));
    expect(closing).toMatchObject({ acceptedBy: '周强 (Head of Digital)', acceptedOn: '2026-03-20', version: 2, missing: ['retrospective', 'lesson'] });
    // A stale version answers 409 with the current record.
    const stale = await c.pm.request({ method: 'PUT', url: `/api/v1/projects/${p.id}/closing`, json: { version: 1, wentWell: 'x' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ version: 2, acceptedBy: '周强 (Head of Digital)' });
    closing = await ok(c.pm.request({ method: 'PUT', url: `/api/v1/projects/${p.id}/closing`, json: { version: 2, wentWell: 'Daily stand-ups with the bank', wentBadly: 'App store review took 3 weeks' } }));
    expect(closing.missing).toEqual(['lesson']);
    expect((await c.pm.post(`/api/v1/projects/${p.id}/close`, { version: pr.version })).json().error.details.missing).toEqual(['lesson']);

    const lesson = await ok(c.pm.post(`/api/v1/projects/${p.id}/lessons`, { title: 'Submit to the app stores early', whatHappened: 'Review took 3 weeks', why: 'First submission of a banking app', recommendation: 'Submit a beta build a month ahead', category: 'schedule' }), 201);
    // Industry copied from the project; tags default to its tags.
    expect(lesson).toMatchObject({ industry: 'Banking', tags: ['mobile'], projectId: p.id, projectCode: p.code, createdByName: 'PM One', abilities: { update: true, delete: true } });
    closing = await ok(c.pm.get(`/api/v1/projects/${p.id}/closing`));
    expect(closing).toMatchObject({ missing: [], abilities: { manage: true, close: true } });
    expect(closing.lessons.map((l: { id: string }) => l.id)).toEqual([lesson.id]);

    // Only the manager closes.
    for (const who of ['pmo', 'exec', 'dev']) expect((await c[who]!.post(`/api/v1/projects/${p.id}/close`, { version: pr.version })).statusCode, who).toBe(403);
    for (const who of ['pm2', 'outsider', 'rep', 'foreign']) expect((await c[who]!.post(`/api/v1/projects/${p.id}/close`, { version: pr.version })).statusCode, who).toBe(404);
    expect((await c.pm.post(`/api/v1/projects/${p.id}/close`, { version: pr.version - 1 })).statusCode).toBe(409);
    const closed = await ok(c.pm.post(`/api/v1/projects/${p.id}/close`, { version: pr.version }));
    expect(closed).toMatchObject({ status: 'closed', version: pr.version + 1 });
    closing = await ok(c.pmo.get(`/api/v1/projects/${p.id}/closing`));
    expect(closing).toMatchObject({ projectStatus: 'closed', closedByName: 'PM One', abilities: { manage: false, close: false } });
    expect(closing.closedAt).toBe(t.clock.now().toISOString());
    // Closed: the record is kept as it was.
    expect((await c.pm.request({ method: 'PUT', url: `/api/v1/projects/${p.id}/closing`, json: { version: closing.version, wentWell: 'rewrite' } })).statusCode).toBe(422);
    expect((await c.pm.patch(`/api/v1/closing-items/${closing.checklist[0].id}`, { version: closing.checklist[0].version, done: false })).statusCode).toBe(422);
    expect((await c.pm.post(`/api/v1/projects/${p.id}/lessons`, { title: 'late' })).statusCode).toBe(422);
    // Nor can its lessons be rewritten or removed (closing required at least one).
    expect((await c.pm.patch(`/api/v1/lessons/${lesson.id}`, { version: lesson.version, title: 'rewritten' })).statusCode).toBe(422);
    expect((await c.pm.request({ method: 'DELETE', url: `/api/v1/lessons/${lesson.id}`, json: { version: lesson.version } })).statusCode).toBe(422);
    expect((await ok(c.pm.get(`/api/v1/lessons/${lesson.id}`))).title).toBe('Submit to the app stores early');
    // The library filtered by a project answers only those who may read the project.
    expect((await c.pm.get(`/api/v1/lessons?projectId=${p.id}`)).statusCode).toBe(200);
    for (const who of ['pm2', 'outsider', 'foreign']) expect((await c[who]!.get(`/api/v1/lessons?projectId=${p.id}`)).statusCode, who).toBe(404);

    const audit = (await auditOf('project')).filter((a) => a.entity_id === p.id && a.action === 'update').map((a) => JSON.parse(a.changes!).status).filter(Boolean);
    expect(audit).toEqual([['planning', 'closing'], ['closing', 'closed']]);
    expect((await auditOf('closing_item')).filter((a) => a.action === 'delete')).toHaveLength(1);
    expect((await auditOf('lesson')).some((a) => a.entity_id === lesson.id && a.action === 'create')).toBe(true);
  });

  it('answers 400 with field paths and 409 for stale items', async () => {
    const p = await newProject();
    const closing = await ok(c.pm.get(`/api/v1/projects/${p.id}/closing`));
    const bad = await c.pm.request({ method: 'PUT', url: `/api/v1/projects/${p.id}/closing`, json: { version: closing.version, acceptedOn: '2026-02-31' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toContain('acceptedOn');
    expect((await c.pm.post(`/api/v1/projects/${p.id}/closing/items`, { label: '' })).statusCode).toBe(400);
    expect((await c.pm.post(`/api/v1/projects/${p.id}/lessons`, { title: 'x', category: 'weather' })).json().error.details[0].path).toBe('category');
    const item = closing.checklist[0];
    await ok(c.pm.patch(`/api/v1/closing-items/${item.id}`, { version: item.version, done: true }));
    const stale = await c.pm.patch(`/api/v1/closing-items/${item.id}`, { version: item.version, done: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ done: true, doneByName: 'PM One', version: item.version + 1 });
  });

  it('access matrix: the manager manages; pmo, exec and members read; others and other organisations see nothing', async () => {
    const p = await newProject();
    const closing = await ok(c.pm.get(`/api/v1/projects/${p.id}/closing`));
    const item = closing.checklist[0];
    const lesson = await ok(c.pm.post(`/api/v1/projects/${p.id}/lessons`, { title: 'A lesson' }), 201);
    for (const who of ['pmo', 'exec', 'dev']) {
      expect((await c[who]!.get(`/api/v1/projects/${p.id}/closing`)).statusCode, who).toBe(200);
      expect((await c[who]!.request({ method: 'PUT', url: `/api/v1/projects/${p.id}/closing`, json: { version: closing.version, wentWell: 'x' } })).statusCode, who).toBe(403);
      expect((await c[who]!.post(`/api/v1/projects/${p.id}/closing/items`, { label: 'x' })).statusCode, who).toBe(403);
      expect((await c[who]!.patch(`/api/v1/closing-items/${item.id}`, { version: item.version, done: true })).statusCode, who).toBe(403);
      expect((await c[who]!.delete(`/api/v1/closing-items/${item.id}`, { version: item.version })).statusCode, who).toBe(403);
      expect((await c[who]!.post(`/api/v1/projects/${p.id}/lessons`, { title: 'x' })).statusCode, who).toBe(403);
      expect((await c[who]!.patch(`/api/v1/lessons/${lesson.id}`, { version: lesson.version, title: 'x' })).statusCode, who).toBe(403);
      expect((await c[who]!.delete(`/api/v1/lessons/${lesson.id}`, { version: lesson.version })).statusCode, who).toBe(403);
      expect((await ok(c[who]!.get(`/api/v1/lessons/${lesson.id}`))).abilities, who).toEqual({ update: false, delete: false });
    }
    for (const who of ['pm2', 'outsider', 'rep', 'foreign']) {
      expect((await c[who]!.get(`/api/v1/projects/${p.id}/closing`)).statusCode, who).toBe(404);
      expect((await c[who]!.request({ method: 'PUT', url: `/api/v1/projects/${p.id}/closing`, json: { version: closing.version, wentWell: 'x' } })).statusCode, who).toBe(404);
      expect((await c[who]!.post(`/api/v1/projects/${p.id}/closing/items`, { label: 'x' })).statusCode, who).toBe(404);
      expect((await c[who]!.patch(`/api/v1/closing-items/${item.id}`, { version: item.version, done: true })).statusCode, who).toBe(404);
      expect((await c[who]!.post(`/api/v1/projects/${p.id}/lessons`, { title: 'x' })).statusCode, who).toBe(404);
      expect((await c[who]!.get(`/api/v1/projects/${p.id}/suggested-lessons`)).statusCode, who).toBe(404);
    }
    // Lessons are the organisation's knowledge: a PM or team member not on the project reads them
    // in the library, may not change them; a salesperson has no library; another organisation never sees it.
    for (const who of ['pm2', 'outsider']) {
      expect((await ok(c[who]!.get(`/api/v1/lessons/${lesson.id}`))).abilities, who).toEqual({ update: false, delete: false });
      expect((await c[who]!.patch(`/api/v1/lessons/${lesson.id}`, { version: lesson.version, title: 'x' })).statusCode, who).toBe(403);
    }
    expect((await c.rep.get(`/api/v1/lessons/${lesson.id}`)).statusCode).toBe(404);
    expect((await c.rep.get('/api/v1/lessons')).statusCode).toBe(403);
    expect((await c.foreign.get(`/api/v1/lessons/${lesson.id}`)).statusCode).toBe(404);
    expect((await c.foreign.patch(`/api/v1/lessons/${lesson.id}`, { version: lesson.version, title: 'x' })).statusCode).toBe(404);
    expect((await ok(c.foreign.get('/api/v1/lessons?limit=200'))).items.map((l: { id: string }) => l.id)).not.toContain(lesson.id);
    // The manager edits and deletes with the version.
    const edited = await ok(c.pm.patch(`/api/v1/lessons/${lesson.id}`, { version: lesson.version, title: 'Edited', tags: ['x'] }));
    expect(edited).toMatchObject({ title: 'Edited', tags: ['x'], version: 2 });
    expect((await c.pm.delete(`/api/v1/lessons/${lesson.id}`, { version: 1 })).statusCode).toBe(409);
    await ok(c.pm.delete(`/api/v1/lessons/${lesson.id}`, { version: 2 }), 204);
    expect((await c.pm.get(`/api/v1/lessons/${lesson.id}`)).statusCode).toBe(404);
  });
});

describe('lessons: the library and suggestions', () => {
  it('searches title, what, why and recommendation (also in Chinese), filters by tag, industry and category, and pages by keyset', async () => {
    const p = await newProject({ industry: '医疗 Healthcare', tags: ['HIS', '等保 compliance'] });
    const q = await newProject({ industry: 'Retail', tags: ['e-commerce'] }, 'pm2');
    const made: string[] = [];
    const add = async (pid: string, who: string, body: Record<string, unknown>) => {
      t.clock.advance(1000);
      made.push((await ok(c[who]!.post(`/api/v1/projects/${pid}/lessons`, body), 201)).id);
    };
    await add(p.id, 'pm', { title: '数据迁移要提前演练', whatHappened: '上线前夜迁移失败', why: '没有全量演练', recommendation: '至少两次全量迁移演练', category: 'technical' });
    await add(p.id, 'pm', { title: 'Interface specs signed late', whatHappened: 'The lab vendor changed the HL7 format', why: 'No signed spec', recommendation: 'Sign interface specs with 100% test data', category: 'supplier', tags: ['HL7'] });
    await add(q.id, 'pm2', { title: 'Load test before the sales event', whatHappened: 'Checkout slowed down at 50% of peak', why: 'No load test with real traffic shape', recommendation: 'Replay last year\'s traffic', category: 'quality' });
    const search = async (qs: string, who = 'dev') => (await ok(c[who]!.get(`/api/v1/lessons?${qs}`))).items.map((l: { title: string }) => l.title);
    expect(await search(`q=${encodeURIComponent('演练')}`)).toEqual(['数据迁移要提前演练']);
    expect(await search(`q=${encodeURIComponent('迁移失败')}`)).toEqual(['数据迁移要提前演练']);
    expect(await search('q=hl7')).toEqual(['Interface specs signed late']);
    expect(await search('q=TRAFFIC')).toEqual(['Load test before the sales event']);
    expect(await search('q=100%25')).toEqual(['Interface specs signed late']);
    expect(await search('q=%25')).toEqual(['Load test before the sales event', 'Interface specs signed late']);
    expect(await search(`tag=${encodeURIComponent('等保 compliance')}`)).toEqual(['数据迁移要提前演练']);
    expect(await search('tag=HL7')).toEqual(['Interface specs signed late']);
    expect(await search(`industry=${encodeURIComponent('医疗 Healthcare')}`)).toEqual(['Interface specs signed late', '数据迁移要提前演练']);
    expect(await search('industry=Retail&category=quality')).toEqual(['Load test before the sales event']);
    expect(await search('industry=Retail&category=technical')).toEqual([]);
    // Everyone with the delivery workspace reads the whole library, newest first.
    for (const who of ['pm', 'pm2', 'pmo', 'exec', 'dev', 'outsider']) expect((await search('limit=200', who)).slice(0, 3), who).toEqual(['Load test before the sales event', 'Interface specs signed late', '数据迁移要提前演练']);
    expect(await search('limit=200', 'foreign')).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await ok(c.dev.get(`/api/v1/lessons?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 3)).toEqual([...made].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect((await c.dev.get('/api/v1/lessons?cursor=nonsense')).statusCode).toBe(400);
    const facets = await ok(c.dev.get('/api/v1/lessons/facets'));
    expect(facets.industries).toEqual(expect.arrayContaining(['Retail', '医疗 Healthcare']));
    expect(facets.tags).toEqual(expect.arrayContaining(['HL7', 'HIS', 'e-commerce']));
    expect((await ok(c.foreign.get('/api/v1/lessons/facets'))).industries).not.toContain('Retail');
  });

  it('suggests lessons of other projects by industry and shared tags, never its own nor another organisation\'s', async () => {
    const old = await newProject({ industry: 'Insurance', tags: ['BI', 'reporting'] });
    const other = await newProject({ industry: 'Energy', tags: ['IoT'] }, 'pm2');
    const l1 = await ok(c.pm.post(`/api/v1/projects/${old.id}/lessons`, { title: 'Agree metric definitions first' }), 201); // Insurance, BI, reporting
    const l2 = await ok(c.pm2.post(`/api/v1/projects/${other.id}/lessons`, { title: 'Plan for device firmware diversity', tags: ['IoT', 'BI'] }), 201); // Energy
    const l3 = await ok(c.pm2.post(`/api/v1/projects/${other.id}/lessons`, { title: 'Unrelated', tags: ['CRM'] }), 201);
    // Another organisation's lesson with the same industry and tags is never offered.
    const fp = await ok(c.foreign.post('/api/v1/projects', { code: 'FX1', name: 'Foreign', plannedStart: '2026-03-02', industry: 'Insurance', tags: ['BI'] }), 201);
    await ok(c.foreign.post(`/api/v1/projects/${fp.id}/lessons`, { title: 'Foreign lesson' }), 201);

    const fresh = await newProject({ industry: 'Insurance', tags: ['BI'] }, 'pm2');
    const s = await ok(c.pm2.get(`/api/v1/projects/${fresh.id}/suggested-lessons`));
    expect(s.items.map((x: { lesson: { id: string }; score: number }) => [x.lesson.id, x.score])).toEqual([[l1.id, 5], [l2.id, 2]]);
    expect(s.items[0]).toMatchObject({ sameIndustry: true, sharedTags: ['BI'], lesson: { title: 'Agree metric definitions first', projectCode: old.code } });
    expect(s.items.map((x: { lesson: { id: string } }) => x.lesson.id)).not.toContain(l3.id);
    // Its own lessons are not suggested to itself.
    expect((await ok(c.pm.get(`/api/v1/projects/${old.id}/suggested-lessons`))).items.map((x: { lesson: { id: string } }) => x.lesson.id)).toEqual([l2.id]);
    // Readers of the project see them; others do not see the project.
    for (const who of ['pmo', 'exec', 'dev']) expect((await ok(c[who]!.get(`/api/v1/projects/${fresh.id}/suggested-lessons`))).items, who).toHaveLength(2);
    for (const who of ['pm', 'outsider', 'foreign', 'rep']) expect((await c[who]!.get(`/api/v1/projects/${fresh.id}/suggested-lessons`)).statusCode, who).toBe(404);
  });
});

describe('portfolio and dashboard', () => {
  it('lists exactly the projects the caller may read, with filters and keyset pages', async () => {
    const mine = await newProject({ name: 'ZZ Portfolio mine', health: 'at_risk' });
    const theirs = await newProject({ name: 'ZZ Portfolio theirs' }, 'pm2');
    const all = async (who: string, qs = '') => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await ok(c[who]!.get(`/api/v1/portfolio?limit=3${qs}${cursor ? `&cursor=${cursor}` : ''}`));
        expect(page.items.length).toBeLessThanOrEqual(3);
        ids.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      return ids;
    };
    const visible = async (who: string) => (await ok(c[who]!.get('/api/v1/projects?limit=200'))).items.map((p: { id: string }) => p.id).sort();
    for (const who of ['pm', 'pm2', 'pmo', 'exec', 'dev', 'outsider', 'foreign']) expect((await all(who)).sort(), who).toEqual(await visible(who));
    expect(await all('pm')).toContain(mine.id);
    expect(await all('pm')).not.toContain(theirs.id);
    expect(await all('pmo')).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(await all('dev')).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(await all('outsider')).toEqual([]);
    expect(await all('foreign')).not.toContain(mine.id);
    expect((await c.rep.get('/api/v1/portfolio')).statusCode).toBe(403);
    expect(await all('pmo', `&health=at_risk&q=${encodeURIComponent('zz portfolio')}`)).toEqual([mine.id]);
    expect(await all('pmo', `&managerId=${id.pm2}&q=ZZ`)).toEqual([theirs.id]);
    expect((await all('pmo', '&status=closed')).includes(mine.id)).toBe(false);
    expect((await c.pmo.get('/api/v1/portfolio?health=great')).statusCode).toBe(400);
  });

  it('computes SPI/CPI in batch exactly as the project\'s earned value does, with budget, actual cost and next milestone', async () => {
    await setClock('2026-03-10T03:00:00.000Z');
    const made: string[] = [];
    for (let n = 0; n < 3; n++) {
      const p = await newProject({ name: `EV batch ${n}`, budgetLabour: 2_000_000 + n, budgetExpenses: 100_000 });
      made.push(p.id);
      const a = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'A', durationDays: 5, assignments: [{ userId: id.dev, units: 1 }] }), 201);
      const b = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'B', durationDays: 5, estimatedHours: 20 + n, assignments: [{ userId: id.dev, units: 1 }] }), 201);
      await ok(c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: a.id, successorId: b.id }), 201);
      await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: `Go-live ${n}`, kind: 'milestone', durationDays: 0 }), 201);
      if (n > 0) await ok(c.pm.post(`/api/v1/projects/${p.id}/baselines`, { name: 'Plan' }), 201);
      const plan = await ok(c.pm.get(`/api/v1/projects/${p.id}/plan`));
      const task = (name: string) => plan.tasks.find((x: { name: string }) => x.name === name);
      await ok(c.pm.patch(`/api/v1/tasks/${a.id}`, { version: task('A').version, percentComplete: 100, status: 'done' }));
      await ok(c.pm.patch(`/api/v1/tasks/${b.id}`, { version: task('B').version, percentComplete: 10 * n + 5, status: 'in_progress' }));
      if (n === 2) {
        const ex = await ok(c.dev.post(`/api/v1/projects/${p.id}/expenses`, { category: 'travel', amount: 50_000, date: '2026-03-05' }), 201);
        await ok(c.pm.post(`/api/v1/expenses/${ex.id}/approve`, { version: ex.version }));
        await ok(c.dev.request({ method: 'PUT', url: '/api/v1/timesheets/week', json: { weekStart: '2026-03-02', entries: [{ taskId: a.id, date: '2026-03-03', hours: 8 }] } }));
        await ok(c.dev.post('/api/v1/timesheets/submit', { weekStart: '2026-03-02' }));
        const sub = (await ok(c.pm.get(`/api/v1/projects/${p.id}/timesheets?status=submitted&limit=200`))).items;
        for (const e of sub) await ok(c.pm.post(`/api/v1/timesheet-entries/${e.id}/approve`, { version: e.version }));
      }
    }
    const page = await ok(c.pm.get(`/api/v1/portfolio?limit=50&q=${encodeURIComponent('EV batch')}`));
    expect(page.statusDate).toBe('2026-03-10');
    expect(page.items.map((p: { id: string }) => p.id)).toEqual(made);
    for (const item of page.items) {
      const ev = await ok(c.pm.get(`/api/v1/projects/${item.id}/earned-value`));
      expect(ev.statusDate).toBe('2026-03-10');
      expect({ bac: item.bac, pv: item.pv, ev: item.ev, ac: item.actualCost, spi: item.spi, cpi: item.cpi }).toEqual({ bac: ev.bac, pv: ev.pv, ev: ev.ev, ac: ev.ac, spi: ev.spi, cpi: ev.cpi });
      expect(item.nextMilestone.name).toMatch(/^Go-live/);
    }
    expect(page.items[0]).toMatchObject({ budget: 2_100_000, bac: 2_100_000, actualCost: 0, cpi: null });
    expect(page.items[2].actualCost).toBeGreaterThan(50_000);
    expect(page.items[2].cpi).not.toBeNull();
  });

  it('gives a PM a dashboard of their running projects with overdue tasks, open high risks and pending approvals', async () => {
    await setClock('2026-03-20T03:00:00.000Z');
    const p = await newProject({ name: 'Dash one' }, 'pm2');
    const q = await newProject({ name: 'Dash two' }, 'pm2');
    const a = await ok(c.pm2.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Late A', durationDays: 3, assignments: [{ userId: id.dev, units: 1 }] }), 201);
    await ok(c.pm2.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Late B', durationDays: 2 }), 201);
    const done = await ok(c.pm2.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Done', durationDays: 2 }), 201);
    await ok(c.pm2.patch(`/api/v1/tasks/${done.id}`, { version: done.version, percentComplete: 100, status: 'done' }));
    await ok(c.pm2.post(`/api/v1/projects/${p.id}/risks`, { title: 'High', probability: 4, impact: 4 }), 201);
    await ok(c.pm2.post(`/api/v1/projects/${p.id}/risks`, { title: 'Low', probability: 1, impact: 2 }), 201);
    await ok(c.pm2.post(`/api/v1/projects/${q.id}/risks`, { title: 'Closed high', probability: 5, impact: 5, status: 'closed' }), 201);
    await ok(c.dev.request({ method: 'PUT', url: '/api/v1/timesheets/week', json: { weekStart: '2026-03-16', entries: [{ taskId: a.id, date: '2026-03-16', hours: 4 }, { taskId: a.id, date: '2026-03-17', hours: 4 }] } }));
    await ok(c.dev.post('/api/v1/timesheets/submit', { weekStart: '2026-03-16' }));
    const finished = await newProject({ name: 'Dash cancelled' }, 'pm2');
    await ok(c.pm2.patch(`/api/v1/projects/${finished.id}`, { version: (await ok(c.pm2.get(`/api/v1/projects/${finished.id}`))).version, status: 'cancelled' }));

    const d = await ok(c.pm2.get('/api/v1/me/delivery-dashboard'));
    expect(d.statusDate).toBe('2026-03-20');
    const byName = (n: string) => d.projects.find((x: { name: string }) => x.name === n);
    expect(byName('Dash one')).toMatchObject({ overdueTasks: 2, openHighRisks: 1, pendingApprovals: 2 });
    expect(byName('Dash two')).toMatchObject({ overdueTasks: 0, openHighRisks: 0, pendingApprovals: 0 });
    expect(byName('Dash cancelled')).toBeUndefined();
    expect(d.projects.every((x: { managerId: string }) => x.managerId === id.pm2)).toBe(true);
    expect(d.totals.overdueTasks).toBeGreaterThanOrEqual(2);
    // Only what they manage: a member or PMO gets no one else's projects.
    expect((await ok(c.dev.get('/api/v1/me/delivery-dashboard'))).projects).toEqual([]);
    expect((await ok(c.pmo.get('/api/v1/me/delivery-dashboard'))).projects).toEqual([]);
    expect((await ok(c.foreign.get('/api/v1/me/delivery-dashboard'))).projects.map((x: { managerId: string }) => x.managerId)).toEqual([id.foreign]);
  });
});

describe('closing API in the OpenAPI document', () => {
  it('lists the closing, lessons, portfolio and dashboard routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const p of ['/api/v1/projects/{id}/closing', '/api/v1/projects/{id}/closing/items', '/api/v1/closing-items/{id}', '/api/v1/projects/{id}/close', '/api/v1/lessons', '/api/v1/lessons/{id}', '/api/v1/projects/{id}/lessons', '/api/v1/projects/{id}/suggested-lessons', '/api/v1/portfolio', '/api/v1/me/delivery-dashboard']) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
    expect(doc.paths['/api/v1/portfolio'].get.parameters.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['status', 'health', 'managerId', 'limit', 'cursor']));
  });
});
