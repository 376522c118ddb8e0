import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMspdi } from '../../../domain/mspdi/index.js';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';
import { hashToken } from '../../lib/ids.js';
import { escapeText, foldLine, renderCalendar } from './ical.js';
import { importLimits } from './interchange.service.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test/fixtures/mspdi');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

let t: TestApp;
const c: Record<string, Client> = {};
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const orgId = (await buildOrg(t.database.db)).id;
  const people: [string, Parameters<typeof buildUser>[2]][] = [
    ['pm', { roles: ['project_manager'], jobRole: 'project_manager', name: 'PM One' }],
    ['pm2', { roles: ['project_manager'], jobRole: 'project_manager', name: 'PM Two' }],
    ['pmo', { roles: ['pmo'], jobRole: 'project_manager', name: 'PMO' }],
    ['dev', { roles: ['team_member'], jobRole: 'delivery', name: 'Dev' }],
    ['rep', { roles: ['sales_rep'], name: 'Rep' }],
    // The file's "Ada Lovelace" resource, by email.
    ['ada', { roles: ['team_member'], jobRole: 'delivery', name: 'Ada Lovelace', email: 'ada@example.test' }],
  ];
  for (const [key, opts] of people) {
    const u = await buildUser(t.database.db, orgId, opts);
    id[key] = u.id;
    c[key] = await new Client(t.app).signIn(u.email, u.password);
  }
  const other = await buildOrg(t.database.db);
  const o = await buildUser(t.database.db, other.id, { roles: ['pmo', 'project_manager'] });
  c.foreign = await new Client(t.app).signIn(o.email, o.password);
});
afterAll(() => t.close());

