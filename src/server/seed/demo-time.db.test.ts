import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EarnedValueResponse } from '../../contracts/timesheets.js';
import { Client, createTestDatabase, testConfig, TEST_PASSWORD_COST } from '../../../test/setup.js';
import { buildApp } from '../app.js';
import { FixedClock } from '../lib/clock.js';
import { DEMO_PEOPLE, seedDemo } from './demo.js';
import { DEMO_DAY_HOURS, RISK_PROJECT_STATUSES, TIME_PROJECT_STATUSES } from './demo-time.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

// A Wednesday: this week's Monday and Tuesday are drafts, last week is submitted, before that approved.
const NOW = new Date('2026-11-25T09:00:00.000Z');
const TODAY = '2026-11-25';
const THIS_MONDAY = '2026-11-23';
const LAST_MONDAY = '2026-11-16';

let a: TestDatabase;
let b: TestDatabase;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedDemo(a.db, { password: 'demo-time-test', passwordCost: TEST_PASSWORD_COST, now: NOW });
  await seedDemo(b.db, { password: 'demo-time-test', passwordCost: TEST_PASSWORD_COST, now: NOW });
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

const entriesOf = (d: TestDatabase) => d.db.selectFrom('timesheet_entries').selectAll().orderBy('id').execute();
const projectsOf = (d: TestDatabase) => d.db.selectFrom('projects').select(['id', 'code', 'status', 'manager_id', 'currency']).orderBy('code').execute();
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('demo time, expenses and risks', () => {
  it('is deterministic: the same seed and clock give the same rows', async () => {
    const strip = <T extends { created_at?: string }>(rows: T[]) => rows.map((r) => JSON.stringify(r));
    expect(strip(await entriesOf(a))).toEqual(strip(await entriesOf(b)));
    expect(strip(await a.db.selectFrom('expenses').selectAll().orderBy('id').execute())).toEqual(strip(await b.db.selectFrom('expenses').selectAll().orderBy('id').execute()));
    expect(strip(await a.db.selectFrom('risks').selectAll().orderBy('id').execute())).toEqual(strip(await b.db.selectFrom('risks').selectAll().orderBy('id').execute()));
  });

  it('logs time on the projects at work and done, within a few thousand rows', async () => {
    const entries = await entriesOf(a);
    expect(entries.length).toBeGreaterThan(300);
    expect(entries.length).toBeLessThan(5000);
    const projects = await projectsOf(a);
    const statusOf = new Map(projects.map((p) => [p.id, p.status]));
    expect(new Set(entries.map((e) => statusOf.get(e.project_id)))).toEqual(new Set(TIME_PROJECT_STATUSES));
    // Every project at work has time logged.
    for (const p of projects.filter((x) => (TIME_PROJECT_STATUSES as readonly string[]).includes(x.status))) expect(entries.some((e) => e.project_id === p.id), p.code).toBe(true);
  });

  it('never has a person over 8 h a day across projects, only quarter hours, only working days up to yesterday', async () => {
    const entries = await entriesOf(a);
    const exceptions = new Map((await a.db.selectFrom('calendar_exceptions').select(['date', 'working']).execute()).map((x) => [x.date, x.working === 1]));
    const perDay = new Map<string, number>();
    for (const e of entries) perDay.set(`${e.user_id}|${e.date}`, (perDay.get(`${e.user_id}|${e.date}`) ?? 0) + e.hours);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(DEMO_DAY_HOURS);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(24);
    for (const e of entries) {
      expect(e.hours).toBeGreaterThan(0);
      expect(Number.isInteger(e.hours * 4)).toBe(true);
      expect(e.date < TODAY).toBe(true);
      // Monday to Friday, except public holidays; a weekend day only when it is worked in exchange (调休).
      expect(exceptions.get(e.date) ?? ![0, 6].includes(weekdayOf(e.date)), e.date).toBe(true);
    }
    // One entry per person, task and day (what the week grid can show).
    expect(new Set(entries.map((e) => `${e.user_id}|${e.task_id}|${e.date}`)).size).toBe(entries.length);
  });

  it('logs hours only on tasks the person is assigned to, while the task was under way', async () => {
    const entries = await entriesOf(a);
    const assigned = new Set((await a.db.selectFrom('task_assignments').select(['task_id', 'user_id']).execute()).map((x) => `${x.task_id}|${x.user_id}`));
    const tasks = new Map((await a.db.selectFrom('tasks').select(['id', 'project_id', 'actual_start', 'early_start', 'actual_finish', 'status']).execute()).map((t) => [t.id, t]));
    const parents = new Set((await a.db.selectFrom('tasks').select('parent_id').where('parent_id', 'is not', null).execute()).map((t) => t.parent_id));
    for (const e of entries) {
      expect(assigned.has(`${e.task_id}|${e.user_id}`), `${e.user_id} on ${e.task_id}`).toBe(true);
      const t = tasks.get(e.task_id)!;
      expect(t.project_id).toBe(e.project_id);
      expect(parents.has(e.task_id)).toBe(false);
      expect(t.status).not.toBe('not_started');
      expect(e.date >= (t.actual_start ?? t.early_start)!).toBe(true);
      if (t.actual_finish) expect(e.date <= t.actual_finish).toBe(true);
    }
  });

  it('approves the weeks before last week, has last week submitted and this week in draft', async () => {
    const entries = await entriesOf(a);
    const managerOf = new Map((await projectsOf(a)).map((p) => [p.id, p.manager_id]));
    for (const e of entries) {
      const expected = e.date < LAST_MONDAY ? 'approved' : e.date < THIS_MONDAY ? 'submitted' : 'draft';
      expect(e.status, e.date).toBe(expected);
      if (e.status === 'approved') {
        expect(e.approved_by).toBe(managerOf.get(e.project_id));
        expect(e.approved_at! > e.date).toBe(true);
      } else expect(e.approved_by).toBeNull();
    }
    for (const s of ['approved', 'submitted', 'draft']) expect(entries.some((e) => e.status === s), s).toBe(true);
  });

  it('costs each entry at the person\'s rate in force on its date', async () => {
    const entries = await entriesOf(a);
    const rates = await a.db.selectFrom('user_rates').select(['user_id', 'effective_from', 'cost_rate']).orderBy('effective_from').execute();
    for (const e of entries.slice(0, 200)) {
      const rate = rates.filter((r) => r.user_id === e.user_id && r.effective_from <= e.date).at(-1)!.cost_rate;
      expect(Number(e.cost)).toBe(Math.round(e.hours * rate));
    }
  });

  it('records expenses, approved and waiting, in the project\'s currency', async () => {
    const expenses = await a.db.selectFrom('expenses').selectAll().execute();
    const projects = new Map((await projectsOf(a)).map((p) => [p.id, p]));
    expect(new Set(expenses.map((e) => e.status))).toEqual(new Set(['approved', 'submitted', 'rejected']));
    const members = new Set((await a.db.selectFrom('project_members').select(['project_id', 'user_id']).execute()).map((m) => `${m.project_id}|${m.user_id}`));
    for (const e of expenses) {
      const p = projects.get(e.project_id)!;
      expect(TIME_PROJECT_STATUSES as readonly string[]).toContain(p.status);
      expect(e.currency).toBe(p.currency);
      expect(Number(e.amount)).toBeGreaterThan(0);
      expect(e.date <= TODAY).toBe(true);
      expect(members.has(`${e.project_id}|${e.user_id}`)).toBe(true);
      expect(e.approved_by).toBe(e.status === 'approved' ? p.manager_id : null);
    }
    // Every project at work has one waiting for its manager.
    for (const p of [...projects.values()].filter((x) => x.status === 'executing')) expect(expenses.some((e) => e.project_id === p.id && e.status === 'submitted'), p.code).toBe(true);
  });

  it('gives each live project 5–10 risks with spread scores, reviews due, and an occurred risk that is an issue', async () => {
    const projects = await projectsOf(a);
    const risks = await a.db.selectFrom('risks').selectAll().execute();
    const issues = await a.db.selectFrom('issues').selectAll().execute();
    for (const p of projects) {
      const own = risks.filter((r) => r.project_id === p.id);
      if (!(RISK_PROJECT_STATUSES as readonly string[]).includes(p.status)) {
        expect(own, p.code).toHaveLength(0);
        continue;
      }
      expect(own.length, p.code).toBeGreaterThanOrEqual(5);
      expect(own.length, p.code).toBeLessThanOrEqual(10);
      // The heat map says something: several different scores, low to high.
      expect(new Set(own.map((r) => r.score)).size, p.code).toBeGreaterThanOrEqual(4);
      expect(Math.max(...own.map((r) => r.score)) - Math.min(...own.map((r) => r.score)), p.code).toBeGreaterThanOrEqual(8);
      for (const r of own) expect(r.score).toBe(r.probability * r.impact);
      expect(issues.filter((i) => i.project_id === p.id).length, p.code).toBeGreaterThanOrEqual(1);
      if (p.status === 'executing') {
        const occurred = own.filter((r) => r.status === 'occurred');
        expect(occurred, p.code).toHaveLength(1);
        const issue = issues.find((i) => i.id === occurred[0].issue_id)!;
        expect(issue.risk_id).toBe(occurred[0].id);
        expect(issue.project_id).toBe(p.id);
      }
    }
    // Some reviews are due or overdue today, some later.
    const live = risks.filter((r) => r.status === 'open' || r.status === 'monitoring');
    expect(live.some((r) => r.next_review_date! <= TODAY)).toBe(true);
    expect(live.some((r) => r.next_review_date! > TODAY)).toBe(true);
    expect(risks.filter((r) => r.status === 'occurred' || r.status === 'closed').every((r) => r.next_review_date === null)).toBe(true);
    expect(risks.every((r) => r.created_at.slice(0, 10) <= TODAY)).toBe(true);
  });

  it('keeps the review history consistent with the risk', async () => {
    const risks = new Map((await a.db.selectFrom('risks').selectAll().execute()).map((r) => [r.id, r]));
    const reviews = await a.db.selectFrom('risk_reviews').selectAll().orderBy('reviewed_at').execute();
    expect(reviews.length).toBeGreaterThan(10);
    const latest = new Map<string, (typeof reviews)[number]>();
    for (const r of reviews) {
      expect(r.score).toBe(r.probability * r.impact);
      latest.set(r.risk_id, r);
    }
    for (const [riskId, review] of latest) {
      const risk = risks.get(riskId)!;
      expect(review.project_id).toBe(risk.project_id);
      expect([review.probability, review.impact]).toEqual([risk.probability, risk.impact]);
      expect(risk.last_reviewed_at).toBe(review.reviewed_at);
    }
  });
});

