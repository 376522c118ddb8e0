import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import { quoteTotals } from '../../domain/contracting/quote.js';
import type { DB } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { emailKey, nameKey } from '../modules/sales/money.js';
import type { DemoExtraOptions } from './demo-extra.js';
import { createRandom } from './random.js';

/**
 * The demo company's sales beyond the core (demo-sales.ts): leads (converted ones behind deals),
 * the product catalogue, quotes with versions, contracts with negotiation rounds and signatures,
 * orders with billing milestones, satisfaction surveys, market feedback, quotas, market sizes and
 * forecast snapshots — all read off the deals demo-sales.ts wrote, so the figures agree.
 * Deterministic for a seed; dates are relative to `now`.
 */
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

const PRODUCTS = [
  { code: 'SVC-CONSULT', name: '咨询顾问 Consulting', kind: 'service_hours', unit: 'hour', price: 1_500_00, cost: 700_00 },
  { code: 'SVC-DEV', name: '开发工程 Engineering', kind: 'service_hours', unit: 'hour', price: 1_200_00, cost: 600_00 },
  { code: 'SVC-PM', name: '项目管理 Project management', kind: 'service_hours', unit: 'hour', price: 1_400_00, cost: 650_00 },
  { code: 'FIX-DISC', name: '需求调研工作坊 Discovery workshop', kind: 'fixed_deliverable', unit: 'package', price: 80_000_00, cost: 35_000_00 },
  { code: 'FIX-IMPL', name: '实施交付 Implementation (fixed price)', kind: 'fixed_deliverable', unit: 'package', price: 500_000_00, cost: 320_000_00 },
  { code: 'FIX-TRAIN', name: '用户培训 Training day', kind: 'fixed_deliverable', unit: 'day', price: 12_000_00, cost: 5_000_00 },
  { code: 'LIC-PLAT', name: '数据平台许可 Platform licence', kind: 'licence', unit: 'seat-year', price: 3_600_00, cost: 900_00 },
  { code: 'LIC-SUP', name: '运维支持 Support & maintenance', kind: 'licence', unit: 'year', price: 200_000_00, cost: 90_000_00 },
] as const;

const DISQUALIFY = ['No budget this year 今年没有预算', 'Too small for us 项目规模太小', 'Student / job seeker 非客户线索', 'Chose an in-house team 决定自建团队', 'No reply after five attempts 多次联系无回复'];
const NEW_COMPANIES = ['星河智造 Galaxy Smart Mfg', '百川物流 Baichuan Logistics', '康宁药业 Kangning Pharma', '汇银小贷 Huiyin Credit', '启明学校 Qiming School', '北辰能源 Beichen Energy', '云杉零售 Spruce Retail', '海川化工 Haichuan Chemicals', '朗新电信 Langxin Telecom', '金穗保险 Jinsui Insurance', '泰山重机 Taishan Machinery', '青藤教育 Qingteng Education', '鸿运快递 Hongyun Express', '万象百货 Wanxiang Stores', '德润医疗 Derun Medical'];
const SURVEY_GOOD = ['项目团队很专业，沟通及时。', 'Great team, delivered on time.', '上线很顺利，感谢！', 'Responsive support, clear reports.', ''];
const SURVEY_POOR = ['交付延期两周，沟通不够。 Delivery slipped two weeks and we were not told early.', 'Too many change requests billed separately. 变更收费太多。', '顾问更换频繁，需要重新解释需求。'];
const FEEDBACK: Record<string, { sentiment: 'positive' | 'neutral' | 'negative'; text: string; tags: string[] }[]> = {
  price: [
    { sentiment: 'negative', text: '客户认为人天单价比竞争对手高 20%。 Customer finds our day rate 20 % above the competition.', tags: ['day-rate', 'budget'] },
    { sentiment: 'negative', text: '采购要求再降价 10% 才能过会。 Procurement wants another 10 % off before the board meeting.', tags: ['discount', 'procurement'] },
    { sentiment: 'neutral', text: 'Licence price acceptable if bundled with support. 许可价格可以接受，但希望打包运维。', tags: ['licence', 'bundle'] },
    { sentiment: 'negative', text: '预算被砍，客户希望分期付款。 Budget cut; customer asks to pay in instalments.', tags: ['budget', 'payment-terms'] },
  ],
  feature: [
    { sentiment: 'negative', text: '缺少移动端审批功能。 Missing mobile approvals.', tags: ['mobile', 'workflow'] },
    { sentiment: 'positive', text: 'Dashboards impressed the CFO. 报表功能得到财务总监认可。', tags: ['bi', 'cfo'] },
    { sentiment: 'neutral', text: '希望支持国产数据库。 Wants support for domestic databases.', tags: ['database', 'xinchuang'] },
  ],
  competitor: [
    { sentiment: 'negative', text: '蓝海系统报价低一半。 BlueOcean quoted half our price.', tags: ['blueocean', 'price'] },
    { sentiment: 'neutral', text: 'Apex pitched to the CFO directly. 恒拓直接找了财务总监。', tags: ['apex', 'executive'] },
    { sentiment: 'positive', text: '客户对云腾的定制能力不满意，转向我们。 Unhappy with Nimbus customisation, came to us.', tags: ['nimbus', 'customisation'] },
  ],
  service: [
    { sentiment: 'positive', text: '上线支持及时，客户很满意。 Go-live support praised.', tags: ['go-live', 'support'] },
    { sentiment: 'negative', text: 'Ticket response too slow last month. 上月工单响应太慢。', tags: ['sla', 'support'] },
    { sentiment: 'positive', text: '项目经理沟通清晰。 Clear communication from the PM.', tags: ['pm', 'communication'] },
  ],
  other: [
    { sentiment: 'neutral', text: '客户集团明年统一采购。 Group-wide procurement from next year.', tags: ['procurement'] },
    { sentiment: 'neutral', text: 'Asked about ESG reporting. 询问 ESG 报告能力。', tags: ['esg'] },
  ],
};