const xmlPost = (client: Client, url: string, xml: string | Buffer, contentType = 'application/xml') => client.request({ method: 'POST', url, payload: xml, headers: { 'content-type': contentType } });
const plan = async (projectId: string, client = c.pm) => (await client.get(`/api/v1/projects/${projectId}/plan`)).json();
const outline = (p: { tasks: { wbs: string; name: string }[] }) => p.tasks.map((x) => `${x.wbs} ${x.name}`);
const countProjects = async () => Number((await t.database.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function newProject(client = c.pm, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/projects', { code: `P${Math.random().toString(36).slice(2, 8)}`, name: 'Empty', plannedStart: '2026-03-02', ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('MSPDI import: a new project from a file', () => {
  let imported: Record<string, any>;

  beforeAll(async () => {
    const res = await xmlPost(c.pm, '/api/v1/projects/import', fixture('small-plan.xml'));
    expect(res.statusCode, res.body).toBe(201);
    imported = res.json();
  });

  it('creates the project from the file, managed by the caller, with its own calendar', async () => {
    expect(imported.project).toMatchObject({ code: 'WEBSITE-RELAUNCH', name: 'Website relaunch', managerId: id.pm, plannedStart: '2026-03-02', currency: 'EUR', status: 'planning', plannedFinish: '2026-03-11' });
    expect(imported.summary).toEqual({ tasks: 9, dependencies: 6, assignments: 2, membersAdded: 1, baselineTasks: 2, calendarId: imported.project.calendarId, calendarExceptions: 13 });
    const cal = (await c.pm.get('/api/v1/calendars')).json().items.find((x: { id: string }) => x.id === imported.project.calendarId);
    expect(cal).toMatchObject({ name: 'Project calendar (WEBSITE-RELAUNCH)', workingDays: [1, 2, 3, 4, 5], hoursPerDay: 8, isDefault: false });
    expect(cal.exceptions).toContainEqual({ date: '2026-03-07', name: 'Make-up Saturday', working: true });
  });

  it('writes the outline, durations, links with lags and the computed schedule', async () => {
    const p = await plan(imported.project.id);
    expect(outline(p)).toEqual(['1 Design', '1.1 Wireframes', '1.2 Review & sign-off', '2 Build', '2.1 Backend', '2.2 Frontend', '2.2.1 Screens', '2.3 API docs', '3 Go live']);
    const by = (name: string) => p.tasks.find((x: { name: string }) => x.name === name);
    expect(by('Design')).toMatchObject({ kind: 'summary', earlyStart: '2026-03-02', earlyFinish: '2026-03-04' });
    expect(by('Wireframes')).toMatchObject({ kind: 'task', durationDays: 2, percentComplete: 50, status: 'in_progress', estimatedHours: 32, actualStart: '2026-03-02' });
    expect(by('Backend')).toMatchObject({ earlyStart: '2026-03-03', earlyFinish: '2026-03-09' });
    expect(by('Screens')).toMatchObject({ constraintType: 'SNET', constraintDate: '2026-03-09', earlyStart: '2026-03-09', earlyFinish: '2026-03-11', critical: true });
    expect(by('Go live')).toMatchObject({ kind: 'milestone', durationDays: 0, earlyStart: '2026-03-11', constraintType: 'FNLT' });
    const links = p.dependencies.map((d: any) => [p.tasks.find((x: any) => x.id === d.predecessorId).name, p.tasks.find((x: any) => x.id === d.successorId).name, d.type, d.lagDays]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['Wireframes', 'Review & sign-off', 'FS', 0],
        ['Wireframes', 'Backend', 'SS', 1],
        ['Backend', 'Screens', 'FF', -1],
        ['Backend', 'API docs', 'SF', 2],
        ['Build', 'Go live', 'FS', 0],
        ['API docs', 'Go live', 'FS', 1],
      ]),
    );
    expect(p.baseline).toMatchObject({ name: 'Baseline (Microsoft Project)' });
    expect(p.baseline.tasks).toContainEqual({ taskId: by('Wireframes').id, start: '2026-03-02', finish: '2026-03-03' });
  });

  it('assigns people matched by email (adding them to the team) and reports the other resources', async () => {
    const p = await plan(imported.project.id);
    const by = (name: string) => p.tasks.find((x: { name: string }) => x.name === name);
    expect(by('Wireframes').assignments).toEqual([{ userId: id.ada, units: 1 }]);
    expect(by('Screens').assignments).toEqual([{ userId: id.ada, units: 0.5 }]);
    expect(by('Backend').assignments).toEqual([]);
    const members = (await c.pm.get(`/api/v1/projects/${imported.project.id}/members`)).json().items.map((m: { userId: string }) => m.userId);
    expect(members.sort()).toEqual([id.pm, id.ada].sort());
    const unmatched = imported.warnings.find((w: { code: string }) => w.code === 'resources_unmatched');
    expect(unmatched).toMatchObject({ count: 1, examples: ['Bob Builder'] });
    expect(imported.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['rounded_durations', 'alap_constraints', 'inactive_tasks', 'other_baselines']));
  });

  it('gives a second import of the same file a code of its own; takes code, name and start from the query', async () => {
    const again = await xmlPost(c.pm, '/api/v1/projects/import', fixture('small-plan.xml'), 'text/xml; charset=utf-8');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().project.code).toBe('WEBSITE-RELAUNCH-2');
    const named = await xmlPost(c.pmo, '/api/v1/projects/import?code=MSP-7&name=Relaunch%20from%20MSP&plannedStart=2026-03-09', fixture('small-plan.xml'));
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json().project).toMatchObject({ code: 'MSP-7', name: 'Relaunch from MSP', managerId: id.pmo, plannedStart: '2026-03-09' });
    const taken = await xmlPost(c.pm, '/api/v1/projects/import?code=MSP-7', fixture('small-plan.xml'));
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.details[0].path).toBe('code');
    expect((await xmlPost(c.pm, '/api/v1/projects/import?plannedStart=2026-02-31', fixture('small-plan.xml'))).statusCode).toBe(400);
  });
});