/** CPI (EV / AC) a project of each health shows at today; closing and closed projects only have to stay believable. */
const CPI_BANDS: Record<string, [number, number]> = { on_track: [0.97, 1.08], at_risk: [0.88, 0.95], off_track: [0.78, 0.86] };
const SETTLED_CPI: [number, number] = [0.7, 1.2];

describe('demo earned value', () => {
  it('gives every project at work a CPI that fits its health, through the API, and none to a project not started', async () => {
    const app = await buildApp({ database: a, config: testConfig(), clock: new FixedClock(NOW), serveWeb: false, logger: false });
    try {
      const pmo = DEMO_PEOPLE.find((x) => x.key === 'pmo')!;
      const c = await new Client(app).signIn(pmo.email, 'demo-time-test');
      const projects = await a.db.selectFrom('projects').select(['id', 'code', 'status', 'health']).orderBy('code').execute();
      const seen = new Set<string>();
      const figures: EarnedValueResponse[] = [];
      for (const p of projects) {
        const res = await c.get(`/api/v1/projects/${p.id}/earned-value`);
        expect(res.statusCode, res.body).toBe(200);
        figures.push(res.json());
      }
      for (const [i, p] of projects.entries()) {
        const ev = figures[i];
        expect(ev.statusDate).toBe(TODAY);
        seen.add(p.status);
        if (p.status === 'executing') {
          const [lo, hi] = CPI_BANDS[p.health];
          expect(ev.bacSource, p.code).toBe('baseline');
          expect(ev.ev, p.code).toBeGreaterThan(0);
          expect(ev.acLabour, p.code).toBeGreaterThan(0);
          expect(ev.acExpenses, p.code).toBeGreaterThan(0);
          expect(ev.cpi, `${p.code} (${p.health}) CPI`).toBeGreaterThanOrEqual(lo);
          expect(ev.cpi, `${p.code} (${p.health}) CPI`).toBeLessThanOrEqual(hi);
        } else if (p.status === 'closing' || p.status === 'closed') {
          expect(ev.acLabour, p.code).toBeGreaterThan(0);
          expect(ev.cpi, `${p.code} (${p.status}) CPI`).toBeGreaterThanOrEqual(SETTLED_CPI[0]);
          expect(ev.cpi, `${p.code} (${p.status}) CPI`).toBeLessThanOrEqual(SETTLED_CPI[1]);
        } else if (p.status === 'planning' || p.status === 'proposed') {
          expect([ev.ac, ev.acLabour, ev.acExpenses, ev.ev], p.code).toEqual([0, 0, 0, 0]);
          expect(ev.cpi, p.code).toBeNull();
        }
      }
      // The demo has projects of every kind the rules above speak of.
      for (const s of ['executing', 'closing', 'closed', 'planning', 'proposed']) expect(seen.has(s), s).toBe(true);
      expect(new Set(projects.filter((p) => p.status === 'executing').map((p) => p.health))).toEqual(new Set(Object.keys(CPI_BANDS)));
    } finally {
      await app.close();
    }
  });

  it('books the rest of the actual cost as monthly subcontractor invoices over each project\'s elapsed time, approved and in the past', async () => {
    const projects = (await a.db.selectFrom('projects').select(['id', 'code', 'status', 'planned_start', 'planned_finish', 'manager_id']).orderBy('code').execute()).filter((p) =>
      (TIME_PROJECT_STATUSES as readonly string[]).includes(p.status),
    );
    const invoices = await a.db.selectFrom('expenses').selectAll().where('category', '=', 'subcontract').where('status', '=', 'approved').orderBy('date').execute();
    for (const p of projects) {
      const own = invoices.filter((e) => e.project_id === p.id);
      const months = new Set(own.map((e) => e.date.slice(0, 7)));
      expect(months.size, p.code).toBeGreaterThanOrEqual(3);
      for (const e of own) {
        expect(e.date >= p.planned_start, p.code).toBe(true);
        expect(e.date < LAST_MONDAY, p.code).toBe(true);
        if (p.planned_finish) expect(e.date <= p.planned_finish, p.code).toBe(true);
        expect(Number(e.amount)).toBeGreaterThan(0);
      }
    }
    // No cost at all on projects that have not started.
    const early = (await projectsOf(a)).filter((p) => p.status === 'planning' || p.status === 'proposed').map((p) => p.id);
    expect(early.length).toBeGreaterThan(0);
    expect(await a.db.selectFrom('expenses').select('id').where('project_id', 'in', early).execute()).toHaveLength(0);
    expect(await a.db.selectFrom('timesheet_entries').select('id').where('project_id', 'in', early).execute()).toHaveLength(0);
  });
});
