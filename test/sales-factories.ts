import type { Kysely } from 'kysely';
import type { DB } from '../src/server/db/schema.js';
import type { AccountStatus, ForecastCategory, StageKind } from '../src/server/db/tables/sales.js';
import { uuidv7 } from '../src/server/lib/ids.js';
import { nameKey } from '../src/server/modules/sales/money.js';
import { buildOrg, buildTeam, buildUser } from './factories.js';
import { Client, type TestApp } from './setup.js';

const AT = '2026-03-01T00:00:00.000Z';
const base = (orgId: string) => ({ id: uuidv7(), org_id: orgId, created_at: AT, updated_at: AT, version: 1 });
let seq = 0;

export const STAGES = [
  { key: 'prospecting', name: 'Prospecting', probability: 10, kind: 'open' },
  { key: 'qualification', name: 'Qualification', probability: 25, kind: 'open' },
  { key: 'proposal', name: 'Proposal', probability: 50, kind: 'open' },
  { key: 'negotiation', name: 'Negotiation', probability: 75, kind: 'open' },
  { key: 'won', name: 'Closed won', probability: 100, kind: 'won' },
  { key: 'lost', name: 'Closed lost', probability: 0, kind: 'lost' },
] as const satisfies readonly { key: string; name: string; probability: number; kind: StageKind }[];
export type StageKey = (typeof STAGES)[number]['key'];

export interface BuiltPipeline {
  id: string;
  stages: Record<StageKey, { id: string; probability: number; kind: StageKind }>;
}

/** A pipeline with the six usual stages (four open, won, lost). */
export async function buildPipeline(db: Kysely<DB>, orgId: string, opts: { name?: string; isDefault?: boolean } = {}): Promise<BuiltPipeline> {
  const p = base(orgId);
  await db.insertInto('pipelines').values({ ...p, name: opts.name ?? `Pipeline ${++seq}`, is_default: opts.isDefault === false ? 0 : 1, archived: 0 }).execute();
  const stages = {} as BuiltPipeline['stages'];
  for (const [i, s] of STAGES.entries()) {
    const row = { ...base(orgId), pipeline_id: p.id, name: s.name, position: i, probability: s.probability, kind: s.kind, archived: 0 as const };
    await db.insertInto('pipeline_stages').values(row).execute();
    stages[s.key] = { id: row.id, probability: s.probability, kind: s.kind };
  }
  return { id: p.id, stages };
}

export async function buildAccount(db: Kysely<DB>, orgId: string, ownerId: string, opts: { name?: string; status?: AccountStatus; industry?: string; segmentId?: string | null; cadenceDays?: number | null; lastActivityAt?: string | null } = {}) {
  const name = opts.name ?? `Account ${String(++seq).padStart(5, '0')}`;
  const row = {
    ...base(orgId),
    name,
    name_key: nameKey(name),
    industry: opts.industry ?? 'manufacturing',
    segment_id: opts.segmentId ?? null,
    size: 'medium' as const,
    region: 'East',
    website: null,
    phone: null,
    address: '',
    notes: '',
    owner_id: ownerId,
    status: opts.status ?? 'customer',
    cadence_days: opts.cadenceDays ?? null,
    last_activity_at: opts.lastActivityAt ?? null,
    next_contact_due: null as string | null,
  };
  if (row.cadence_days && row.last_activity_at) row.next_contact_due = new Date(Date.parse(row.last_activity_at) + row.cadence_days * 86_400_000).toISOString();
  await db.insertInto('accounts').values(row).execute();
  return row;
}

export async function buildContact(db: Kysely<DB>, orgId: string, accountId: string, opts: { name?: string; email?: string | null } = {}) {
  const email = opts.email === undefined ? `contact${++seq}@customer.test` : opts.email;
  const row = { ...base(orgId), account_id: accountId, name: opts.name ?? `Contact ${++seq}`, title: 'CTO', email, email_key: email?.toLowerCase() ?? null, phone: null, buying_role: 'decision_maker' as const, notes: '' };
  await db.insertInto('contacts').values(row).execute();
  return row;
}