describe('MSPDI import: who may, and what is refused', () => {
  it('only project managers and the PMO import; signed out is 401', async () => {
    for (const who of ['rep', 'dev']) expect((await xmlPost(c[who], '/api/v1/projects/import', fixture('small-plan.xml'))).statusCode, who).toBe(403);
    expect((await xmlPost(new Client(t.app), '/api/v1/projects/import', fixture('small-plan.xml'))).statusCode).toBe(401);
  });

  it('imports into an empty project of one’s own; another PM gets 404, a member 403, a project with tasks 422', async () => {
    const p = await newProject();
    await c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id.dev });
    expect((await xmlPost(c.pm2, `/api/v1/projects/${p.id}/import`, fixture('small-plan.xml'))).statusCode).toBe(404);
    expect((await xmlPost(c.foreign, `/api/v1/projects/${p.id}/import`, fixture('small-plan.xml'))).statusCode).toBe(404);
    expect((await xmlPost(c.dev, `/api/v1/projects/${p.id}/import`, fixture('small-plan.xml'))).statusCode).toBe(403);
    expect((await xmlPost(c.pm, '/api/v1/projects/not-a-uuid/import', fixture('small-plan.xml'))).statusCode).toBe(404);
    const res = await xmlPost(c.pm, `/api/v1/projects/${p.id}/import`, fixture('small-plan.xml'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().project).toMatchObject({ id: p.id, code: p.code, name: 'Empty', plannedStart: '2026-03-02', plannedFinish: '2026-03-11', version: p.version + 1 });
    expect(res.json().project.calendarId).not.toBe(p.calendarId);
    expect(outline(await plan(p.id))).toHaveLength(9);
    const again = await xmlPost(c.pm, `/api/v1/projects/${p.id}/import`, fixture('small-plan.xml'));
    expect(again.statusCode).toBe(422);
    expect(outline(await plan(p.id))).toHaveLength(9);
  });

  it('refuses what is not XML, not MSPDI or broken with 400 saying why, JSON with 415', async () => {
    const cases: [string, string][] = [
      ['{"tasks": []}', 'not_xml'],
      [fixture('not-mspdi.xml'), 'not_mspdi'],
      [fixture('broken.xml'), 'malformed'],
      ['', 'not_xml'],
    ];
    for (const [body, reason] of cases) {
      const res = await xmlPost(c.pm, '/api/v1/projects/import', body);
      expect(res.statusCode, reason).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ path: 'file', reason }] });
    }
    const json = await c.pm.post('/api/v1/projects/import', { tasks: [] });
    expect(json.statusCode).toBe(415);
    expect((await xmlPost(c.pm, '/api/v1/projects/import', 'x', 'application/octet-stream')).statusCode).toBe(415);
  });

  it('answers 413 over the size limit and 422 over the task limit, writing nothing', async () => {
    const before = await countProjects();
    const saved = { ...importLimits };
    try {
      importLimits.maxBytes = 2000;
      const big = await xmlPost(c.pm, '/api/v1/projects/import', fixture('small-plan.xml'));
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('payload_too_large');
      importLimits.maxBytes = saved.maxBytes;
      importLimits.maxTasks = 5;
      const many = await xmlPost(c.pm, '/api/v1/projects/import', fixture('small-plan.xml'));
      expect(many.statusCode).toBe(422);
      expect(many.json().error.details).toMatchObject({ reason: 'too_many_tasks', limit: 5 });
    } finally {
      Object.assign(importLimits, saved);
    }
    // A declared length over the limit is refused before a byte is read.
    const declared = await c.pm.request({ method: 'POST', url: '/api/v1/projects/import', payload: '<Project/>', headers: { 'content-type': 'application/xml', 'content-length': String(300 * 1024 * 1024) } });
    expect(declared.statusCode).toBe(413);
    expect(await countProjects()).toBe(before);
  });

  it('refuses a file whose links go round in a circle with 422 naming the tasks, writing nothing', async () => {
    const before = await countProjects();
    const task = (uid: number, name: string, pred: number) =>
      `<Task><UID>${uid}</UID><ID>${uid}</ID><Name>${name}</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration><PredecessorLink><PredecessorUID>${pred}</PredecessorUID><Type>1</Type></PredecessorLink></Task>`;
    const xml = `<Project xmlns="http://schemas.microsoft.com/project"><Name>Loop</Name><StartDate>2026-03-02T08:00:00</StartDate><Tasks>${task(1, 'Egg', 2)}${task(2, 'Chicken', 1)}</Tasks></Project>`;
    const res = await xmlPost(c.pm, '/api/v1/projects/import', xml);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/Chicken/);
    expect(await countProjects()).toBe(before);
  });
});

