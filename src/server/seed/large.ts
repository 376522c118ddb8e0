import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { DB, JobRole, Role, TeamKind } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { hashPassword } from '../lib/password.js';
import { CN_2026_EXCEPTIONS } from './demo.js';
import { largeProjectBatches, type UserPlacement } from './large-delivery.js';
import { createRandom, type Random } from './random.js';

/**
 * The benchmark company: the demo company's shape at scale. Rows are generated stage by stage
 * (organisation → teams → users → … later accounts, opportunities, projects) and written in
 * batches, one transaction per batch, so that memory stays flat whatever the row counts.
 *
 * Every row is a pure function of (seed, kind, index): its id comes from `ctx.id(kind, i)` and its
 * attributes from `ctx.random(kind, i)`. A later stage can therefore reference "user 417" without
 * keeping earlier stages' rows in memory, and the output does not depend on the batch size.
 */
export const LARGE_SEED = 20261128;
export const LARGE_ORG_NAME = 'Tandem Large Co.';
export const LARGE_EMAIL_DOMAIN = 'large.tandem.test';
export const LARGE_ADMIN_EMAIL = `admin@${LARGE_EMAIL_DOMAIN}`;

/** Both dialects allow far more bound parameters than this (SQLite 32,766; PostgreSQL 65,535). */
const MAX_PARAMETERS_PER_STATEMENT = 30_000;

export interface LargeSeedOptions {
  /** Number of users, leaders included (default 1,000). */
  users?: number;
  /** Projects with plans, links and assignments (default 0; the CLI's default is 5 per user). */
  projects?: number;
  /** Every large user's password (the demo password). */
  password: string;
  passwordCost: number;
  now: Date;
  seed?: number;
  /** Rows of the stage's main table per batch (default 500); one transaction per batch. */
  batchSize?: number;
  /** Sales regions, sales teams (spread over the regions) and delivery teams. */
  shape?: Partial<LargeShape>;
  onProgress?: (p: SeedProgress) => void;
}

export interface LargeShape {
  regions: number;
  salesTeams: number;
  deliveryTeams: number;
}

export const DEFAULT_LARGE_SHAPE: LargeShape = { regions: 4, salesTeams: 20, deliveryTeams: 10 };

export interface SeedProgress {
  stage: string;
  /** Rows of the stage's main table written so far, and the stage's total. */
  done: number;
  total: number;
  /** Rows of every table written by the stage so far (e.g. users + roles + rates). */
  rows: number;
  elapsedMs: number;
}

export interface LargeSeedResult {
  orgId: string;
  adminEmail: string;
  /** Rows written, by table. */
  rows: Partial<Record<keyof DB, number>>;
  elapsedMs: number;
}

/** Rows for one table; a batch holds several, inserted in the order given. */
export type TableRows = { [T in keyof DB]: { table: T; rows: Insertable<DB[T]>[] } }[keyof DB];

export interface SeedBatch {
  /** How many of the stage's main rows this batch holds (for progress). */
  count: number;
  inserts: TableRows[];
}

/** What every stage sees: the plan, deterministic ids and randomness, and row defaults. */
export interface LargeContext {
  seed: number;
  orgId: string;
  at: string;
  batchSize: number;
  plan: LargePlan;
  passwordHash: string;
  /** The id of row i of a kind: stable across runs, unique by construction (see entityId). */
  id(kind: EntityKind, i: number): string;
  /** A generator private to row i of a kind, so its attributes do not depend on other rows. */
  random(kind: EntityKind, i: number): Random;
  /** id, org_id, created_at, updated_at, version for a new row. */
  base(kind: EntityKind, i: number): { id: string; org_id: string; created_at: string; updated_at: string; version: number };
}

export interface SeedStage {
  name: string;
  /** How many main rows the stage writes (for progress). */
  total(plan: LargePlan): number;
  batches(ctx: LargeContext): AsyncGenerator<SeedBatch>;
}

/**
 * Kinds of generated rows. Append only: a kind's position spaces its ids' timestamps apart from
 * every other kind's, which is what makes ids unique by construction.
 */
