import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_PASSWORD_COST } from '../../../test/setup.js';
import { FixedClock } from '../lib/clock.js';
import { sweepCommunicationReminders } from '../modules/engagement/reminders.js';
import { DEMO_PEOPLE, seedDemo } from './demo.js';
import { DEMO_REPORT_WEEKS, ENGAGEMENT_PROJECT_STATUSES } from './demo-engagement.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

// A Wednesday (Shanghai): this week's Monday is 2026-11-23.
const NOW = new Date('2026-11-25T09:00:00.000Z');
const THIS_MONDAY = '2026-11-23';

let a: TestDatabase;
let b: TestDatabase;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedDemo(a.db, { password: 'demo-engagement-test', passwordCost: TEST_PASSWORD_COST, now: NOW });
  await seedDemo(b.db, { password: 'demo-engagement-test', passwordCost: TEST_PASSWORD_COST, now: NOW });
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

describe('demo stakeholders, communication plans and status reports', () => {
  it('is deterministic', async () => {
    for (const table of ['stakeholders', 'communication_items', 'status_reports'] as const) {
      const rows = async (d: TestDatabase) => (await d.db.selectFrom(table).selectAll().orderBy('id').execute()).map((r) => JSON.stringify(r));
      expect(await rows(a)).toEqual(await rows(b));
    }
  });

  it('gives every active project 5–8 stakeholders and a plan, and executing projects their past weekly reports', async () => {
    const projects = await a.db.selectFrom('projects').select(['id', 'status', 'manager_id', 'planned_start']).execute();
    const active = projects.filter((p) => (ENGAGEMENT_PROJECT_STATUSES as readonly string[]).includes(p.status));
    expect(active.length).toBeGreaterThan(0);
    for (const p of active) {
      const n = (await a.db.selectFrom('stakeholders').select('id').where('project_id', '=', p.id).execute()).length;
      expect(n).toBeGreaterThanOrEqual(5);
      expect(n).toBeLessThanOrEqual(8);
      const items = await a.db.selectFrom('communication_items').selectAll().where('project_id', '=', p.id).execute();
      expect(items.length).toBeGreaterThan(0);
      const stakeholderIds = new Set((await a.db.selectFrom('stakeholders').select('id').where('project_id', '=', p.id).execute()).map((s) => s.id));
      for (const i of items) for (const s of JSON.parse(i.stakeholder_ids) as string[]) expect(stakeholderIds.has(s)).toBe(true);
    }
    const reports = await a.db.selectFrom('status_reports').selectAll().execute();
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) {
      const p = projects.find((x) => x.id === r.project_id)!;
      expect(p.status).toBe('executing');
      expect(r.status).toBe('submitted');
      expect(r.week_of < THIS_MONDAY).toBe(true);
      expect(r.submitted_by).toBe(p.manager_id);
      const snapshot = JSON.parse(r.snapshot);
      expect(snapshot.reportDate).toBe(r.report_date);
      expect(typeof snapshot.earnedValue.bac).toBe('number');
    }
    for (const p of projects.filter((x) => x.status === 'executing')) {
      expect(reports.filter((r) => r.project_id === p.id).length).toBeLessThanOrEqual(DEMO_REPORT_WEEKS);
    }
  });

  it('has communication due for the demo project managers, so the reminder sweep notifies them once', async () => {
    const pm1 = (await a.db.selectFrom('users').select('id').where('email', '=', DEMO_PEOPLE.find((p) => p.key === 'pm1')!.email).executeTakeFirstOrThrow()).id;
    const clock = new FixedClock(NOW);
    expect(await sweepCommunicationReminders(a.db, clock)).toBeGreaterThan(0);
    const notes = await a.db.selectFrom('notifications').selectAll().where('user_id', '=', pm1).execute();
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.kind === 'communication_due')).toBe(true);
    expect(await sweepCommunicationReminders(a.db, clock)).toBe(0);
  });
});
