import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestDatabase, testConfig, TEST_PASSWORD_COST } from '../../../../test/setup.js';
import { buildApp } from '../../app.js';
import { DEMO_PEOPLE, seedDemo } from '../../seed/demo.js';

const PASSWORD = 'demo-password-for-tests';
const NOW = new Date('2026-03-02T09:00:00.000Z');
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.db, { password: PASSWORD, passwordCost: TEST_PASSWORD_COST, now: NOW });
});
afterAll(() => db?.drop());

describe('demo closing data', () => {
  it('closed projects have a full checklist, acceptance and a retrospective with 3–5 lessons; the closing one a partly ticked checklist', async () => {
    const projects = await db.db.selectFrom('projects').select(['id', 'code', 'status', 'industry']).where('status', 'in', ['closing', 'closed']).orderBy('code').execute();
    expect(projects.map((p) => p.status).sort()).toEqual(['closed', 'closed', 'closing']);
    for (const p of projects) {
      const items = await db.db.selectFrom('closing_checklist_items').selectAll().where('project_id', '=', p.id).execute();
      const closing = await db.db.selectFrom('project_closings').selectAll().where('project_id', '=', p.id).executeTakeFirstOrThrow();
      const lessons = await db.db.selectFrom('lessons').selectAll().where('project_id', '=', p.id).execute();
      expect(items).toHaveLength(5);
      if (p.status === 'closed') {
        expect(items.every((i) => i.done === 1 && i.done_by && i.done_at! <= NOW.toISOString()), p.code).toBe(true);
        expect(closing.accepted_by).not.toBe('');
        expect(closing.accepted_on! < '2026-03-02').toBe(true);
        expect(closing.went_well).not.toBe('');
        expect(closing.closed_at! < NOW.toISOString()).toBe(true);
        expect(lessons.length).toBeGreaterThanOrEqual(3);
        expect(lessons.length).toBeLessThanOrEqual(5);
        expect(lessons.every((l) => l.industry === p.industry && /[\u4e00-\u9fff]/.test(l.title) && /[A-Za-z]/.test(l.title))).toBe(true);
      } else {
        expect(items.filter((i) => i.done === 1).length).toBe(2);
        expect(closing.closed_at).toBeNull();
        expect(lessons).toHaveLength(0);
      }
    }
  });

  it('offers lessons to the planned and proposed projects, through the API', async () => {
    const app = await buildApp({ database: db, config: testConfig(), serveWeb: false, logger: false });
    try {
      const pmo = DEMO_PEOPLE.find((x) => x.key === 'pmo')!;
      const c = await new Client(app).signIn(pmo.email, PASSWORD);
      for (const code of ['PRJ-1010', 'PRJ-1011', 'PRJ-1012']) {
        const p = (await c.get(`/api/v1/projects?q=${code}`)).json().items[0];
        const s = (await c.get(`/api/v1/projects/${p.id}/suggested-lessons`)).json();
        expect(s.items.length, code).toBeGreaterThan(0);
      }
      const lib = (await c.get('/api/v1/lessons?limit=200')).json();
      expect(lib.items).toHaveLength(9);
    } finally {
      await app.close();
    }
  });
});