const ENTITY_KINDS = ['organisation', 'calendar', 'calendar_exception', 'team', 'team_closure', 'user', 'user_role', 'user_rate', 'project', 'project_member', 'task', 'task_assignment', 'dependency'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Ids carry timestamps from 2025-01-01, each kind in its own window of 10^9 ms (11.6 days). */
const ID_EPOCH = Date.UTC(2025, 0, 1);
const KIND_WINDOW = 1_000_000_000;

/** murmur3's finaliser over (seed, kind, index): a well-mixed 32-bit seed for one row's generator. */
function rowSeed(seed: number, kind: number, i: number): number {
  let h = (seed ^ Math.imul(kind + 1, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX4 = Array.from({ length: 0x10000 }, (_, n) => n.toString(16).padStart(4, '0'));

/**
 * createRandom(seed).uuid(ms), the same string, without a generator object: the delivery stage
 * makes about a million ids, and the closures of a generator per id dominated its profile.
 */
export function seededUuid(seed: number, ms: number): string {
  let a = seed >>> 0;
  const draws: number[] = [0, 0, 0, 0, 0, 0];
  for (let k = 0; k < 6; k++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    draws[k] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  const time = Math.floor(ms).toString(16).padStart(12, '0').slice(-12);
  const r = (k: number) => HEX4[Math.floor(draws[k] * 0x10000)];
  // Draw order of createRandom's uuid: random group, variant, random group, then three groups.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${r(0).slice(1)}-${(8 + Math.floor(draws[1] * 4)).toString(16)}${r(2).slice(1)}-${r(3)}${r(4)}${r(5)}`;
}

function createContext(seed: number, at: string, batchSize: number, plan: LargePlan, passwordHash: string): LargeContext {
  const kindIndex = new Map<EntityKind, number>(ENTITY_KINDS.map((k, i) => [k, i]));
  const random = (kind: EntityKind, i: number) => createRandom(rowSeed(seed, kindIndex.get(kind)!, i));
  // The timestamp part differs for every (kind, index), so two ids never collide whatever the random part.
  const id = (kind: EntityKind, i: number) => {
    if (i < 0 || i >= KIND_WINDOW) throw new Error(`Row index ${i} of ${kind} is out of range.`);
    const k = kindIndex.get(kind)!;
    return seededUuid(rowSeed(seed, k, i), ID_EPOCH + k * KIND_WINDOW + i);
  };
  const orgId = id('organisation', 0);
  return {
    seed,
    orgId,
    at,
    batchSize,
    plan,
    passwordHash,
    id,
    random,
    base: (kind, i) => ({ id: id(kind, i), org_id: orgId, created_at: at, updated_at: at, version: 1 }),
  };
}

// ---------------------------------------------------------------------------------------------
// The plan: team tree and leadership, small enough to hold in memory (tens of rows).

export interface PlannedTeam {
  name: string;
  kind: TeamKind;
  /** index of the parent team, or null for a root */
  parent: number | null;
  /** index of the user who manages the team */
  manager: number;
}

export interface PlannedLeader {
  jobRole: JobRole;
  roles: Role[];
  team: number | null;
  manager: number | null;
}

export interface LargePlan {
  users: number;
  /** Projects of the delivery stage (large-delivery.ts). */
  projects: number;
  shape: LargeShape;
  teams: PlannedTeam[];
  /** Users 0 … leaders.length - 1, in an order where every manager precedes their reports. */
  leaders: PlannedLeader[];
  salesTeamIndexes: number[];
  deliveryTeamIndexes: number[];
}

const REGIONS = [
  ['North', '华北'],
  ['East', '华东'],
  ['South', '华南'],
  ['West', '西部'],
  ['Central', '华中'],
  ['Northeast', '东北'],
] as const;
const DELIVERY_SITES = ['Beijing 北京', 'Shanghai 上海', 'Shenzhen 深圳', 'Chengdu 成都', 'Wuhan 武汉', "Xi'an 西安", 'Hangzhou 杭州', 'Nanjing 南京', 'Singapore 新加坡', 'Guangzhou 广州'];
const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function planLarge(users: number, shape: LargeShape = DEFAULT_LARGE_SHAPE, projects = 0): LargePlan {
  const { regions, salesTeams, deliveryTeams } = shape;
  if (regions < 1 || salesTeams < regions || deliveryTeams < 1) throw new Error('The large company needs at least one region, one sales team per region and one delivery team.');
  // Users: 0 admin, 1 chief executive, 2 head of sales, 3 head of delivery, then region, sales team and delivery team managers.
  const CEO = 1;
  const HEAD_OF_SALES = 2;
  const HEAD_OF_DELIVERY = 3;
  const firstRegionManager = 4;
  const firstSalesLead = firstRegionManager + regions;
  const firstDeliveryLead = firstSalesLead + salesTeams;
  const leaderCount = firstDeliveryLead + deliveryTeams;
  if (!Number.isInteger(users) || users < leaderCount) throw new Error(`The large company needs at least ${leaderCount} users (its administrator, executives and team managers); asked for ${users}.`);
  if (!Number.isInteger(projects) || projects < 0) throw new Error(`The number of projects is a whole number, 0 or more; asked for ${projects}.`);

  const teams: PlannedTeam[] = [{ name: 'Sales 销售中心', kind: 'sales', parent: null, manager: HEAD_OF_SALES }];
  const regionTeam = (r: number) => 1 + r;
  for (let r = 0; r < regions; r++) {
    const [en, zh] = REGIONS[r % REGIONS.length];
    const suffix = r >= REGIONS.length ? ` ${Math.floor(r / REGIONS.length) + 1}` : '';
    teams.push({ name: `Sales ${en}${suffix} ${zh}区`, kind: 'sales', parent: 0, manager: firstRegionManager + r });
  }
  const salesTeamIndexes: number[] = [];
  const regionOfSalesTeam = (s: number) => Math.floor((s * regions) / salesTeams);
  const perRegion = new Array<number>(regions).fill(0);
  for (let s = 0; s < salesTeams; s++) {
    const r = regionOfSalesTeam(s);
    const n = ++perRegion[r];
    const [en, zh] = REGIONS[r % REGIONS.length];
    const suffix = r >= REGIONS.length ? ` ${Math.floor(r / REGIONS.length) + 1}` : '';
    salesTeamIndexes.push(teams.length);
    teams.push({ name: `Sales ${en}${suffix} · Team ${n} ${zh}${CN_NUMBERS[(n - 1) % 10]}组`, kind: 'sales', parent: regionTeam(r), manager: firstSalesLead + s });
  }
  const deliveryRoot = teams.length;
  teams.push({ name: 'Delivery 交付中心', kind: 'delivery', parent: null, manager: HEAD_OF_DELIVERY });
  const deliveryTeamIndexes: number[] = [];
  for (let d = 0; d < deliveryTeams; d++) {
    const site = DELIVERY_SITES[d % DELIVERY_SITES.length];
    const round = Math.floor(d / DELIVERY_SITES.length) + 1;
    deliveryTeamIndexes.push(teams.length);
    teams.push({ name: `Delivery ${site} ${round}`, kind: 'delivery', parent: deliveryRoot, manager: firstDeliveryLead + d });
  }

  const leaders: PlannedLeader[] = [
    { jobRole: 'admin', roles: ['admin'], team: null, manager: null },
    { jobRole: 'executive', roles: ['executive'], team: null, manager: null },
    { jobRole: 'sales', roles: ['sales_manager', 'sales_rep'], team: 0, manager: CEO },
    { jobRole: 'project_manager', roles: ['pmo', 'project_manager'], team: deliveryRoot, manager: CEO },
  ];
  for (let r = 0; r < regions; r++) leaders.push({ jobRole: 'sales', roles: ['sales_manager', 'sales_rep'], team: regionTeam(r), manager: HEAD_OF_SALES });
  for (let s = 0; s < salesTeams; s++) leaders.push({ jobRole: 'sales', roles: ['sales_manager', 'sales_rep'], team: salesTeamIndexes[s], manager: firstRegionManager + regionOfSalesTeam(s) });
  for (let d = 0; d < deliveryTeams; d++) leaders.push({ jobRole: 'project_manager', roles: ['project_manager'], team: deliveryTeamIndexes[d], manager: HEAD_OF_DELIVERY });
  return { users, projects, shape, teams, leaders, salesTeamIndexes, deliveryTeamIndexes };
}

// ---------------------------------------------------------------------------------------------
// People: names, job roles, rates.

const CN_FAMILY: [string, string][] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'], ['赵', 'Zhao'], ['吴', 'Wu'], ['周', 'Zhou'],
  ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'], ['林', 'Lin'], ['罗', 'Luo'], ['高', 'Gao'],
];
const CN_GIVEN: [string, string][] = [
  ['伟', 'Wei'], ['芳', 'Fang'], ['娜', 'Na'], ['敏', 'Min'], ['静', 'Jing'], ['丽', 'Li'], ['强', 'Qiang'], ['磊', 'Lei'], ['军', 'Jun'], ['洋', 'Yang'],
  ['勇', 'Yong'], ['艳', 'Yan'], ['杰', 'Jie'], ['涛', 'Tao'], ['明', 'Ming'], ['超', 'Chao'], ['秀英', 'Xiuying'], ['华', 'Hua'], ['平', 'Ping'], ['刚', 'Gang'],
  ['慧', 'Hui'], ['欣', 'Xin'], ['宇', 'Yu'], ['浩', 'Hao'], ['婷', 'Ting'], ['琳', 'Lin'], ['晨', 'Chen'], ['凯', 'Kai'], ['睿', 'Rui'], ['悦', 'Yue'],
];
const EN_GIVEN = ['Oliver', 'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'James', 'Sophia', 'Lucas', 'Mia', 'Henry', 'Amelia', 'Ethan', 'Isla', 'Jack', 'Grace', 'Leo', 'Chloé', 'Daniel', 'Zoe', 'Samuel', 'Lily', 'Aarav', 'Priya', 'Mateo', 'Sofía', 'Hiroshi', 'Yuki', 'Minh', 'Anh'];
const EN_FAMILY = ['Smith', 'Brown', 'Wilson', 'Taylor', 'Johnson', 'Lee', 'Martin', 'Walker', 'Patel', 'García', 'Müller', 'Tan', 'Lim', 'Nguyen', 'Kim', 'Silva', 'Rossi', 'Dubois', 'Sato', 'Khan'];
const EN_TIME_ZONES = ['Asia/Singapore', 'Europe/London', 'America/New_York', 'Asia/Shanghai', 'Asia/Tokyo'];

/** Hourly rates in minor units (CNY fen): [cost, bill]. */
const RATES: Record<JobRole, [cost: number, bill: number]> = {
  admin: [30000, 0],
  executive: [90000, 0],
  sales: [35000, 0],
  project_manager: [45000, 120000],
  delivery: [38000, 95000],
};

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

interface Person {
  name: string;
  email: string;
  locale: string;
  timeZone: string;
}

function personOf(i: number, rnd: Random): Person {
  if (i === 0) return { name: 'Tandem Admin / 管理员', email: LARGE_ADMIN_EMAIL, locale: 'zh-CN', timeZone: 'Asia/Shanghai' };
  const serial = String(i).padStart(5, '0');
  if (rnd.next() < 0.75) {
    const [familyZh, family] = rnd.pick(CN_FAMILY);
    const [givenZh, given] = rnd.pick(CN_GIVEN);
    return { name: `${familyZh}${givenZh} ${given} ${family}`, email: `${ascii(given)}.${ascii(family)}.${serial}@${LARGE_EMAIL_DOMAIN}`, locale: 'zh-CN', timeZone: 'Asia/Shanghai' };
  }
  const given = rnd.pick(EN_GIVEN);
  const family = rnd.pick(EN_FAMILY);
  return { name: `${given} ${family}`, email: `${ascii(given)}.${ascii(family)}.${serial}@${LARGE_EMAIL_DOMAIN}`, locale: 'en', timeZone: rnd.pick(EN_TIME_ZONES) };
}

interface Placement extends PlannedLeader {
  partTime: boolean;
}

/** Leaders come from the plan; everyone else is a sales rep, project manager, team member or executive. */
function placementOf(plan: LargePlan, i: number, rnd: Random): Placement {
  const leader = plan.leaders[i];
  if (leader) return { ...leader, partTime: false };
  const roll = rnd.next();
  const teamOf = (t: number) => ({ team: t, manager: plan.teams[t].manager });
  if (roll < 0.02) return { jobRole: 'executive', roles: ['executive'], team: null, manager: 1, partTime: false };
  if (roll < 0.57) return { jobRole: 'sales', roles: ['sales_rep'], ...teamOf(rnd.pick(plan.salesTeamIndexes)), partTime: false };
  if (roll < 0.72) return { jobRole: 'project_manager', roles: ['project_manager'], ...teamOf(rnd.pick(plan.deliveryTeamIndexes)), partTime: false };
  return { jobRole: 'delivery', roles: ['team_member'], ...teamOf(rnd.pick(plan.deliveryTeamIndexes)), partTime: rnd.next() < 0.05 };
}

// ---------------------------------------------------------------------------------------------
// Stages. To add a table: write an async generator that yields SeedBatch-es (use `batchesOf`),
// give its rows a kind in ENTITY_KINDS, and append a stage below. Reference rows of earlier
// stages by index through ctx.id(kind, i).

/** Yields batches of `size` consecutive indexes [from, to) of `total`, each built by `build`. */
export async function* batchesOf(total: number, size: number, build: (from: number, to: number) => SeedBatch): AsyncGenerator<SeedBatch> {
  for (let from = 0; from < total; from += size) yield build(from, Math.min(total, from + size));
}

async function* organisationBatches(ctx: LargeContext): AsyncGenerator<SeedBatch> {
  const b = (kind: EntityKind, i: number) => ctx.base(kind, i);
  yield {
    count: 1,
    inserts: [
      { table: 'organisations', rows: [{ ...b('organisation', 0), org_id: ctx.orgId, name: LARGE_ORG_NAME, currency: 'CNY', default_locale: 'zh-CN', default_time_zone: 'Asia/Shanghai' }] },
      {
        table: 'calendars',
        rows: [
          { ...b('calendar', 0), name: '中国标准工作日 China standard', working_days: '1,2,3,4,5', hours_per_day: 8, is_default: 1 },
          { ...b('calendar', 1), name: '兼职 Part-time (Mon–Wed)', working_days: '1,2,3', hours_per_day: 8, is_default: 0 },
        ],
      },
      {
        table: 'calendar_exceptions',
        rows: CN_2026_EXCEPTIONS.map((e, i) => ({ ...b('calendar_exception', i), calendar_id: ctx.id('calendar', 0), date: e.date, name: e.name, working: e.working ? (1 as const) : (0 as const) })),
      },
    ],
  };
}

async function* teamBatches(ctx: LargeContext): AsyncGenerator<SeedBatch> {
  // Teams are few (tens), so the tree and its closure go in one batch: every ancestor–descendant
  // pair, depth 0 included, as rebuildTeamClosure would write it.
  const { teams } = ctx.plan;
  const closure: Insertable<DB['team_closure']>[] = [];
  teams.forEach((_, t) => {
    for (let cur: number | null = t, depth = 0; cur !== null; cur = teams[cur].parent, depth++) {
      closure.push({ ...ctx.base('team_closure', closure.length), ancestor_id: ctx.id('team', cur), descendant_id: ctx.id('team', t), depth });
    }
  });
  yield {
    count: teams.length,
    inserts: [
      {
        table: 'teams',
        rows: teams.map((t, i) => ({ ...ctx.base('team', i), name: t.name, kind: t.kind, manager_id: ctx.id('user', t.manager), parent_id: t.parent === null ? null : ctx.id('team', t.parent) })),
      },
      { table: 'team_closure', rows: closure },
    ],
  };
}

async function* userBatches(ctx: LargeContext): AsyncGenerator<SeedBatch> {
  const { plan, at } = ctx;
  // Users are generated in index order and leaders come first, so a manager's row is always
  // inserted in the same or an earlier batch than their reports' (users.manager_id is a foreign key).
  yield* batchesOf(plan.users, ctx.batchSize, (from, to) => {
    const users: Insertable<DB['users']>[] = [];
    const roles: Insertable<DB['user_roles']>[] = [];
    const rates: Insertable<DB['user_rates']>[] = [];
    for (let i = from; i < to; i++) {
      const rnd = ctx.random('user', i);
      const person = personOf(i, rnd);
      const place = placementOf(plan, i, rnd);
      const [cost, bill] = RATES[place.jobRole];
      const firstCost = cost + rnd.int(0, 20) * 500;
      const firstBill = bill === 0 ? 0 : bill + rnd.int(0, 20) * 1000;
      // About a third had a raise in mid-2025; the user row carries the rate in force today.
      const raise = rnd.next() < 0.35 ? 1 + rnd.int(3, 8) / 100 : null;
      const costRate = raise ? Math.round((firstCost * raise) / 100) * 100 : firstCost;
      const billRate = raise ? Math.round((firstBill * raise) / 100) * 100 : firstBill;
      const id = ctx.id('user', i);
      users.push({
        ...ctx.base('user', i),
        email: person.email,
        name: person.name,
        password_hash: ctx.passwordHash,
        status: 'active',
        job_role: place.jobRole,
        manager_id: place.manager === null ? null : ctx.id('user', place.manager),
        team_id: place.team === null ? null : ctx.id('team', place.team),
        calendar_id: ctx.id('calendar', place.partTime ? 1 : 0),
        cost_rate: costRate,
        bill_rate: billRate,
        weekly_capacity_hours: place.partTime ? 24 : 40,
        locale: person.locale,
        time_zone: person.timeZone,
        failed_sign_ins: 0,
        locked_until: null,
        last_sign_in_at: null,
      });
      place.roles.forEach((role, r) => roles.push({ ...ctx.base('user_role', i * 4 + r), user_id: id, role }));
      rates.push({ ...ctx.base('user_rate', i * 2), user_id: id, effective_from: '2024-01-01', cost_rate: firstCost, bill_rate: firstBill });
      if (raise) rates.push({ ...ctx.base('user_rate', i * 2 + 1), user_id: id, effective_from: '2025-07-01', cost_rate: costRate, bill_rate: billRate });
    }
    return {
      count: to - from,
      inserts: [
        { table: 'users', rows: users },
        { table: 'user_roles', rows: roles },
        { table: 'user_rates', rows: rates },
      ],
    };
  });
}

/**
 * Job role and team of every user, drawn exactly as userBatches draws them (same generator, same
 * order of draws), for stages that staff projects. Thousands of small objects: fine in memory.
 */
export function userPlacements(ctx: LargeContext): UserPlacement[] {
  return Array.from({ length: ctx.plan.users }, (_, i) => {
    const rnd = ctx.random('user', i);
    personOf(i, rnd);
    const place = placementOf(ctx.plan, i, rnd);
    return { jobRole: place.jobRole, team: place.team };
  });
}

export const LARGE_STAGES: SeedStage[] = [
  { name: 'organisation', total: () => 1, batches: organisationBatches },
  { name: 'teams', total: (plan) => plan.teams.length, batches: teamBatches },
  { name: 'users', total: (plan) => plan.users, batches: userBatches },
  // Delivery: projects with plans, links, assignments and computed schedules (large-delivery.ts).
  { name: 'projects', total: (plan) => plan.projects, batches: (ctx) => largeProjectBatches(ctx, userPlacements(ctx)) },
];

// ---------------------------------------------------------------------------------------------

/**
 * Inserts one batch in one transaction, a multi-row INSERT per table, split so that no statement
 * binds more parameters than either dialect allows. Answers the number of rows written.
 *
 * Kysely compiles the first row of each table (quoting and the dialect's placeholders, `?` or
 * `$n`); the remaining groups of values are appended to that text directly. At hundreds of
 * thousands of rows, building Kysely's operation tree for every value costs more than SQLite's
 * own work (and most of the garbage collection).
 */
export async function insertBatch(db: Kysely<DB>, batch: SeedBatch, maxRowsPerStatement = 500): Promise<number> {
  return inTransaction(db, async (trx) => {
    let written = 0;
    for (const { table, rows } of batch.inserts) {
      if (rows.length === 0) continue;
      const columns = Object.keys(rows[0]);
      const perStatement = Math.max(1, Math.min(maxRowsPerStatement, Math.floor(MAX_PARAMETERS_PER_STATEMENT / columns.length)));
      // The union of table/row types defeats Kysely's inference; each TableRows pairs them correctly.
      const untyped = trx as unknown as Kysely<any>;
      const first = untyped.insertInto(table).values(rows[0]).compile();
      const at = first.sql.lastIndexOf(' values ');
      const numbered = first.sql.includes('$1');
      const sameShape = at > 0 && first.parameters.length === columns.length && rows.every((r) => hasColumns(r as Record<string, unknown>, columns));
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        if (!sameShape) {
          await untyped.insertInto(table).values(chunk).execute();
          continue;
        }
        const parameters: unknown[] = [];
        const groups: string[] = [];
        for (const row of chunk as Record<string, unknown>[]) {
          const marks: string[] = [];
          for (const c of columns) {
            parameters.push(row[c]);
            marks.push(numbered ? `$${parameters.length}` : '?');
          }
          groups.push(`(${marks.join(', ')})`);
        }
        await trx.executeQuery(CompiledQuery.raw(`${first.sql.slice(0, at)} values ${groups.join(', ')}`, parameters));
      }
      written += rows.length;
    }
    return written;
  });
}

/** The row has exactly these columns, none undefined (what the shared statement text assumes). */
function hasColumns(row: Record<string, unknown>, columns: readonly string[]): boolean {
  let n = 0;
  for (const key in row) {
    if (row[key] === undefined) return false;
    n++;
  }
  return n === columns.length && columns.every((c) => c in row);
}

/** Runs stages in order, batch by batch: a batch is generated only when the previous one is written. */
export async function runStages(db: Kysely<DB>, ctx: LargeContext, stages: SeedStage[], onProgress?: (p: SeedProgress) => void) {
  const rows: Partial<Record<keyof DB, number>> = {};
  for (const stage of stages) {
    const started = performance.now();
    const total = stage.total(ctx.plan);
    let done = 0;
    let stageRows = 0;
    for await (const batch of stage.batches(ctx)) {
      stageRows += await insertBatch(db, batch, ctx.batchSize);
      for (const { table, rows: r } of batch.inserts) rows[table] = (rows[table] ?? 0) + r.length;
      done += batch.count;
      onProgress?.({ stage: stage.name, done, total, rows: stageRows, elapsedMs: performance.now() - started });
    }
  }
  return rows;
}

export async function seedLarge(db: Kysely<DB>, opts: LargeSeedOptions): Promise<LargeSeedResult> {
  const started = performance.now();
  const plan = planLarge(opts.users ?? 1000, { ...DEFAULT_LARGE_SHAPE, ...opts.shape }, opts.projects ?? 0);
  const batchSize = opts.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('The batch size must be a positive integer.');
  const existing = await db.selectFrom('organisations').select('id').where('name', '=', LARGE_ORG_NAME).executeTakeFirst();
  if (existing) throw new Error(`The organisation "${LARGE_ORG_NAME}" already exists in this database.`);
  // Benchmark data: one scrypt hash shared by every large user. Hashing each of thousands of users
  // at production cost would take minutes and measure nothing; sign-in still verifies at full cost.
  // Never share a salt like this for real accounts.
  const passwordHash = await hashPassword(opts.password, opts.passwordCost);
  const ctx = createContext(opts.seed ?? LARGE_SEED, opts.now.toISOString(), batchSize, plan, passwordHash);
  const rows = await runStages(db, ctx, LARGE_STAGES, opts.onProgress);
  return { orgId: ctx.orgId, adminEmail: LARGE_ADMIN_EMAIL, rows, elapsedMs: performance.now() - started };
}