describe('MSPDI export', () => {
  it('exports a plan built here that imports back to the same plan', async () => {
    const p = await newProject(c.pm, { name: 'Round trip', plannedStart: '2026-03-07' }); // a Saturday
    const add = async (body: Record<string, unknown>) => {
      const r = await c.pm.post(`/api/v1/projects/${p.id}/tasks`, body);
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const phase = await add({ name: 'Phase <1> & "more"', durationDays: 1 });
    const a = await add({ name: '设计 Design', durationDays: 3, parentId: phase.id, percentComplete: 100, actualStart: '2026-03-09', actualFinish: '2026-03-11' });
    const b = await add({ name: 'Build', durationDays: 5, parentId: phase.id, constraintType: 'SNET', constraintDate: '2026-03-12', estimatedHours: 60 });
    const test = await add({ name: 'Test', durationDays: 2, constraintType: 'FNLT', constraintDate: '2026-04-30' });
    const m = await add({ name: 'Go live', kind: 'milestone' });
    const k = await add({ name: 'Kick-off', kind: 'milestone' });
    for (const [pred, succ, type, lagDays] of [[a, b, 'SS', 2], [b, test, 'FF', 1], [phase, m, 'FS', 0], [test, m, 'SF', -1], [k, a, 'FS', 0]] as const) {
      const r = await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: pred.id, successorId: succ.id, type, lagDays });
      expect(r.statusCode, r.body).toBe(201);
    }
    await c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id.ada });
    const fresh = (await plan(p.id)).tasks.find((x: { id: string }) => x.id === a.id);
    await c.pm.patch(`/api/v1/tasks/${a.id}`, { version: fresh.version, assignments: [{ userId: id.ada, units: 0.5 }] });
    expect((await c.pm.post(`/api/v1/projects/${p.id}/baselines`, { name: 'Approved' })).statusCode).toBe(201);

    const res = await c.pm.get(`/api/v1/projects/${p.id}/export.mspdi`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${p.code}.xml"`);
    const doc = parseMspdi(res.body);
    expect(doc.tasks.map((x) => x.outlineNumber)).toEqual(['0', '1', '1.1', '1.2', '2', '3', '4']);

    const back = await xmlPost(c.pm2, '/api/v1/projects/import', res.body);
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().warnings).toEqual([]);
    expect(back.json().project).toMatchObject({ name: 'Round trip', plannedStart: '2026-03-09', plannedFinish: (await plan(p.id)).project.plannedFinish });
    const before = await plan(p.id);
    const after = await plan(back.json().project.id, c.pm2);
    const shape = (pl: any) => {
      const name = (taskId: string) => pl.tasks.find((x: any) => x.id === taskId).name;
      return {
        tasks: pl.tasks.map((x: any) => ({
          wbs: x.wbs, name: x.name, kind: x.kind, parent: x.parentId ? name(x.parentId) : null, durationDays: x.kind === 'summary' ? null : x.durationDays,
          constraintType: x.constraintType, constraintDate: x.constraintDate, percentComplete: x.percentComplete, actualStart: x.actualStart, actualFinish: x.actualFinish, estimatedHours: x.estimatedHours,
          earlyStart: x.earlyStart, earlyFinish: x.earlyFinish, lateStart: x.lateStart, lateFinish: x.lateFinish, totalFloat: x.totalFloat, freeFloat: x.freeFloat, critical: x.critical,
          assignments: x.assignments.map((y: any) => y.units),
        })),
        links: pl.dependencies.map((d: any) => `${name(d.predecessorId)} ${d.type}${d.lagDays} ${name(d.successorId)}`).sort(),
        baseline: pl.baseline.tasks.map((y: any) => `${name(y.taskId)} ${y.start} ${y.finish}`).sort(),
        critical: pl.criticalPath.map(name),
      };
    };
    expect(shape(after)).toEqual(shape(before));
  });

  it('is for those who may read the project', async () => {
    const p = await newProject();
    await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Only task' });
    expect((await c.pmo.get(`/api/v1/projects/${p.id}/export.mspdi`)).statusCode).toBe(200);
    for (const who of ['pm2', 'dev', 'foreign']) expect((await c[who].get(`/api/v1/projects/${p.id}/export.mspdi`)).statusCode, who).toBe(404);
    expect((await new Client(t.app).get(`/api/v1/projects/${p.id}/export.mspdi`)).statusCode).toBe(401);
    const empty = await newProject();
    const doc = parseMspdi((await c.pm.get(`/api/v1/projects/${empty.id}/export.mspdi`)).body);
    expect(doc.tasks.map((x) => x.uid)).toEqual(['0']);
  });

  it('is listed in the OpenAPI document', async () => {
    const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/projects/import', '/api/v1/projects/{id}/import', '/api/v1/projects/{id}/export.mspdi', '/api/v1/auth/me/calendar-feed', '/api/v1/ical/{token}.ics']));
  });
});

