import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { Client, createTestDatabase, TEST_PASSWORD_COST, testConfig } from '../../../test/setup.js';
import { DEMO_PEOPLE, seedDemo } from './demo.js';
import { QUALITY_PROJECT_STATUSES } from './demo-quality.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const NOW = new Date('2026-11-25T09:00:00.000Z');
const TODAY = '2026-11-25';
const PASSWORD = 'demo-quality-test';

let a: TestDatabase;
let b: TestDatabase;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedDemo(a.db, { password: PASSWORD, passwordCost: TEST_PASSWORD_COST, now: NOW });
  await seedDemo(b.db, { password: PASSWORD, passwordCost: TEST_PASSWORD_COST, now: NOW });
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

const rowsOf = (d: TestDatabase, table: 'deliverables' | 'deliverable_reviews' | 'defects' | 'change_requests') => d.db.selectFrom(table).selectAll().orderBy('id').execute();

describe('demo deliverables, defects and change requests', () => {
  it('is deterministic and small', async () => {
    for (const table of ['deliverables', 'deliverable_reviews', 'defects', 'change_requests'] as const) {
      const [x, y] = [await rowsOf(a, table), await rowsOf(b, table)];
      expect(x.map((r) => JSON.stringify(r))).toEqual(y.map((r) => JSON.stringify(r)));
      expect(x.length, table).toBeGreaterThan(0);
      expect(x.length, table).toBeLessThan(200);
    }
  });

  it('fits each project’s state: closed projects accepted everything; at work, rejected ones wait on open high defects', async () => {
    const projects = await a.db.selectFrom('projects').select(['id', 'code', 'status']).orderBy('code').execute();
    const statusOf = new Map(projects.map((p) => [p.id, p.status]));
    const deliverables = await rowsOf(a, 'deliverables');
    const defects = await rowsOf(a, 'defects');
    const reviews = await rowsOf(a, 'deliverable_reviews');
    expect(new Set(deliverables.map((d) => statusOf.get(d.project_id)))).toEqual(new Set(QUALITY_PROJECT_STATUSES));
    for (const d of deliverables) {
      const own = defects.filter((x) => x.deliverable_id === d.id);
      const blocking = own.filter((x) => (x.status === 'open' || x.status === 'fixed') && x.severity_rank >= 3);
      const criteria = JSON.parse(d.criteria) as { met: boolean }[];
      if (statusOf.get(d.project_id) === 'closed') expect(d.status, d.name).toBe('accepted');
      if (d.status === 'accepted') {
        expect(blocking, d.name).toEqual([]);
        expect(criteria.every((c) => c.met)).toBe(true);
        expect(d.accepted_at! <= NOW.toISOString()).toBe(true);
        expect(reviews.filter((r) => r.deliverable_id === d.id).at(-1)?.result).toBe('accepted');
      }
      if (d.status === 'rejected') expect(blocking.length, d.name).toBeGreaterThan(0);
      if (d.status === 'planned' || d.status === 'in_review') expect(reviews.some((r) => r.deliverable_id === d.id)).toBe(false);
    }
    for (const p of projects.filter((x) => x.status === 'executing')) expect(deliverables.some((d) => d.project_id === p.id && d.status === 'rejected'), p.code).toBe(true);
    for (const r of reviews) expect(r.review_date <= TODAY).toBe(true);
    // One first review per reviewed deliverable.
    const firsts = reviews.filter((r) => r.first_review === 1).map((r) => r.deliverable_id);
    expect(new Set(firsts).size).toBe(firsts.length);
    expect(new Set(firsts)).toEqual(new Set(reviews.map((r) => r.deliverable_id)));
  });

  it('numbers change requests 1…n per project with a counter that continues from there; closed projects decided them all', async () => {
    const projects = await a.db.selectFrom('projects').select(['id', 'code', 'status']).orderBy('code').execute();
    const changes = await rowsOf(a, 'change_requests');
    const counters = await a.db.selectFrom('change_request_counters').selectAll().execute();
    for (const p of projects) {
      const own = changes.filter((c) => c.project_id === p.id).map((c) => c.number).sort((x, y) => x - y);
      if (!(QUALITY_PROJECT_STATUSES as readonly string[]).includes(p.status)) {
        expect(own).toEqual([]);
        continue;
      }
      expect(own.length, p.code).toBeGreaterThanOrEqual(1);
      expect(own.length, p.code).toBeLessThanOrEqual(3);
      expect(own).toEqual(own.map((_, i) => i + 1));
      expect(counters.find((c) => c.project_id === p.id)?.last_number).toBe(own.length);
      const states = changes.filter((c) => c.project_id === p.id).map((c) => c.status);
      if (p.status === 'closed') expect(states.every((s) => s === 'approved' || s === 'rejected')).toBe(true);
      if (p.status === 'executing') expect(states).toContain('submitted');
    }
    for (const c of changes) {
      expect(c.decision_date === null).toBe(c.status !== 'approved' && c.status !== 'rejected');
      if (c.decision_date) expect(c.decision_date <= TODAY).toBe(true);
    }
  });

  it('opens through the API: pm1 reads their project’s quality and the next change request takes the next number', async () => {
    const app = await buildApp({ database: a, config: testConfig(), logger: false });
    try {
      const pm1 = DEMO_PEOPLE.find((p) => p.key === 'pm1')!;
      const c = await new Client(app).signIn(pm1.email, PASSWORD);
      const me = (await c.get('/api/v1/auth/me')).json().user;
      const project = (await c.get('/api/v1/projects?status=executing')).json().items.find((p: { managerId: string }) => p.managerId === me.id);
      const list = (await c.get(`/api/v1/projects/${project.id}/deliverables`)).json();
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.some((d: { status: string; blockingDefects: number }) => d.status === 'rejected' && d.blockingDefects > 0)).toBe(true);
      const before = (await c.get(`/api/v1/projects/${project.id}/change-requests`)).json().items.length;
      const cr = await c.post(`/api/v1/projects/${project.id}/change-requests`, { title: 'One more' });
      expect(cr.statusCode, cr.body).toBe(201);
      expect(cr.json().code).toBe(`CR-${before + 1}`);
    } finally {
      await app.close();
    }
  });
});