export async function seedDemoSalesExtra(trx: Executor, opts: DemoExtraOptions): Promise<void> {
  const rnd = createRandom((opts.seed ^ 0xe47a5) >>> 0);
  const ids = createRandom((opts.seed + 0xe47a) >>> 0);
  let idClock = Date.UTC(2024, 0, 1) + 90_000_000;
  const newId = () => ids.uuid(idClock++);
  const now = opts.now.getTime();
  const at = iso(now);
  const org = opts.orgId;
  const stamp = (createdMs = now) => ({ org_id: org, created_at: iso(Math.min(createdMs, now)), updated_at: at, version: 1 });
  const person = (key: string) => opts.people.get(key)!;
  const repKeys = ['rep1', 'rep2', 'rep3', 'salesmgr'];
  const repIds = repKeys.map(person);
  const insert = async <T extends keyof DB>(table: T, rows: Insertable<DB[T]>[]) => {
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto(table).values(rows.slice(i, i + 200) as never).execute();
  };

  // ---- what demo-sales.ts wrote ----
  const opps = (
    await trx
      .selectFrom('opportunities')
      .select(['id', 'name', 'account_id', 'contact_id', 'owner_id', 'status', 'stage_id', 'amount', 'currency', 'amount_base', 'close_date', 'created_at', 'won_at', 'lost_at', 'lead_source', 'probability'])
      .where('org_id', '=', org)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map((o) => ({ ...o, amount: Number(o.amount), amount_base: Number(o.amount_base) }));
  const stages = await trx.selectFrom('pipeline_stages').select(['id', 'position']).where('org_id', '=', org).execute();
  const posOf = new Map(stages.map((s) => [s.id, s.position]));
  const history = await trx.selectFrom('opportunity_stage_history').select(['opportunity_id', 'to_stage_id', 'changed_at']).where('org_id', '=', org).execute();
  // Per deal: the furthest open stage it reached and when it entered Proposal (position 2).
  const reached = new Map<string, number>();
  const proposalAt = new Map<string, number>();
  for (const h of history) {
    const p = posOf.get(h.to_stage_id) ?? 0;
    if (p <= 3) reached.set(h.opportunity_id, Math.max(reached.get(h.opportunity_id) ?? 0, p));
    if (p === 2) proposalAt.set(h.opportunity_id, Date.parse(h.changed_at));
  }
  const accounts = await trx.selectFrom('accounts').select(['id', 'name', 'segment_id', 'owner_id', 'created_at']).where('org_id', '=', org).orderBy('id').execute();
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const contacts = await trx.selectFrom('contacts').select(['id', 'account_id', 'name', 'email', 'title', 'phone']).where('org_id', '=', org).orderBy('id').execute();
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const contactsOf = new Map<string, typeof contacts>();
  for (const c of contacts) contactsOf.set(c.account_id, [...(contactsOf.get(c.account_id) ?? []), c]);
  const projects = await trx.selectFrom('projects').select(['id', 'account_id']).where('org_id', '=', org).where('account_id', 'is not', null).orderBy('id').execute();
  const projectOf = new Map(projects.map((p) => [p.account_id!, p.id]));
  const teams = await trx.selectFrom('teams').select(['id', 'name', 'parent_id']).where('org_id', '=', org).where('manager_id', '=', person('salesmgr')).where('kind', '=', 'sales').execute();
  const users = await trx.selectFrom('users').select(['id', 'team_id']).where('org_id', '=', org).where('id', 'in', repIds).execute();

  // ---- products ----
  const productIds = new Map<string, string>();
  await insert(
    'products',
    PRODUCTS.map((p) => {
      const id = newId();
      productIds.set(p.code, id);
      return { id, ...stamp(now - 740 * DAY), code: p.code, name: p.name, kind: p.kind, unit: p.unit, list_price: p.price, currency: 'CNY', estimated_unit_cost: p.cost, active: 1 as const };
    }),
  );
  const P = (code: string) => PRODUCTS.find((p) => p.code === code)!;

  // ---- leads ----
  const leads: Insertable<DB['leads']>[] = [];
  const leadBase = (createdMs: number, owner: string, company: string, name: string, email: string | null) => ({
    id: newId(), ...stamp(createdMs), campaign: null as string | null, company, company_key: nameKey(company), name, title: null as string | null, email, email_key: email ? emailKey(email) : null, phone: null as string | null,
    budget_amount: null as number | null, budget_currency: null as string | null, authority: '', authority_confirmed: 0 as 0 | 1, need: '', timeline_date: null as string | null, timeline_note: '',
    disqualified_reason: null as string | null, disqualified_at: null as string | null, owner_id: owner, converted_at: null as string | null, converted_account_id: null as string | null, converted_contact_id: null as string | null, converted_opportunity_id: null as string | null,
  });
  // A good share of the won and open deals came from a lead that was converted into them.
  const sourceLead = new Map<string, string>();
  for (const o of opps) {
    if (o.status === 'lost' || !o.contact_id || rnd.next() > 0.22 || sourceLead.size >= 45) continue;
    const c = contactById.get(o.contact_id)!;
    const a = accountById.get(o.account_id)!;
    const convertedMs = Date.parse(o.created_at);
    const l = leadBase(convertedMs - rnd.int(10, 40) * DAY, o.owner_id, a.name, c.name, c.email);
    Object.assign(l, {
      source: o.lead_source, campaign: o.lead_source === 'event' ? rnd.pick(['数字化峰会 Digital Summit', '行业沙龙 Industry salon']) : null, title: c.title, phone: c.phone, status: 'qualified',
      budget_amount: o.amount, budget_currency: o.currency, authority: `${c.name} (${c.title}) signs off`, authority_confirmed: 1, need: o.name, timeline_date: o.close_date, timeline_note: 'Decision this quarter 本季度决策',
      converted_at: iso(convertedMs), converted_account_id: a.id, converted_contact_id: c.id, converted_opportunity_id: o.id,
    });
    leads.push(l as Insertable<DB['leads']>);
    sourceLead.set(o.id, l.id);
  }
  // Fresh ones still being worked, some qualified and waiting to be converted, and the ones let go.
  for (let i = 0; i < 36; i++) {
    const company = NEW_COMPANIES[i % NEW_COMPANIES.length]! + (i >= NEW_COMPANIES.length ? ` ${['二部 Div. 2', '分公司 Branch'][Math.floor(i / NEW_COMPANIES.length) - 1] ?? ''}` : '');
    const status = i < 10 ? 'new' : i < 18 ? 'working' : i < 24 ? 'qualified' : 'disqualified';
    const createdMs = status === 'disqualified' ? now - rnd.int(20, 700) * DAY : now - rnd.int(1, status === 'new' ? 14 : 60) * DAY;
    const name = `${rnd.pick(['赵', '钱', '孙', '周', '郑'])}${rnd.pick(['宇', '婷', '浩', '雪', '鹏'])}`;
    const l = leadBase(createdMs, person(rnd.pick(repKeys)), company, name, `lead${i}@${nameKey(company).replace(/[^a-z]/g, '').slice(0, 10) || 'lead'}.example.cn`);
    Object.assign(l, { source: rnd.pick(['website', 'event', 'outbound', 'referral', 'partner']), title: rnd.pick(['IT Manager 信息经理', 'CIO', 'Procurement 采购']), status, need: rnd.pick(['Wants a CRM 需要客户管理系统', 'ERP upgrade 升级 ERP', 'Data platform 数据平台']) });
    if (status === 'working' || status === 'qualified') Object.assign(l, { budget_amount: rnd.int(20, 300) * 10_000_00, budget_currency: 'CNY', timeline_date: isoDay(now + rnd.int(30, 180) * DAY) });
    if (status === 'qualified') Object.assign(l, { authority: 'CIO decides 信息总监决策', authority_confirmed: 1 });
    if (status === 'disqualified') Object.assign(l, { disqualified_reason: rnd.pick(DISQUALIFY), disqualified_at: iso(createdMs + rnd.int(3, 20) * DAY) });
    leads.push(l as Insertable<DB['leads']>);
  }
  await insert('leads', leads);
  for (const [oppId, leadId] of sourceLead) await trx.updateTable('opportunities').set({ source_lead_id: leadId }).where('id', '=', oppId).execute();

  // ---- quotes ----
  type Line = { product_id: string | null; description: string; quantity: number; unit: string; unit_price: number; discount_percent: number; estimated_unit_cost: number; net_amount: number };
  /** Lines whose nets add up to exactly `target` (the last one is the fixed-price balance). */
  const linesFor = (target: number, currency: string, discount: number): Line[] => {
    const fx = currency === 'CNY' ? 1 : 7.1;
    const conv = (v: number) => Math.round(v / fx);
    const lines: Line[] = [];
    const add = (code: string, quantity: number, d: number) => {
      const p = P(code);
      const unitPrice = conv(p.price);
      const net = Math.round(quantity * unitPrice * (1 - d / 100));
      lines.push({ product_id: productIds.get(p.code)!, description: p.name, quantity, unit: p.unit, unit_price: unitPrice, discount_percent: d, estimated_unit_cost: conv(p.cost), net_amount: net });
    };
    add('FIX-DISC', 1, 0);
    const hours = Math.max(10, Math.round((target * 0.25) / conv(P('SVC-CONSULT').price) / 10) * 10);
    add('SVC-CONSULT', hours, discount);
    if (rnd.next() < 0.5) add('LIC-PLAT', rnd.int(2, 10) * 10, discount);
    if (rnd.next() < 0.4) add('FIX-TRAIN', rnd.int(2, 6), 0);
    let rest = target - lines.reduce((s, l) => s + l.net_amount, 0);
    while (rest < target * 0.15 && lines.length > 0) {
      lines.pop();
      rest = target - lines.reduce((s, l) => s + l.net_amount, 0);
    }
    const impl = P('FIX-IMPL');
    lines.push({ product_id: productIds.get(impl.code)!, description: impl.name, quantity: 1, unit: impl.unit, unit_price: rest, discount_percent: 0, estimated_unit_cost: Math.round(rest * 0.62), net_amount: rest });
    return lines;
  };
  const quotes: Insertable<DB['quotes']>[] = [];
  const quoteLines: Insertable<DB['quote_lines']>[] = [];
  const accepted = new Map<string, { quoteId: string; lines: Line[]; net: number; decidedMs: number }>();
  const seriesByYear = new Map<string, number>();
  const nextNumber = (prefix: string, ms: number, counter: Map<string, number>) => {
    const y = new Date(ms).toISOString().slice(0, 4);
    const n = (counter.get(y) ?? 0) + 1;
    counter.set(y, n);
    return `${prefix}-${y}-${String(n).padStart(4, '0')}`;
  };
  let pendingLeft = 2;
  for (const o of opps) {
    const r = reached.get(o.id) ?? 0;
    if (r < 2) continue;
    if (o.status !== 'won' && rnd.next() < 0.15) continue;
    const createdMs = Date.parse(o.created_at);
    const endMs = o.won_at ? Date.parse(o.won_at) : o.lost_at ? Date.parse(o.lost_at) : now;
    const sentMs = Math.min(Math.max(proposalAt.get(o.id) ?? createdMs + (endMs - createdMs) / 2, createdMs + DAY), now - DAY);
    const versions = rnd.next() < 0.3 ? 2 : 1;
    const number = nextNumber('Q', sentMs, seriesByYear);
    const pending = o.status === 'open' && r === 3 && pendingLeft > 0 && rnd.next() < 0.3;
    if (pending) pendingLeft--;
    const bigDiscount = pending || (o.status === 'won' && rnd.next() < 0.08);
    for (let v = 1; v <= versions; v++) {
      const last = v === versions;
      const qMs = last && versions === 2 ? Math.min(sentMs + rnd.int(5, 15) * DAY, Math.max(sentMs, endMs - 2 * DAY), now - DAY) : sentMs;
      const discount = bigDiscount && last ? rnd.pick([18, 20, 22]) : rnd.pick([0, 5, 5, 8, 10]);
      // An earlier version asked for more (about 8 %) than the deal closed at.
      const lines = linesFor(last ? o.amount : Math.round(o.amount * 1.08), o.currency, discount);
      const totals = quoteTotals(lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unit_price, discountPercent: l.discount_percent, estimatedUnitCost: l.estimated_unit_cost })));
      const decidedMs = o.won_at ? Math.max(qMs + DAY, Date.parse(o.won_at) - rnd.int(15, 30) * DAY) : endMs;
      const status = !last ? 'superseded' : o.status === 'won' ? 'accepted' : o.status === 'lost' ? 'rejected' : pending ? 'pending_approval' : r === 3 ? 'sent' : rnd.pick(['draft', 'sent', 'sent'] as const);
      const needsOk = totals.maxDiscountPercent > 15 && status !== 'pending_approval' && status !== 'draft';
      const id = newId();
      quotes.push({
        id, ...stamp(qMs), opportunity_id: o.id, number, quote_version: v, status, valid_until: isoDay(o.status === 'open' && last ? Math.max(qMs + 30 * DAY, now + 14 * DAY) : qMs + 30 * DAY), currency: o.currency,
        list_total: totals.listTotal, net_total: totals.netTotal, cost_total: totals.costTotal, margin: totals.margin, max_discount_percent: totals.maxDiscountPercent,
        approved_by: needsOk ? person('salesmgr') : null, approved_at: needsOk ? iso(qMs) : null, approval_note: needsOk ? 'Strategic account, approved 战略客户，同意' : null,
        sent_at: status === 'draft' || status === 'pending_approval' ? null : iso(qMs), decided_at: status === 'accepted' || status === 'rejected' ? iso(Math.min(decidedMs, now)) : null,
      });
      lines.forEach((l, i) => quoteLines.push({ id: newId(), ...stamp(qMs), quote_id: id, position: i, ...l }));
      if (status === 'accepted') accepted.set(o.id, { quoteId: id, lines, net: totals.netTotal, decidedMs: Math.min(decidedMs, now) });
    }
  }
  await insert('quotes', quotes);
  await insert('quote_lines', quoteLines);

  // ---- contracts, negotiation rounds, orders and billing milestones ----
  const contracts: Insertable<DB['contracts']>[] = [];
  const rounds: Insertable<DB['contract_rounds']>[] = [];
  const orders: Insertable<DB['orders']>[] = [];
  const orderLines: Insertable<DB['order_lines']>[] = [];
  const milestones: Insertable<DB['billing_milestones']>[] = [];
  const contractNumbers = new Map<string, number>();
  const ROUND_TOPICS = ['付款条件 Payment terms: 30/40/30', '责任上限 Liability cap at contract value', '知识产权 IP of custom code to the customer', '验收标准 Acceptance criteria per milestone', '保密条款 Confidentiality'];
  const renewalSoon = new Set<string>();
  const contractsOfAccount = new Map<string, { id: string; signedMs: number; endMs: number; owner: string }[]>();
  for (const o of opps.filter((x) => x.status === 'won').sort((x, y) => Date.parse(x.won_at!) - Date.parse(y.won_at!))) {
    const q = accepted.get(o.id)!;
    const wonMs = Date.parse(o.won_at!);
    const createdMs = Math.min(q.decidedMs + DAY, wonMs);
    const customerMs = Math.max(createdMs, wonMs - rnd.int(0, 4) * DAY);
    const companyMs = Math.max(createdMs, wonMs - rnd.int(0, 4) * DAY);
    const signedMs = Math.max(customerMs, companyMs);
    const startMs = signedMs + rnd.int(7, 30) * DAY;
    let endMs = startMs + rnd.int(6, 24) * 30 * DAY;
    const id = newId();
    // A few running contracts come up for renewal within the notice period.
    if (startMs < now && endMs > now + 60 * DAY && renewalSoon.size < 6 && rnd.next() < 0.25) {
      endMs = now + rnd.int(10, 55) * DAY;
      renewalSoon.add(id);
    }
    const renewable = renewalSoon.has(id) || rnd.next() < 0.5;
    const status = startMs > now ? 'signed' : endMs < now ? 'completed' : 'active';
    const number = nextNumber('C', createdMs, contractNumbers);
    contracts.push({
      id, ...stamp(createdMs), account_id: o.account_id, opportunity_id: o.id, quote_id: q.quoteId, owner_id: o.owner_id, number, title: o.name, value: q.net, currency: o.currency, value_base: o.amount_base,
      status, customer_signed_on: isoDay(customerMs), company_signed_on: isoDay(companyMs), signed_on: isoDay(signedMs), start_date: isoDay(startMs), end_date: isoDay(endMs), renewal_date: renewable ? isoDay(endMs) : null, renewal_reminded_for: null,
    });
    const n = rnd.int(1, 3);
    for (let k = 1; k <= n; k++) {
      const dMs = createdMs + Math.floor(((signedMs - createdMs) * k) / (n + 1));
      rounds.push({ id: newId(), ...stamp(dMs), contract_id: id, round: k, date: isoDay(dMs), summary: rnd.pick(ROUND_TOPICS), reason: k === 1 ? 'Customer legal review 客户法务审核' : '', value_before: q.net, value_after: q.net, by_id: o.owner_id });
    }
    contractsOfAccount.set(o.account_id, [...(contractsOfAccount.get(o.account_id) ?? []), { id, signedMs, endMs, owner: o.owner_id }]);
    // The order: the accepted quote's lines, billed 30 % at signing, 40 % midway and the rest at the end.
    const orderId = newId();
    q.lines.forEach((l, i) => orderLines.push({ id: newId(), ...stamp(signedMs), order_id: orderId, position: i, ...l }));
    const first = Math.round(q.net * 0.3);
    const mid = Math.round(q.net * 0.4);
    const plan = [
      { name: '合同签署 On signing', amount: first, dueMs: signedMs + 10 * DAY },
      { name: '上线验收 Go-live acceptance', amount: mid, dueMs: startMs + Math.floor((endMs - startMs) / 2) },
      { name: '终验 Final acceptance', amount: q.net - first - mid, dueMs: endMs },
    ];
    let allPaid = true;
    plan.forEach((m, i) => {
      const invoiced = m.dueMs <= now ? m.dueMs + rnd.int(0, 3) * DAY : null;
      const paidMs = invoiced !== null ? invoiced + rnd.int(15, 60) * DAY : null;
      const paid = paidMs !== null && paidMs <= now && rnd.next() < 0.92;
      if (!paid) allPaid = false;
      milestones.push({ id: newId(), ...stamp(signedMs), order_id: orderId, position: i, name: m.name, amount: m.amount, due_date: isoDay(m.dueMs), invoiced_on: invoiced !== null ? isoDay(Math.min(invoiced, now)) : null, paid_on: paid ? isoDay(paidMs!) : null });
    });
    orders.push({ id: orderId, ...stamp(signedMs), contract_id: id, number: `${number}-O`, value: q.net, currency: o.currency, status: allPaid ? 'fulfilled' : 'open' });
  }
  await insert('contracts', contracts);
  await insert('contract_rounds', rounds);
  await insert('orders', orders);
  await insert('order_lines', orderLines);
  await insert('billing_milestones', milestones);

  // ---- surveys: about 60 % of the customers with contracts ----
  const surveys: Insertable<DB['surveys']>[] = [];
  for (const [accountId, cs] of [...contractsOfAccount].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (rnd.next() > 0.6) continue;
    const email = contactsOf.get(accountId)?.[0]?.email ?? 'customer@example.cn';
    for (const c of cs.slice(-2)) {
      // Sent a couple of months into the work; a few went out in the last days and wait for an answer.
      let sentMs = c.signedMs + rnd.int(45, 150) * DAY;
      if (sentMs > now) {
        if (rnd.next() > 0.35) continue;
        sentMs = now - rnd.int(0, 6) * DAY - rnd.int(1, 8) * 3_600_000;
      }
      const kind = rnd.next() < 0.5 ? 'csat' : 'nps';
      const answered = sentMs < now - 10 * DAY && rnd.next() < 0.85;
      const poor = answered && rnd.next() < 0.15;
      const csat = kind === 'csat' && answered ? (poor ? rnd.int(1, 2) : rnd.pick([3, 4, 4, 5, 5, 5])) : null;
      const nps = kind === 'nps' && answered ? (poor ? rnd.int(2, 5) : rnd.pick([7, 8, 9, 9, 10, 10])) : null;
      const token = `${ids.uuid(sentMs)}-${ids.uuid(sentMs + 1)}`;
      surveys.push({
        id: newId(), ...stamp(sentMs), kind, account_id: accountId, contract_id: c.id, project_id: projectOf.get(accountId) ?? null, sent_to_email: email, token_hash: createHash('sha256').update(token).digest('hex'),
        sent_by: c.owner, sent_at: iso(sentMs), expires_at: iso(sentMs + 14 * DAY), answered_at: answered ? iso(sentMs + rnd.int(1, 9) * DAY) : null, csat, nps,
        comment: answered ? (poor ? rnd.pick(SURVEY_POOR) : rnd.pick(SURVEY_GOOD)) || null : null,
      });
    }
  }
  await insert('surveys', surveys);

  // ---- market feedback: price complaints rise in the last two quarters ----
  const feedback: Insertable<DB['market_feedback']>[] = [];
  for (let i = 0; i < 150; i++) {
    const dayMs = now - Math.floor(((150 - i - rnd.next()) / 150) * 730) * DAY;
    const recent = dayMs > now - 182 * DAY;
    const category = rnd.next() < (recent ? 0.45 : 0.15) ? 'price' : rnd.pick(['feature', 'feature', 'competitor', 'service', 'service', 'other'] as const);
    const f = rnd.pick(FEEDBACK[category]!);
    const a = rnd.next() < 0.8 ? accounts[rnd.int(0, accounts.length - 1)]! : null;
    feedback.push({
      id: newId(), ...stamp(dayMs), source: rnd.pick(['客户拜访 Customer visit', '输单复盘 Loss review', '展会 Trade fair', '服务热线 Support line']), account_id: a?.id ?? null, segment_id: a?.segment_id ?? null,
      product: rnd.next() < 0.5 ? rnd.pick(PRODUCTS).name : null, category, sentiment: f.sentiment, text: f.text, tags: JSON.stringify(f.tags), recorded_by: a?.owner_id ?? person(rnd.pick(repKeys)), recorded_on: isoDay(dayMs),
    });
  }
  await insert('market_feedback', feedback);

  // ---- quotas, market sizes and forecast snapshots ----
  const nowDate = new Date(now);
  const quarterStart = (offset: number) => Date.UTC(nowDate.getUTCFullYear(), Math.floor(nowDate.getUTCMonth() / 3) * 3 + offset * 3, 1);
  const targets: Insertable<DB['sales_targets']>[] = [];
  const snapshots: Insertable<DB['forecast_snapshots']>[] = [];
  const target = (subject: { user?: string; team?: string }, start: string, metric: 'revenue' | 'orders', amount: number) =>
    targets.push({ id: newId(), ...stamp(Date.parse(start) - 20 * DAY), user_id: subject.user ?? null, team_id: subject.team ?? null, subject: subject.user ? `user:${subject.user}` : `team:${subject.team}`, period_kind: 'quarter', period_start: start, metric, amount });
  const teamOfRep = new Map(users.map((u) => [u.id, u.team_id]));
  for (let q = -8; q <= 2; q++) {
    const fromMs = quarterStart(q);
    const toMs = quarterStart(q + 1);
    const start = isoDay(fromMs);
    const end = isoDay(toMs);
    const teamRevenue = new Map<string, number>();
    const teamOrders = new Map<string, number>();
    for (const rep of repIds) {
      const mine = opps.filter((o) => o.owner_id === rep && o.close_date >= start && o.close_date < end);
      const won = mine.filter((o) => o.status === 'won');
      const wonSum = won.reduce((s, o) => s + o.amount_base, 0);
      const openWeighted = mine.filter((o) => o.status === 'open').reduce((s, o) => s + (o.amount_base * o.probability) / 100, 0);
      // Sized so that attainment ranges about 70–120 % (past) or is within reach (current, next).
      const expected = q < 0 ? wonSum : wonSum + openWeighted;
      const revenue = Math.max(100_000_00, Math.round(expected / (0.7 + rnd.next() * 0.5) / 10_000_00) * 10_000_00);
      const orderCount = Math.max(1, Math.round(Math.max(won.length, q < 0 ? 1 : mine.length / 2) / (0.7 + rnd.next() * 0.5)));
      target({ user: rep }, start, 'revenue', revenue);
      target({ user: rep }, start, 'orders', orderCount);
      const team = teamOfRep.get(rep);
      if (team) {
        teamRevenue.set(team, (teamRevenue.get(team) ?? 0) + revenue);
        teamOrders.set(team, (teamOrders.get(team) ?? 0) + orderCount);
      }
      // The snapshot at the start of each past quarter (and this one). An approximation of what the
      // forecast said then: every deal of the quarter that existed then counts as open; deals later
      // won, or lost after reaching Negotiation, stood in commit/best case; closed is what was won
      // before the snapshot (nothing closes before the quarter opens, so mostly zero).
      if (q > -8 && fromMs <= now) {
        const takenMs = fromMs + 2 * 3_600_000;
        const then = mine.filter((o) => Date.parse(o.created_at) <= takenMs);
        let commit = 0;
        let bestOnly = 0;
        let pipeline = 0;
        let weighted = 0;
        let closed = 0;
        for (const o of then) {
          if (o.won_at && Date.parse(o.won_at) <= takenMs) {
            closed += o.amount_base;
            continue;
          }
          const r = reached.get(o.id) ?? 0;
          const prob = [10, 25, 50, 75][Math.min(3, r)]!;
          pipeline += o.amount_base;
          weighted += (o.amount_base * prob) / 100;
          if (o.status === 'won' ? rnd.next() < 0.75 : r === 3 && rnd.next() < 0.35) commit += o.amount_base;
          else if (r >= 2) bestOnly += o.amount_base;
        }
        snapshots.push({ id: newId(), ...stamp(takenMs), period_kind: 'quarter', period_start: start, user_id: rep, taken_at: iso(takenMs), commit, best_case: commit + bestOnly, pipeline, weighted: Math.round(weighted), closed });
      }
    }
    // Team quotas roll up the reps' (the parent team carries its sub-teams' too).
    for (const t of teams) {
      const sub = teams.filter((x) => x.id === t.id || x.parent_id === t.id).map((x) => x.id);
      const rev = sub.reduce((s, id) => s + (teamRevenue.get(id) ?? 0), 0);
      const ord = sub.reduce((s, id) => s + (teamOrders.get(id) ?? 0), 0);
      if (rev > 0) target({ team: t.id }, start, 'revenue', rev);
      if (ord > 0) target({ team: t.id }, start, 'orders', ord);
    }
  }
  await insert('sales_targets', targets);
  await insert('forecast_snapshots', snapshots);

  const sizes: Insertable<DB['segment_market_sizes']>[] = [];
  const segmentIds = [...new Set(accounts.map((a) => a.segment_id).filter((s): s is string => s !== null))].sort();
  for (let y = nowDate.getUTCFullYear() - 2; y <= nowDate.getUTCFullYear(); y++) {
    for (const seg of segmentIds) {
      const booked = opps.filter((o) => o.status === 'won' && o.close_date.startsWith(String(y)) && accountById.get(o.account_id)?.segment_id === seg).reduce((s, o) => s + o.amount_base, 0);
      // Our share is a few percent; the market grows some 8 % a year.
      const size = Math.max(200_000_000_00, Math.round(booked / (0.02 + rnd.next() * 0.04) / 1_000_000_00) * 1_000_000_00);
      sizes.push({ id: newId(), ...stamp(Date.UTC(y, 0, 1) - 30 * DAY), segment_id: seg, period_kind: 'year', period_start: `${y}-01-01`, market_size: size });
    }
  }
  await insert('segment_market_sizes', sizes);
}