export async function buildOpportunity(
  db: Kysely<DB>,
  orgId: string,
  opts: { ownerId: string; accountId: string; pipeline: BuiltPipeline; stage?: StageKey; amount?: number; currency?: string; closeDate?: string; forecastCategory?: ForecastCategory; name?: string },
) {
  const stage = opts.pipeline.stages[opts.stage ?? 'qualification'];
  const amount = opts.amount ?? 10_000_00;
  const row = {
    ...base(orgId),
    name: opts.name ?? `Deal ${++seq}`,
    account_id: opts.accountId,
    contact_id: null,
    owner_id: opts.ownerId,
    pipeline_id: opts.pipeline.id,
    stage_id: stage.id,
    status: stage.kind,
    amount,
    currency: opts.currency ?? 'CNY',
    amount_base: amount,
    close_date: opts.closeDate ?? '2026-06-30',
    probability: stage.probability,
    probability_overridden: 0 as const,
    forecast_category: opts.forecastCategory ?? (stage.kind === 'won' ? 'closed' : stage.kind === 'lost' ? 'omitted' : 'pipeline'),
    needs: '',
    solution: '',
    next_step: '',
    lead_source: null,
    source_lead_id: null,
    lost_reason: stage.kind === 'lost' ? 'price' : null,
    lost_to_competitor_id: null,
    won_at: stage.kind === 'won' ? AT : null,
    lost_at: stage.kind === 'lost' ? AT : null,
    stage_changed_at: AT,
  };
  await db.insertInto('opportunities').values(row).execute();
  return row;
}

/**
 * The people of the sales access tests. Team A (managed by `mgr`) holds `rep` and `rep2`; team B
 * (managed by `mgr2`) holds `rep3`; `director` manages the parent of both teams. `exec` reads all;
 * `pm` is a project manager with no sales role; `foreign` holds every role in another organisation.
 */
export const SALES_CAST_KEYS = ['rep', 'rep2', 'rep3', 'mgr', 'mgr2', 'director', 'exec', 'pm', 'foreign'] as const;
export type SalesCastKey = (typeof SALES_CAST_KEYS)[number];

export interface SalesCast {
  orgId: string;
  c: Record<SalesCastKey, Client>;
  id: Record<SalesCastKey, string>;
  pipeline: BuiltPipeline;
}

export async function signInSalesCast(t: TestApp): Promise<SalesCast> {
  const db = t.database.db;
  const orgId = (await buildOrg(db)).id;
  const cast = { orgId, c: {}, id: {} } as SalesCast;
  const add = async (key: SalesCastKey, u: { id: string; email: string; password: string }) => {
    cast.id[key] = u.id;
    cast.c[key] = await new Client(t.app).signIn(u.email, u.password);
  };
  await add('director', await buildUser(db, orgId, { roles: ['sales_manager'], name: 'Director' }));
  await add('mgr', await buildUser(db, orgId, { roles: ['sales_manager'], name: 'Manager A' }));
  await add('mgr2', await buildUser(db, orgId, { roles: ['sales_manager'], name: 'Manager B' }));
  const top = await buildTeam(db, orgId, { name: 'Sales', kind: 'sales', managerId: cast.id.director });
  const teamA = await buildTeam(db, orgId, { name: 'Sales A', kind: 'sales', managerId: cast.id.mgr, parentId: top.id });
  const teamB = await buildTeam(db, orgId, { name: 'Sales B', kind: 'sales', managerId: cast.id.mgr2, parentId: top.id });
  await add('rep', await buildUser(db, orgId, { roles: ['sales_rep'], name: 'Rep One', teamId: teamA.id }));
  await add('rep2', await buildUser(db, orgId, { roles: ['sales_rep'], name: 'Rep Two', teamId: teamA.id }));
  await add('rep3', await buildUser(db, orgId, { roles: ['sales_rep'], name: 'Rep Three', teamId: teamB.id }));
  await add('exec', await buildUser(db, orgId, { roles: ['executive'], jobRole: 'executive', name: 'Exec' }));
  await add('pm', await buildUser(db, orgId, { roles: ['project_manager'], jobRole: 'project_manager', name: 'PM' }));
  const other = await buildOrg(db);
  await add('foreign', await buildUser(db, other.id, { roles: ['sales_manager', 'sales_rep', 'executive', 'admin'] }));
  cast.pipeline = await buildPipeline(db, orgId);
  return cast;
}

/** A contract in the organisation's currency: signed on `signedOn` (both sides), or a draft without it. */
export async function buildContract(db: Kysely<DB>, orgId: string, opts: { ownerId: string; accountId: string; value: number; signedOn: string | null; opportunityId?: string }) {
  const row = {
    ...base(orgId),
    account_id: opts.accountId,
    opportunity_id: opts.opportunityId ?? null,
    quote_id: null,
    owner_id: opts.ownerId,
    number: `C-TEST-${++seq}`,
    title: `Contract ${seq}`,
    value: opts.value,
    currency: 'CNY',
    value_base: opts.value,
    status: opts.signedOn ? ('signed' as const) : ('draft' as const),
    customer_signed_on: opts.signedOn,
    company_signed_on: opts.signedOn,
    signed_on: opts.signedOn,
    start_date: null,
    end_date: null,
    renewal_date: null,
    renewal_reminded_for: null,
  };
  await db.insertInto('contracts').values(row).execute();
  return row;
}
