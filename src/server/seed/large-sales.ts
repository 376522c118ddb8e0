import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ActivityKind, ForecastCategory, StageKind } from '../db/tables/sales.js';
import { STANDARD_STAGES } from '../../domain/deals/stages.js';
import { nameKey } from '../modules/sales/money.js';
import { insertBatch, seededUuid, type SeedBatch, type TableRows } from './large.js';
import { createRandom } from './random.js';

/**
 * The sales benchmark data of one organisation (issue #3's large scale: 20,000 accounts, 200,000
 * opportunities, 2,000,000 activities), written in batches of multi-row inserts, one transaction
 * per batch, so memory stays flat.
 *
 * Every row is a function of (seed, kind, index): account a belongs to ownerIds[a mod n], an
 * opportunity's account is drawn from its own generator and its owner is that account's owner; an
 * activity hangs on a drawn opportunity (its account and owner). Ids carry a timestamp that
 * differs per (kind, index), so they never collide, and the output does not depend on the batch size.
 */
export interface LargeSalesOptions {
  orgId: string;
  /** The reps who own the accounts, round robin. */
  ownerIds: readonly string[];
  accounts: number;
  opportunities: number;
  activities: number;
  seed?: number;
  /** Rows of the main table per batch (default 2,000). */
  batchSize?: number;
  /** created_at of the rows (default 2026-01-05). */
  at?: string;
  onProgress?: (p: { stage: string; done: number; total: number }) => void;
}

export interface LargeSalesResult {
  pipelineId: string;
  stageIds: string[];
  rows: Partial<Record<keyof DB, number>>;
}

const KINDS = ['pipeline', 'stage', 'account', 'opportunity', 'history', 'activity'] as const;
type Kind = (typeof KINDS)[number];
/** 2026-02-01 onwards, each kind in a window of 10^9 ms: apart from seedLarge's ids (from 2025-01-01). */
const ID_EPOCH = Date.UTC(2026, 1, 1);
const KIND_WINDOW = 1_000_000_000;

