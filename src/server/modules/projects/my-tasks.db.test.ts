import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInCast, type Cast } from '../../../../test/cast.js';
import { createTestApp, type TestApp } from '../../../../test/setup.js';
import { MyTaskPage } from '../../../contracts/projects.js';
import { uuidv7 } from '../../lib/ids.js';

let t: TestApp;
let cast: Cast;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  const { c, id } = cast;
  const project = async (name: string, plannedStart: string) => {
    const res = await c.pm.post('/api/v1/projects', { code: `M${Math.random().toString(36).slice(2, 8)}`, name, plannedStart });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    for (const userId of [id.dev, id.dev2]) expect((await c.pm.post(`/api/v1/projects/${p.id}/members`, { userId })).statusCode).toBe(201);
    return p.id as string;
  };
  const task = async (projectId: string, name: string, body: Record<string, unknown>) => {
    const res = await c.pm.post(`/api/v1/projects/${projectId}/tasks`, { name, ...body });
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json().id;
    return res.json();
  };
  // The test clock stands at 2026-03-02: the first project started a month earlier.
  ids.early = await project('Early project', '2026-02-02');
  ids.later = await project('Later project', '2026-03-02');
  const phase = await task(ids.early, 'Phase', { durationDays: 1 });
  await task(ids.early, 'Overdue build', { durationDays: 3, parentId: phase.id, assignments: [{ userId: id.dev, units: 1 }] });
  // The summary itself is assigned to dev, but only leaves are "my tasks".
  const at = new Date().toISOString();
  await t.database.db.insertInto('task_assignments').values({ id: uuidv7(), org_id: cast.orgId, project_id: ids.early, task_id: phase.id, user_id: id.dev, units: 1, created_at: at, updated_at: at, version: 1 }).execute();
  for (let i = 1; i <= 4; i++) await task(ids.later, `Later ${i}`, { durationDays: i * 2, assignments: [{ userId: id.dev, units: 0.5 }] });
  await task(ids.later, 'Not mine', { durationDays: 2, assignments: [{ userId: id.dev2, units: 1 }] });
  const done = await task(ids.later, 'Finished', { durationDays: 1, assignments: [{ userId: id.dev, units: 1 }] });
  const r = await c.dev.patch(`/api/v1/tasks/${done.id}`, { version: done.version, status: 'done', percentComplete: 100 });
  expect(r.statusCode, r.body).toBe(200);
});
afterAll(() => t.close());

const get = async (who: keyof Cast['c'], query = '') => {
  const res = await cast.c[who].get(`/api/v1/me/tasks${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const checked = MyTaskPage.safeParse(res.json());
  expect(checked.success, checked.error?.message).toBe(true);
  return res.json() as MyTaskPage;
};

describe('my tasks', () => {
  it('a member sees exactly their open assigned leaf tasks, by early finish, with project, late flag and abilities', async () => {
    const page = await get('dev');
    expect(page.items.map((x) => x.name)).toEqual(['Overdue build', 'Later 1', 'Later 2', 'Later 3', 'Later 4']);
    expect(page.nextCursor).toBeNull();
    const overdue = page.items[0];
    expect(overdue).toMatchObject({ id: ids['Overdue build'], projectId: ids.early, projectName: 'Early project', kind: 'task', status: 'not_started', units: 1, late: true, abilities: { reportProgress: true } });
    expect(overdue.earlyFinish! < '2026-03-02').toBe(true);
    expect(page.items[1]).toMatchObject({ projectId: ids.later, units: 0.5, late: false, wbs: expect.any(String) });
    const finishes = page.items.map((x) => x.earlyFinish!);
    expect([...finishes].sort()).toEqual(finishes);
    expect(page.items.map((x) => x.id)).not.toContain(ids.Phase);
  });

  it('does not call the tasks of a project on hold late', async () => {
    const { status } = await t.database.db.selectFrom('projects').select('status').where('id', '=', ids.early).executeTakeFirstOrThrow();
    await t.database.db.updateTable('projects').set({ status: 'on_hold' }).where('id', '=', ids.early).execute();
    try {
      const overdue = (await get('dev')).items.find((x) => x.id === ids['Overdue build']);
      expect(overdue).toMatchObject({ status: 'not_started', late: false });
    } finally {
      await t.database.db.updateTable('projects').set({ status }).where('id', '=', ids.early).execute();
    }
    expect((await get('dev')).items.find((x) => x.id === ids['Overdue build'])).toMatchObject({ late: true });
  });

  it('another member sees only theirs; people with no assignments and other organisations see none', async () => {
    expect((await get('dev2')).items.map((x) => x.name)).toEqual(['Not mine']);
    for (const who of ['pm', 'pmo', 'outsider', 'foreign'] as const) expect((await get(who, '?status=all')).items, who).toEqual([]);
  });

  it('status filters: done lists finished tasks (not late), all lists both; a closed project drops out of open', async () => {
    const done = await get('dev', '?status=done');
    expect(done.items.map((x) => x.name)).toEqual(['Finished']);
    expect(done.items[0]).toMatchObject({ status: 'done', percentComplete: 100, late: false });
    expect((await get('dev', '?status=all')).items).toHaveLength(6);
    await t.database.db.updateTable('projects').set({ status: 'cancelled' }).where('id', '=', ids.early).execute();
    try {
      expect((await get('dev')).items.map((x) => x.name)).not.toContain('Overdue build');
      expect((await get('dev', '?status=all')).items.map((x) => x.name)).toContain('Overdue build');
    } finally {
      await t.database.db.updateTable('projects').set({ status: 'planning' }).where('id', '=', ids.early).execute();
    }
  });

  it('pages by keyset without gaps or repeats; a bad cursor answers 400', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: MyTaskPage = await get('dev', `?status=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual((await get('dev', '?status=all')).items.map((x) => x.id));
    expect((await cast.c.dev.get('/api/v1/me/tasks?cursor=nonsense')).statusCode).toBe(400);
    expect((await cast.c.dev.get('/api/v1/me/tasks?status=late')).statusCode).toBe(400);
  });

  it('a member removed from a project no longer sees its tasks', async () => {
    const members = (await cast.c.pm.get(`/api/v1/projects/${ids.early}/members`)).json().items as { id: string; userId: string; version: number }[];
    const m = members.find((x) => x.userId === cast.id.dev)!;
    expect((await cast.c.pm.delete(`/api/v1/projects/${ids.early}/members/${m.id}`, { version: m.version })).statusCode).toBe(204);
    expect((await get('dev', '?status=all')).items.map((x) => x.projectId)).not.toContain(ids.early);
  });
});
