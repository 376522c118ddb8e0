import type { Insertable } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AccountSize, ForecastCategory } from '../db/tables/sales.js';
import type { Executor } from '../db/transaction.js';
import { nameKey } from '../modules/sales/money.js';
import type { DemoExtraOptions } from './demo-extra.js';
import { createRandom } from './random.js';

/**
 * Two years of the demo company's sales: settings and exchange rates, segments and competitors, a
 * pipeline, customers across industries and regions (the delivery projects' customers among them),
 * their contacts, some 400 deals closed or open with their stage history and competitors, and the
 * calls, meetings and mails around them — so that boards, forecasts and charts say something.
 * Deterministic for a seed; dates are relative to `now`.
 */
const DAY = 86_400_000;

export const DEMO_SEGMENTS = [
  { key: 'mfg', name: '制造业 Manufacturing', industries: ['制造业 Manufacturing', '化工 Chemicals'] },
  { key: 'fin', name: '金融 Financial services', industries: ['银行 Banking', '保险 Insurance'] },
  { key: 'retail', name: '零售与物流 Retail & logistics', industries: ['零售 Retail', '物流 Logistics'] },
  { key: 'public', name: '医疗教育 Healthcare & education', industries: ['医疗 Healthcare', '教育 Education'] },
  { key: 'energy', name: '能源电信 Energy & telecom', industries: ['能源 Energy', '电信 Telecom'] },
] as const;

export const DEMO_COMPETITORS = [
  { name: '恒拓咨询 Apex Consulting', strengths: 'Big-four pedigree; strong with CFOs', weaknesses: 'Expensive; juniors on site', pricing: 'Day rates 30–40 % above ours' },
  { name: '蓝海系统 BlueOcean Systems', strengths: 'Own ERP product; low licence price', weaknesses: 'Weak integration skills; slow support', pricing: 'Licence discounts up to 50 %' },
  { name: '云腾软件 Nimbus Soft', strengths: 'SaaS, quick to start', weaknesses: 'Little customisation; data stays in their cloud', pricing: 'Per seat per month' },
  { name: 'Orbit Partners', strengths: 'Global delivery centre; English-speaking teams', weaknesses: 'Time-zone gaps; high turnover', pricing: 'Fixed price bids, change requests expensive' },
  { name: '中科数智 Zhongke Digital', strengths: 'State-owned customers trust them; AI story', weaknesses: 'Long lead times', pricing: 'Aggressive on public tenders' },
] as const;

const STAGES = [
  { name: '初步接触 Prospecting', probability: 10, kind: 'open' },
  { name: '需求确认 Qualification', probability: 25, kind: 'open' },
  { name: '方案报价 Proposal', probability: 50, kind: 'open' },
  { name: '商务谈判 Negotiation', probability: 75, kind: 'open' },
  { name: '赢单 Closed won', probability: 100, kind: 'won' },
  { name: '输单 Closed lost', probability: 0, kind: 'lost' },
] as const;