function rowSeed(seed: number, kind: number, i: number): number {
  let h = (seed ^ Math.imul(kind + 101, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const INDUSTRIES = ['manufacturing', 'logistics', 'retail', 'banking', 'insurance', 'healthcare', 'chemicals', 'telecom', 'education', 'energy', 'automotive', 'food'];
const REGIONS = ['North', 'East', 'South', 'West', 'Central'];
const PRODUCTS = ['CRM rollout', 'ERP upgrade', 'Data platform', 'Mobile app', 'MES', 'BI dashboards', 'WMS', 'Support renewal'];
const ACTIVITY_KINDS: ActivityKind[] = ['call', 'meeting', 'email', 'note', 'task'];
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function seedLargeSales(db: Kysely<DB>, opts: LargeSalesOptions): Promise<LargeSalesResult> {
  if (!opts.ownerIds.length) throw new Error('seedLargeSales needs at least one owner.');
  if (opts.accounts < 1 && opts.opportunities > 0) throw new Error('Opportunities need accounts.');
  const seed = opts.seed ?? 20261128;
  const at = opts.at ?? '2026-01-05T00:00:00.000Z';
  const size = opts.batchSize ?? 2000;
  const id = (kind: Kind, i: number) => seededUuid(rowSeed(seed, KINDS.indexOf(kind), i), ID_EPOCH + KINDS.indexOf(kind) * KIND_WINDOW + i);
  const rnd = (kind: Kind, i: number) => createRandom(rowSeed(seed ^ 0x5bd1e995, KINDS.indexOf(kind), i));
  const base = (kind: Kind, i: number) => ({ id: id(kind, i), org_id: opts.orgId, created_at: at, updated_at: at, version: 1 });
  const rows: Partial<Record<keyof DB, number>> = {};
  const write = async (batch: SeedBatch) => {
    await insertBatch(db, batch, 500);
    for (const t of batch.inserts) rows[t.table] = (rows[t.table] ?? 0) + t.rows.length;
  };

  // The pipeline: the six standard stages.
  const pipelineId = id('pipeline', 0);
  const stages = STANDARD_STAGES.map((s, i) => ({ ...base('stage', i), pipeline_id: pipelineId, name: s.name, position: i, probability: s.probability, kind: s.kind, archived: 0 as const }));
  const hasDefault = await db.selectFrom('pipelines').select('id').where('org_id', '=', opts.orgId).where('is_default', '=', 1).executeTakeFirst();
  await write({
    count: 1,
    inserts: [
      { table: 'pipelines', rows: [{ ...base('pipeline', 0), name: 'Standard', is_default: hasDefault ? 0 : 1, archived: 0 }] },
      { table: 'pipeline_stages', rows: stages },
    ],
  });
  const openStages = stages.filter((s) => s.kind === 'open');
  const won = stages.find((s) => s.kind === 'won')!;
  const lost = stages.find((s) => s.kind === 'lost')!;
  const ownerOfAccount = (a: number) => opts.ownerIds[a % opts.ownerIds.length];
  const today = Date.parse(at);

  for (let from = 0; from < opts.accounts; from += size) {
    const to = Math.min(opts.accounts, from + size);
    const accounts: Insertable<DB['accounts']>[] = [];
    for (let a = from; a < to; a++) {
      const r = rnd('account', a);
      const name = `${REGIONS[a % REGIONS.length]} ${INDUSTRIES[r.int(0, INDUSTRIES.length - 1)]} customer ${String(a).padStart(6, '0')}`;
      accounts.push({
        ...base('account', a), name, name_key: nameKey(name), industry: r.pick(INDUSTRIES), segment_id: null, size: r.pick(['small', 'medium', 'large', 'enterprise'] as const), region: r.pick(REGIONS),
        website: null, phone: null, address: '', notes: '', owner_id: ownerOfAccount(a), status: r.next() < 0.6 ? 'customer' : 'prospect', cadence_days: 30, last_activity_at: null, next_contact_due: null,
      });
    }
    await write({ count: to - from, inserts: [{ table: 'accounts', rows: accounts }] });
    opts.onProgress?.({ stage: 'accounts', done: to, total: opts.accounts });
  }

  for (let from = 0; from < opts.opportunities; from += size) {
    const to = Math.min(opts.opportunities, from + size);
    const opps: Insertable<DB['opportunities']>[] = [];
    const history: Insertable<DB['opportunity_stage_history']>[] = [];
    for (let o = from; o < to; o++) {
      const r = rnd('opportunity', o);
      const account = r.int(0, opts.accounts - 1);
      const roll = r.next();
      const stage = roll < 0.6 ? openStages[r.int(0, openStages.length - 1)] : roll < 0.85 ? won : lost;
      const kind = stage.kind as StageKind;
      // Close dates over two and a half years around "now"; closed deals mostly in the past.
      const close = kind === 'open' ? today + r.int(-60, 540) * DAY : today - r.int(0, 720) * DAY;
      const amount = r.int(20, 5000) * 1000_00;
      const probability = stage.probability;
      const forecast: ForecastCategory = kind === 'won' ? 'closed' : kind === 'lost' ? 'omitted' : r.pick(['pipeline', 'pipeline', 'best_case', 'commit'] as const);
      const closedAt = kind === 'open' ? null : new Date(close).toISOString();
      opps.push({
        ...base('opportunity', o), name: `${r.pick(PRODUCTS)} ${o}`, account_id: id('account', account), contact_id: null, owner_id: ownerOfAccount(account), pipeline_id: pipelineId, stage_id: stage.id,
        status: kind, amount, currency: 'CNY', amount_base: amount, close_date: iso(close), probability, probability_overridden: 0, forecast_category: forecast, needs: '', solution: '', next_step: '',
        lead_source: null, source_lead_id: null, lost_reason: kind === 'lost' ? r.pick(['price', 'timing', 'competitor', 'no decision']) : null, lost_to_competitor_id: null,
        won_at: kind === 'won' ? closedAt : null, lost_at: kind === 'lost' ? closedAt : null, stage_changed_at: at,
      });
      history.push({ ...base('history', o), opportunity_id: id('opportunity', o), from_stage_id: null, to_stage_id: stage.id, amount_base: amount, probability, changed_by: ownerOfAccount(account), changed_at: at });
    }
    const inserts: TableRows[] = [{ table: 'opportunities', rows: opps }, { table: 'opportunity_stage_history', rows: history }];
    await write({ count: to - from, inserts });
    opts.onProgress?.({ stage: 'opportunities', done: to, total: opts.opportunities });
  }

  if (opts.activities > 0 && opts.opportunities < 1) throw new Error('Activities need opportunities.');
  for (let from = 0; from < opts.activities; from += size * 2) {
    const to = Math.min(opts.activities, from + size * 2);
    const acts: Insertable<DB['activities']>[] = [];
    for (let k = from; k < to; k++) {
      const r = rnd('activity', k);
      const o = r.int(0, opts.opportunities - 1);
      // The opportunity's account and owner, drawn the same way as above.
      const account = rnd('opportunity', o).int(0, opts.accounts - 1);
      const kind = ACTIVITY_KINDS[r.int(0, ACTIVITY_KINDS.length - 1)];
      const when = today + r.int(-700, 30) * DAY + r.int(8, 18) * 3_600_000;
      const done = when < today || r.next() < 0.3;
      acts.push({
        ...base('activity', k), kind, subject: `${kind} ${k}`, notes: '', owner_id: ownerOfAccount(account), account_id: id('account', account), contact_id: null, lead_id: null, opportunity_id: id('opportunity', o),
        project_id: null, due_at: new Date(when).toISOString(), done_at: done ? new Date(when).toISOString() : null, outcome: done ? 'done' : null, remind_at: null, reminded_at: null,
      });
    }
    await write({ count: to - from, inserts: [{ table: 'activities', rows: acts }] });
    opts.onProgress?.({ stage: 'activities', done: to, total: opts.activities });
  }
  return { pipelineId, stageIds: stages.map((s) => s.id), rows };
}
