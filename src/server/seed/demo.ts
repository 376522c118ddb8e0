import type { Kysely } from 'kysely';
import type { DB, JobRole, Role, TeamKind } from '../db/schema.js';
import { inTransaction, type Executor } from '../db/transaction.js';
import { hashPassword } from '../lib/password.js';
import * as userRepo from '../modules/users/user.repository.js';
import { rebuildTeamClosure } from '../modules/teams/team.repository.js';
import { seedDemoClosing } from './demo-closing.js';
import { seedDemoDelivery } from './demo-delivery.js';
import { seedDemoEngagement } from './demo-engagement.js';
import { seedDemoQuality } from './demo-quality.js';
import { seedDemoSales } from './demo-sales.js';
import { seedDemoSalesExtra } from './demo-sales-extra.js';
import { seedDemoTime } from './demo-time.js';
import { createRandom, type Random } from './random.js';

export const DEMO_SEED = 20261127;
export const DEMO_ORG_NAME = 'Tandem Demo Co.';

export interface DemoLogin {
  key: string;
  email: string;
  name: string;
  jobRole: JobRole;
  roles: Role[];
  /** key of the team this person belongs to */
  team?: string;
  manager?: string;
}

/** The demo company's people. Later issues add their sales and delivery data to the same generator. */
export const DEMO_PEOPLE: DemoLogin[] = [
  { key: 'admin', email: 'admin@tandem.demo', name: 'Ada Admin / 管理员', jobRole: 'admin', roles: ['admin'] },
  { key: 'exec', email: 'exec@tandem.demo', name: '周建国 (Executive)', jobRole: 'executive', roles: ['executive'] },
  { key: 'salesmgr', email: 'sales.manager@tandem.demo', name: '王丽 Li Wang', jobRole: 'sales', roles: ['sales_manager', 'sales_rep'], team: 'sales', manager: 'exec' },
  { key: 'rep1', email: 'rep1@tandem.demo', name: '陈晨 Chen Chen', jobRole: 'sales', roles: ['sales_rep'], team: 'sales-east', manager: 'salesmgr' },
  { key: 'rep2', email: 'rep2@tandem.demo', name: 'Maya Patel', jobRole: 'sales', roles: ['sales_rep'], team: 'sales-east', manager: 'salesmgr' },
  { key: 'rep3', email: 'rep3@tandem.demo', name: '刘洋 Yang Liu', jobRole: 'sales', roles: ['sales_rep'], team: 'sales-west', manager: 'salesmgr' },
  { key: 'pmo', email: 'pmo@tandem.demo', name: '赵敏 Min Zhao', jobRole: 'project_manager', roles: ['pmo', 'project_manager'], team: 'delivery', manager: 'exec' },
  { key: 'pm1', email: 'pm1@tandem.demo', name: 'Oliver Brown', jobRole: 'project_manager', roles: ['project_manager'], team: 'delivery', manager: 'pmo' },
  { key: 'pm2', email: 'pm2@tandem.demo', name: '孙悦 Yue Sun', jobRole: 'project_manager', roles: ['project_manager'], team: 'delivery', manager: 'pmo' },
  { key: 'pm3', email: 'pm3@tandem.demo', name: 'Sofia García', jobRole: 'project_manager', roles: ['project_manager'], team: 'delivery', manager: 'pmo' },
  { key: 'dev1', email: 'member1@tandem.demo', name: '李强 Qiang Li', jobRole: 'delivery', roles: ['team_member'], team: 'engineering', manager: 'pmo' },
  { key: 'dev2', email: 'member2@tandem.demo', name: 'Emma Wilson', jobRole: 'delivery', roles: ['team_member'], team: 'engineering', manager: 'pmo' },
  { key: 'dev3', email: 'member3@tandem.demo', name: '黄磊 Lei Huang', jobRole: 'delivery', roles: ['team_member'], team: 'engineering', manager: 'pmo' },
];