/** The customers of the demo projects (by project code), so that both sides meet in the same accounts. */
const PROJECT_CUSTOMERS: { code: string; name: string; industry: string; region: string; size: AccountSize; owner: string }[] = [
  { code: 'PRJ-1001', name: '华东制造 East Manufacturing', industry: '制造业 Manufacturing', region: '华东 East', size: 'large', owner: 'rep1' },
  { code: 'PRJ-1002', name: '远航物流 Yuanhang Logistics', industry: '物流 Logistics', region: '华东 East', size: 'medium', owner: 'rep2' },
  { code: 'PRJ-1003', name: 'South China Retail 华南零售', industry: '零售 Retail', region: '华南 South', size: 'enterprise', owner: 'rep2' },
  { code: 'PRJ-1004', name: '东海银行 Donghai Bank', industry: '银行 Banking', region: '华东 East', size: 'enterprise', owner: 'rep1' },
  { code: 'PRJ-1005', name: 'Youpin Mall 优品商城', industry: '零售 Retail', region: '华南 South', size: 'large', owner: 'rep2' },
  { code: 'PRJ-1006', name: '仁和医院 Renhe Hospital', industry: '医疗 Healthcare', region: '华西 West', size: 'large', owner: 'rep3' },
  { code: 'PRJ-1007', name: 'Changjiang Chemicals 长江化工', industry: '化工 Chemicals', region: '华中 Central', size: 'enterprise', owner: 'rep3' },
  { code: 'PRJ-1008', name: '星辰电信 Xingchen Telecom', industry: '电信 Telecom', region: '华西 West', size: 'enterprise', owner: 'salesmgr' },
  { code: 'PRJ-1009', name: '青禾教育 Qinghe Education', industry: '教育 Education', region: '华西 West', size: 'medium', owner: 'rep3' },
  { code: 'PRJ-1010', name: '西部重工 Western Heavy Industries', industry: '制造业 Manufacturing', region: '华西 West', size: 'enterprise', owner: 'rep3' },
  { code: 'PRJ-1011', name: 'Jinqiao Insurance 金桥保险', industry: '保险 Insurance', region: '华东 East', size: 'large', owner: 'rep1' },
  { code: 'PRJ-1012', name: '绿能新能源 Lvneng Energy', industry: '能源 Energy', region: '华北 North', size: 'large', owner: 'salesmgr' },
];

const PREFIX = ['华信', '东方', '联创', '瑞丰', '汇通', '同方', '泰和', '安盛', '宏图', '新元', '中达', '海纳', '博远', '金石', '九州', '天成', '鼎盛', '长城', '光明', '正阳'];
const SUFFIX_BY_INDUSTRY: Record<string, string[]> = {
  '制造业 Manufacturing': ['精密机械 Precision', '汽车零部件 Auto Parts', '电子 Electronics'],
  '化工 Chemicals': ['化工 Chemicals', '新材料 Materials'],
  '银行 Banking': ['村镇银行 Rural Bank', '商业银行 Commercial Bank'],
  '保险 Insurance': ['人寿 Life', '财险 P&C'],
  '零售 Retail': ['百货 Department Stores', '超市 Supermarkets', '电商 E-commerce'],
  '物流 Logistics': ['快运 Express', '供应链 Supply Chain'],
  '医疗 Healthcare': ['医院 Hospital', '医药 Pharma'],
  '教育 Education': ['教育集团 Education Group', '职业学院 College'],
  '能源 Energy': ['电力 Power', '燃气 Gas'],
  '电信 Telecom': ['通信 Communications', '网络 Networks'],
};
const REGIONS = ['华东 East', '华南 South', '华北 North', '华西 West', '华中 Central'];
const SIZES: AccountSize[] = ['small', 'medium', 'medium', 'large', 'large', 'enterprise'];
const AMOUNT_RANGE: Record<AccountSize, [number, number]> = { small: [80_000, 300_000], medium: [200_000, 900_000], large: [600_000, 2_500_000], enterprise: [1_500_000, 6_000_000] };
const DEALS = ['CRM 实施 CRM rollout', 'ERP 升级 ERP upgrade', '数据平台 Data platform', 'BI 报表 BI dashboards', '移动应用 Mobile app', '系统集成 Integration', '运维服务 Managed services', '安全加固 Security hardening', '云迁移 Cloud migration', 'AI 客服 AI customer care'];
const LOST_REASONS = ['price', 'features', 'competitor', 'timing', 'no_decision', 'budget'] as const;
const FIRST = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明'];
const TITLES = ['CIO', 'CFO', 'IT Director 信息总监', 'Procurement Manager 采购经理', 'COO', 'Head of Digital 数字化负责人', 'Project Lead 项目负责人'];
const ROLES = ['decision_maker', 'influencer', 'user', 'gatekeeper'] as const;
const CALL_SUBJECTS = ['需求访谈 Discovery call', '方案演示 Demo', '报价沟通 Pricing call', '高层拜访 Executive visit', '技术交流 Technical workshop', '合同条款 Contract terms', '季度回访 Quarterly check-in'];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface DemoSalesResult {
  pipelineId: string;
  stageIds: string[];
  accountIds: string[];
  segmentIds: Map<string, string>;
}