describe('iCalendar feed', () => {
  const feedPath = (url: string) => new URL(url).pathname;

  it('makes a secret URL (stored only hashed) that serves my tasks and my projects’ milestones without a session', async () => {
    const p = await newProject(c.pm, { name: 'Feed; project, with "commas"' });
    await c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id.dev });
    const task = (await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Write the migration, carefully; then test', durationDays: 3, assignments: [{ userId: id.dev, units: 1 }] })).json();
    await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Not mine', durationDays: 1 });
    const ms = (await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Launch', kind: 'milestone' })).json();
    await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: task.id, successorId: ms.id });

    expect((await c.dev.get('/api/v1/auth/me/calendar-feed')).json()).toEqual({ exists: false, createdAt: null, lastUsedAt: null });
    const made = await c.dev.post('/api/v1/auth/me/calendar-feed');
    expect(made.statusCode).toBe(201);
    const { url } = made.json();
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/api\/v1\/ical\/[A-Za-z0-9_-]{22}\.ics$/);
    const token = url.split('/').pop()!.replace('.ics', '');
    const stored = await t.database.db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', id.dev).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const res = await new Client(t.app).get(feedPath(url));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const body = res.body;
    expect(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = body.replace(/\r\n /g, '');
    expect(unfolded).toContain(`UID:task-${task.id}@tandem`);
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20260302\r\nDTEND;VALUE=DATE:20260305'); // Mon–Wed, DTEND the day after
    expect(unfolded).toContain('SUMMARY:' + p.code + ' · Write the migration\\, carefully\\; then test');
    expect(unfolded).toContain(`UID:task-${ms.id}@tandem`);
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20260304\r\nDTEND;VALUE=DATE:20260305');
    expect(unfolded).not.toContain('Not mine');
    expect((await c.dev.get('/api/v1/auth/me/calendar-feed')).json()).toMatchObject({ exists: true, createdAt: made.json().createdAt, lastUsedAt: expect.any(String) });

    // Rotating kills the old URL; turning it off kills the new one; unknown tokens are 404.
    const rotated = (await c.dev.post('/api/v1/auth/me/calendar-feed')).json().url;
    expect((await new Client(t.app).get(feedPath(url))).statusCode).toBe(404);
    expect((await new Client(t.app).get(feedPath(rotated))).statusCode).toBe(200);
    expect((await c.dev.delete('/api/v1/auth/me/calendar-feed', undefined)).statusCode).toBe(204);
    expect((await new Client(t.app).get(feedPath(rotated))).statusCode).toBe(404);
    expect((await new Client(t.app).get('/api/v1/ical/AAAAAAAAAAAAAAAAAAAAAA.ics')).statusCode).toBe(404);
    expect((await new Client(t.app).get('/api/v1/ical/short.ics')).statusCode).toBe(404);
    expect((await new Client(t.app).post('/api/v1/auth/me/calendar-feed')).statusCode).toBe(401);
  });

  it('shows the PM the milestones of the projects they manage', async () => {
    const p = await newProject(c.pm2, { name: 'Milestones only' });
    await c.pm2.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Sign-off', kind: 'milestone' });
    const url = (await c.pm2.post('/api/v1/auth/me/calendar-feed')).json().url;
    const body = (await new Client(t.app).get(new URL(url).pathname)).body.replace(/\r\n /g, '');
    expect(body).toContain('SUMMARY:◆ ' + p.code + ' · Sign-off');
    expect(body).toContain('CATEGORIES:Milestone');
  });
});

describe('iCalendar text', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\u0007')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
  it('folds lines at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'设计评审'.repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.slice(0, -2).split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
    }
    expect(parts.map((x, i) => (i ? x.slice(1) : x)).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x\r\n');
  });
  it('renders all-day events with DTEND the day after the last day', () => {
    const ics = renderCalendar({ name: 'Me', now: new Date('2026-03-02T09:00:00Z'), events: [{ uid: 'x@t', start: '2026-12-31', end: '2026-12-31', summary: 'New Year' }] });
    expect(ics).toContain('DTSTAMP:20260302T090000Z\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n');
  });
});