const TEAMS: { key: string; name: string; kind: TeamKind; manager: string; parent?: string }[] = [
  { key: 'sales', name: 'Sales 销售部', kind: 'sales', manager: 'salesmgr' },
  { key: 'sales-east', name: 'Sales East 华东销售', kind: 'sales', manager: 'salesmgr', parent: 'sales' },
  { key: 'sales-west', name: 'Sales West 华西销售', kind: 'sales', manager: 'salesmgr', parent: 'sales' },
  { key: 'delivery', name: 'Delivery 交付部', kind: 'delivery', manager: 'pmo' },
  { key: 'engineering', name: 'Engineering 工程组', kind: 'delivery', manager: 'pmo', parent: 'delivery' },
];

/** Mainland China public holidays of 2026 and the weekend days worked in exchange (调休). */
export const CN_2026_EXCEPTIONS = [
  { date: '2026-01-01', name: '元旦 New Year', working: false },
  { date: '2026-01-02', name: '元旦 New Year', working: false },
  { date: '2026-01-04', name: '调休 make-up day', working: true },
  ...['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'].map((date) => ({ date, name: '春节 Spring Festival', working: false })),
  { date: '2026-02-14', name: '调休 make-up day', working: true },
  { date: '2026-02-28', name: '调休 make-up day', working: true },
  { date: '2026-04-06', name: '清明节 Qingming', working: false },
  ...['2026-05-01', '2026-05-04', '2026-05-05'].map((date) => ({ date, name: '劳动节 Labour Day', working: false })),
  { date: '2026-05-09', name: '调休 make-up day', working: true },
  { date: '2026-06-19', name: '端午节 Dragon Boat', working: false },
  { date: '2026-09-25', name: '中秋节 Mid-Autumn', working: false },
  ...['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({ date, name: '国庆节 National Day', working: false })),
  { date: '2026-09-20', name: '调休 make-up day', working: true },
  { date: '2026-10-10', name: '调休 make-up day', working: true },
];

const RATES: Record<JobRole, [cost: number, bill: number]> = {
  admin: [30000, 0],
  executive: [90000, 0],
  sales: [35000, 0],
  project_manager: [45000, 120000],
  delivery: [38000, 95000],
};

export interface SeedResult {
  orgId: string;
  people: Map<string, string>;
}

export async function demoCompanyExists(db: Kysely<DB>) {
  return !!(await db.selectFrom('organisations').select('id').where('name', '=', DEMO_ORG_NAME).limit(1).executeTakeFirst());
}

export async function isEmpty(db: Kysely<DB>) {
  return !(await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst());
}

/**
 * Creates the demo company. Deterministic: the same seed and clock give the same ids, names and
 * rates (only password salts differ).
 */
export async function seedDemo(db: Kysely<DB>, opts: { password: string; passwordCost: number; now: Date; seed?: number }): Promise<SeedResult> {
  const rnd = createRandom(opts.seed ?? DEMO_SEED);
  const base = Date.UTC(2024, 0, 1);
  const at = opts.now.toISOString();
  // Demo logins share one password, so one hash (at full cost) serves them all: first start
  // stays quick and scrypt's 128 MiB is needed once, not thirteen times at once.
  const hash = await hashPassword(opts.password, opts.passwordCost);
  return inTransaction(db, async (trx) => {
    const orgId = rnd.uuid(base);
    await trx.insertInto('organisations').values({ id: orgId, org_id: orgId, name: DEMO_ORG_NAME, currency: 'CNY', default_locale: 'zh-CN', default_time_zone: 'Asia/Shanghai', created_at: at, updated_at: at, version: 1 }).execute();
    const calendarId = await seedCalendar(trx, rnd, orgId, at, base);
    const people = new Map(DEMO_PEOPLE.map((p, i) => [p.key, rnd.uuid(base + 1000 + i)]));
    const teams = new Map(TEAMS.map((t, i) => [t.key, rnd.uuid(base + 500 + i)]));
    for (const t of TEAMS) {
      await trx
        .insertInto('teams')
        .values({ id: teams.get(t.key)!, org_id: orgId, name: t.name, kind: t.kind, manager_id: people.get(t.manager)!, parent_id: t.parent ? teams.get(t.parent)! : null, created_at: at, updated_at: at, version: 1 })
        .execute();
    }
    await rebuildTeamClosure(trx, orgId, at);
    // Managers first, so that manager_id references exist when a report is inserted.
    const ordered = [...DEMO_PEOPLE].sort((a, b) => depth(a) - depth(b));
    for (const p of ordered) {
      const [cost, bill] = RATES[p.jobRole];
      const row: userRepo.UserRow = {
        id: people.get(p.key)!,
        org_id: orgId,
        email: p.email,
        name: p.name,
        password_hash: hash,
        status: 'active',
        job_role: p.jobRole,
        manager_id: p.manager ? people.get(p.manager)! : null,
        team_id: p.team ? teams.get(p.team)! : null,
        calendar_id: calendarId,
        cost_rate: cost + rnd.int(0, 10) * 500,
        bill_rate: bill,
        weekly_capacity_hours: 40,
        locale: /[\u4e00-\u9fff]/.test(p.name) ? 'zh-CN' : 'en',
        time_zone: 'Asia/Shanghai',
        failed_sign_ins: 0,
        locked_until: null,
        last_sign_in_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      };
      await userRepo.insertUser(trx, row, p.roles);
      await userRepo.upsertRate(trx, orgId, row.id, '2024-01-01', row.cost_rate, row.bill_rate, at);
    }
    // Delivery: twelve projects with plans, baselines and progress (demo-delivery.ts).
    await seedDemoDelivery(trx, { orgId, people, calendarId, now: opts.now, seed: opts.seed ?? DEMO_SEED });
    // Around the projects: time and expenses, risks; quality and changes; stakeholders, communication and reports; closing and lessons.
    const extra = { orgId, people, now: opts.now, seed: opts.seed ?? DEMO_SEED };
    await seedDemoTime(trx, extra);
    await seedDemoQuality(trx, extra);
    await seedDemoEngagement(trx, extra);
    await seedDemoClosing(trx, extra);
    // Sales: two years of customers, deals and the work around them (demo-sales.ts).
    await seedDemoSales(trx, extra);
    // Leads, quotes, contracts and orders, surveys, feedback, quotas, market sizes, forecast snapshots.
    await seedDemoSalesExtra(trx, extra);
    return { orgId, people };
  });
}

function depth(p: DemoLogin): number {
  let d = 0;
  for (let cur = p; cur.manager; d++) cur = DEMO_PEOPLE.find((x) => x.key === cur.manager)!;
  return d;
}

export async function seedCalendar(trx: Executor, rnd: Random, orgId: string, at: string, base: number) {
  const calendarId = rnd.uuid(base + 100);
  await trx.insertInto('calendars').values({ id: calendarId, org_id: orgId, name: '中国标准工作日 China standard', working_days: '1,2,3,4,5', hours_per_day: 8, is_default: 1, created_at: at, updated_at: at, version: 1 }).execute();
  await trx
    .insertInto('calendar_exceptions')
    .values(CN_2026_EXCEPTIONS.map((e, i) => ({ id: rnd.uuid(base + 200 + i), org_id: orgId, calendar_id: calendarId, date: e.date, name: e.name, working: e.working ? (1 as const) : (0 as const), created_at: at, updated_at: at, version: 1 })))
    .execute();
  return calendarId;
}

export function formatLogins(password: string, fromEnv: boolean): string {
  const w = Math.max(...DEMO_PEOPLE.map((p) => p.email.length));
  const lines = DEMO_PEOPLE.map((p) => `  ${p.email.padEnd(w)}  ${p.roles.join(', ')}`);
  return [`Demo logins (password: ${fromEnv ? '<TANDEM_DEMO_PASSWORD>' : password}):`, ...lines].join('\n');
}