export async function seedDemoSales(trx: Executor, opts: DemoExtraOptions): Promise<DemoSalesResult> {
  const rnd = createRandom((opts.seed ^ 0x5a1e5) >>> 0);
  const ids = createRandom((opts.seed + 0x5a1e) >>> 0);
  let idClock = Date.UTC(2024, 0, 1) + 80_000_000;
  const newId = () => ids.uuid(idClock++);
  const now = opts.now.getTime();
  const at = opts.now.toISOString();
  const stamp = (createdMs = now) => ({ org_id: opts.orgId, created_at: new Date(createdMs).toISOString(), updated_at: at, version: 1 });
  const person = (key: string) => opts.people.get(key)!;
  const reps = ['rep1', 'rep2', 'rep3', 'salesmgr'];

  await trx.insertInto('sales_settings').values({ id: newId(), ...stamp(), discount_approval_percent: 15, renewal_notice_days: 60, default_cadence_days: 30 }).execute();
  // Two years of quarterly rates for the currencies foreign customers pay in.
  const rates: Insertable<DB['exchange_rates']>[] = [];
  for (let q = 0; q < 9; q++) {
    const from = new Date(Date.UTC(new Date(now).getUTCFullYear() - 2, 0, 1));
    from.setUTCMonth(from.getUTCMonth() + q * 3);
    rates.push({ id: newId(), ...stamp(), currency: 'USD', rate: Number((7.05 + 0.03 * Math.sin(q) + q * 0.01).toFixed(4)), effective_from: isoDay(from.getTime()) });
    rates.push({ id: newId(), ...stamp(), currency: 'EUR', rate: Number((7.7 + 0.05 * Math.cos(q) + q * 0.012).toFixed(4)), effective_from: isoDay(from.getTime()) });
  }
  await trx.insertInto('exchange_rates').values(rates).execute();

  const segmentIds = new Map<string, string>();
  for (const s of DEMO_SEGMENTS) {
    const id = newId();
    segmentIds.set(s.key, id);
    await trx.insertInto('market_segments').values({ id, ...stamp(), name: s.name, description: s.industries.join(' / ') }).execute();
  }
  const segmentOfIndustry = (industry: string) => segmentIds.get(DEMO_SEGMENTS.find((s) => (s.industries as readonly string[]).includes(industry))!.key)!;
  const competitorIds: string[] = [];
  for (const c of DEMO_COMPETITORS) {
    const id = newId();
    competitorIds.push(id);
    await trx.insertInto('competitors').values({ id, ...stamp(), name: c.name, website: null, strengths: c.strengths, weaknesses: c.weaknesses, pricing_notes: c.pricing }).execute();
  }

  const pipelineId = newId();
  await trx.insertInto('pipelines').values({ id: pipelineId, ...stamp(), name: '标准流程 Standard', is_default: 1, archived: 0 }).execute();
  const stageIds = STAGES.map(() => newId());
  await trx.insertInto('pipeline_stages').values(STAGES.map((s, i) => ({ id: stageIds[i]!, ...stamp(), pipeline_id: pipelineId, name: s.name, position: i, probability: s.probability, kind: s.kind, archived: 0 as const }))).execute();

  // ---- accounts and contacts ----
  type Acct = Insertable<DB['accounts']> & { id: string; size: AccountSize; owner_id: string; industry: string };
  const accounts: Acct[] = [];
  const addAccount = (name: string, industry: string, region: string, size: AccountSize, owner: string, status: 'prospect' | 'customer' | 'former', createdMs: number) => {
    const a: Acct = {
      id: newId(), ...stamp(createdMs), name, name_key: nameKey(name), industry, segment_id: segmentOfIndustry(industry), size, region, website: null, phone: null, address: '', notes: '',
      owner_id: person(owner), status, cadence_days: size === 'enterprise' ? 14 : size === 'large' ? 21 : null, last_activity_at: null, next_contact_due: null,
    };
    accounts.push(a);
    return a;
  };
  const twoYearsAgo = now - 730 * DAY;
  for (const c of PROJECT_CUSTOMERS) addAccount(c.name, c.industry, c.region, c.size, c.owner, 'customer', twoYearsAgo + rnd.int(0, 120) * DAY);
  const industries = Object.keys(SUFFIX_BY_INDUSTRY);
  for (let i = 0; i < 56; i++) {
    const industry = industries[i % industries.length]!;
    const name = `${PREFIX[i % PREFIX.length]}${rnd.pick(SUFFIX_BY_INDUSTRY[industry]!)}`;
    if (accounts.some((a) => a.name_key === nameKey(name))) continue;
    addAccount(name, industry, rnd.pick(REGIONS), rnd.pick(SIZES), rnd.pick(reps), 'prospect', twoYearsAgo + rnd.int(0, 600) * DAY);
  }
  // Link the delivery projects to their customers.
  for (const [i, c] of PROJECT_CUSTOMERS.entries()) await trx.updateTable('projects').set({ account_id: accounts[i]!.id }).where('org_id', '=', opts.orgId).where('code', '=', c.code).execute();

  const contacts: Insertable<DB['contacts']>[] = [];
  const contactsOf = new Map<string, string[]>();
  for (const a of accounts) {
    const n = a.size === 'enterprise' ? 4 : a.size === 'large' ? 3 : 2;
    for (let k = 0; k < n; k++) {
      const name = `${rnd.pick(FIRST)}${rnd.pick(GIVEN)}`;
      const id = newId();
      const email = `${['zhang', 'wang', 'li', 'zhao', 'chen', 'liu'][k % 6]}.${contacts.length}@${a.name_key.replace(/[^a-z]/g, '').slice(0, 12) || 'customer'}.example.cn`;
      contacts.push({ id, ...stamp(Date.parse(a.created_at)), account_id: a.id, name, title: TITLES[k % TITLES.length]!, email, email_key: email, phone: `+86 1${rnd.int(30, 99)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`, buying_role: ROLES[k % ROLES.length]!, notes: '' });
      contactsOf.set(a.id, [...(contactsOf.get(a.id) ?? []), id]);
    }
  }

  // ---- deals over two years ----
  const opps: Insertable<DB['opportunities']>[] = [];
  const history: Insertable<DB['opportunity_stage_history']>[] = [];
  const oppCompetitors: Insertable<DB['opportunity_competitors']>[] = [];
  const activities: Insertable<DB['activities']>[] = [];
  const lastTouch = new Map<string, number>();
  const touch = (accountId: string, ms: number) => lastTouch.set(accountId, Math.max(lastTouch.get(accountId) ?? 0, ms));
  const wonAccounts = new Set<string>();

  for (let i = 0; i < 420; i++) {
    const a = accounts[i < 24 ? i % PROJECT_CUSTOMERS.length : rnd.int(0, accounts.length - 1)]!;
    // Close dates spread from two years ago to six months ahead; past ones are decided.
    const closeMs = twoYearsAgo + Math.floor(((i + rnd.next()) / 420) * 910) * DAY;
    const cycle = rnd.int(30, 150) * DAY;
    // Every deal was opened in the past, even one that closes months from now.
    const createdMs = Math.min(now - rnd.int(3, 45) * DAY, Math.max(twoYearsAgo - 60 * DAY, closeMs - cycle));
    const decided = closeMs < now - 3 * DAY;
    // Win rate climbs from about 22 % to 48 % over the two years: the story the dashboard tells.
    const progress = (closeMs - twoYearsAgo) / (730 * DAY);
    const won = decided && rnd.next() < 0.22 + 0.26 * Math.min(1, progress);
    let finalStage: number;
    if (decided) finalStage = won ? 4 : 5;
    else {
      const ahead = (closeMs - now) / DAY;
      finalStage = ahead < 30 ? rnd.pick([2, 3, 3]) : ahead < 90 ? rnd.pick([1, 2, 2, 3]) : rnd.pick([0, 1, 1, 2]);
    }
    const [lo, hi] = AMOUNT_RANGE[a.size];
    const currency = rnd.next() < 0.08 ? 'USD' : 'CNY';
    const baseAmount = Math.round((lo + rnd.next() * (hi - lo)) / 1000) * 1000 * 100;
    const rate = currency === 'USD' ? 7.1 : 1;
    const amount = currency === 'USD' ? Math.round(baseAmount / rate / 100_00) * 100_00 : baseAmount;
    const amountBase = Math.round(amount * rate);
    const stage = STAGES[finalStage]!;
    const id = newId();
    const ahead = (closeMs - now) / DAY;
    const category: ForecastCategory = finalStage === 4 ? 'closed' : finalStage === 5 ? 'omitted' : finalStage === 3 ? (ahead < 60 ? 'commit' : 'best_case') : finalStage === 2 ? 'best_case' : 'pipeline';
    const lostReason = finalStage === 5 ? rnd.pick(LOST_REASONS) : null;
    const competitor = rnd.next() < 0.55 ? rnd.pick(competitorIds) : null;
    const deal = rnd.pick(DEALS);
    // The path through the stages: open ones climb to where they are; lost ones drop out from a stage they reached.
    const reached = finalStage === 4 ? 3 : finalStage === 5 ? rnd.int(0, 3) : finalStage;
    const steps = reached + 1 + (finalStage >= 4 ? 1 : 0);
    const span = Math.max(1, Math.min(closeMs, now) - createdMs);
    let prev: string | null = null;
    let changedMs = createdMs;
    for (let s = 0; s < steps; s++) {
      const to = s <= reached ? s : finalStage;
      changedMs = createdMs + Math.floor((span * s) / Math.max(1, steps - 1 || 1));
      if (s === steps - 1 && finalStage >= 4) changedMs = Math.min(closeMs, now);
      history.push({ id: newId(), ...stamp(changedMs), opportunity_id: id, from_stage_id: prev, to_stage_id: stageIds[to]!, amount_base: amountBase, probability: STAGES[to]!.probability, changed_by: a.owner_id, changed_at: new Date(changedMs).toISOString() });
      prev = stageIds[to]!;
    }
    opps.push({
      id, ...stamp(createdMs),
      name: `${deal.split(' ')[0]} – ${a.name.split(' ')[0]}${i % 7 === 0 ? ' 二期 Phase 2' : ''}`,
      account_id: a.id, contact_id: contactsOf.get(a.id)?.[0] ?? null, owner_id: a.owner_id, pipeline_id: pipelineId, stage_id: stageIds[finalStage]!, status: stage.kind,
      amount, currency, amount_base: amountBase, close_date: isoDay(closeMs), probability: stage.probability, probability_overridden: 0, forecast_category: category,
      needs: `${a.name.split(' ')[0]}希望${deal.split(' ')[0]}，缩短交付周期并降低运维成本。 Wants ${deal.split(' ').slice(1).join(' ')} to cut lead times and running costs.`,
      solution: finalStage >= 2 ? 'Phased rollout: pilot in one business unit, then the rest; fixed-price pilot, time and materials after.' : '',
      next_step: finalStage < 4 ? rnd.pick(['Send the revised proposal', 'Book the demo with IT', 'Meet procurement', 'Confirm the budget owner']) : '',
      lead_source: rnd.pick(['referral', 'website', 'event', 'outbound', 'partner']), source_lead_id: null,
      lost_reason: lostReason, lost_to_competitor_id: lostReason === 'competitor' || (lostReason === 'price' && competitor) ? competitor ?? competitorIds[0]! : null,
      won_at: finalStage === 4 ? new Date(Math.min(closeMs, now)).toISOString() : null,
      lost_at: finalStage === 5 ? new Date(Math.min(closeMs, now)).toISOString() : null,
      stage_changed_at: new Date(changedMs).toISOString(),
    });
    if (competitor) {
      const c = DEMO_COMPETITORS[competitorIds.indexOf(competitor)]!;
      const status = finalStage === 4 ? 'won_against' : finalStage === 5 && (lostReason === 'competitor' || lostReason === 'price') ? 'lost_to' : 'active';
      oppCompetitors.push({ id: newId(), ...stamp(createdMs), opportunity_id: id, competitor_id: competitor, strengths: c.strengths, weaknesses: c.weaknesses, status });
    }
    if (won) wonAccounts.add(a.id);
    // The work around the deal: a few logged activities over its life.
    const n = 2 + Math.min(6, Math.floor(span / (20 * DAY)));
    for (let k = 0; k < n; k++) {
      const ms = createdMs + Math.floor((span * (k + 0.5)) / n);
      const kind = rnd.pick(['call', 'meeting', 'email', 'call', 'note'] as const);
      activities.push({
        id: newId(), ...stamp(ms), kind, subject: rnd.pick(CALL_SUBJECTS), notes: kind === 'note' ? 'Budget confirmed with the CFO; decision expected this quarter.' : '',
        owner_id: a.owner_id, account_id: a.id, contact_id: contactsOf.get(a.id)?.[k % (contactsOf.get(a.id)?.length ?? 1)] ?? null, lead_id: null, opportunity_id: id, project_id: null,
        due_at: new Date(ms).toISOString(), done_at: new Date(ms).toISOString(), outcome: rnd.pick(['positive', 'neutral', 'follow-up needed']), remind_at: null, reminded_at: null,
      });
      touch(a.id, ms);
    }
    // Open deals carry the next follow-up: some overdue, some today, most ahead.
    if (!decided) {
      const dueMs = now + rnd.int(-4, 10) * DAY;
      activities.push({
        id: newId(), ...stamp(now - 5 * DAY), kind: 'task', subject: opps[opps.length - 1]!.next_step || 'Follow up', notes: '', owner_id: a.owner_id, account_id: a.id, contact_id: null, lead_id: null, opportunity_id: id, project_id: null,
        due_at: new Date(dueMs).toISOString(), done_at: null, outcome: null, remind_at: new Date(dueMs - 3_600_000).toISOString(), reminded_at: dueMs < now ? new Date(dueMs - 3_600_000).toISOString() : null,
      });
    }
  }
  for (const a of accounts) {
    if (wonAccounts.has(a.id) && a.status === 'prospect') a.status = 'customer';
    const last = lastTouch.get(a.id);
    a.last_activity_at = last ? new Date(Math.min(last, now - DAY)).toISOString() : null;
    const cadence = a.cadence_days ?? 30;
    a.next_contact_due = a.last_activity_at ? new Date(Date.parse(a.last_activity_at) + cadence * DAY).toISOString() : null;
  }
  const insert = async <T extends keyof DB>(table: T, rows: Insertable<DB[T]>[]) => {
    for (let i = 0; i < rows.length; i += 300) await trx.insertInto(table).values(rows.slice(i, i + 300) as never).execute();
  };
  await insert('accounts', accounts);
  await insert('contacts', contacts);
  await insert('opportunities', opps);
  await insert('opportunity_stage_history', history);
  await insert('opportunity_competitors', oppCompetitors);
  await insert('activities', activities);
  return { pipelineId, stageIds, accountIds: accounts.map((a) => a.id), segmentIds };
}
