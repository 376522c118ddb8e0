import type { Insertable } from 'kysely';
import { bandOfScore, issueSeverityOfBand, riskScore, SEVERITY_RANK } from '../../domain/risk/scoring.js';
import type { DB, IssueStatus, ProjectHealth, RiskCategory, RiskResponseKind, RiskStatus } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { localDate } from '../lib/dates.js';
import { earnedValueOfProjects } from '../modules/evm/evm.service.js';
import { costRateAt, entryCost } from '../modules/timesheets/timesheet.service.js';
import { insertRows } from './demo-delivery.js';
import { seedDemoProgress } from './demo-progress.js';
import type { DemoExtraOptions } from './demo-extra.js';
import { createRandom, type Random } from './random.js';

/** Projects whose people have logged time: the ones at work, closing or done. */
export const TIME_PROJECT_STATUSES = ['executing', 'closing', 'closed'] as const;
/** Projects with a live risk register. */
export const RISK_PROJECT_STATUSES = ['planning', 'executing', 'closing', 'on_hold'] as const;
/** At most this many hours a day per person, across all their projects. */
export const DEMO_DAY_HOURS = 8;
/**
 * The cost performance index (EV / AC) each project at work, closing or done shows today, by its
 * health: the demo's people are booked on several projects at once while their timesheets keep to
 * 8 h a day, so the rest of the actual cost is work the projects bought in (subcontractors).
 */
export const DEMO_CPI_TARGETS: Record<ProjectHealth, [number, number]> = { on_track: [0.99, 1.05], at_risk: [0.9, 0.93], off_track: [0.8, 0.84] };
/** Timesheets reach back this many weeks before the current one: every demo project's life (plans reach back about 380 days). */
export const DEMO_TIME_WEEKS = 60;

const DAY_MS = 86_400_000;
const toDay = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 1 = Monday … 7 = Sunday (1970-01-01, day 0, was a Thursday). */
const weekdayOf = (day: number) => ((day + 3) % 7) + 1;
const mondayOf = (day: number) => day - (weekdayOf(day) - 1);
const isoAt = (day: number, hourUtc: number) => `${fromDay(day)}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`;
const quarter = (h: number) => Math.round(h * 4) / 4;

const RISK_TEMPLATES: { title: string; cause: string; category: RiskCategory; response: RiskResponseKind; plan: string; trigger: string }[] = [
  { title: '关键开发人员流失 Key developer leaves', cause: '核心模块只有一人熟悉。Only one person knows the core module.', category: 'resource', response: 'mitigate', plan: '结对编程并补充文档。Pair programming and written hand-over notes.', trigger: '离职申请或长期病假。A resignation or long sick leave.' },
  { title: '需求持续变更 Requirements keep changing', cause: '业务部门尚未对流程达成一致。The business has not agreed its process.', category: 'scope', response: 'avoid', plan: '变更走变更控制委员会。Every change goes through the change board.', trigger: '一周内超过三个变更请求。More than three change requests in a week.' },
  { title: '第三方接口延期 Third-party API late', cause: '接口由客户的供应商开发。The client\'s supplier builds the interface.', category: 'supplier', response: 'transfer', plan: '合同约定交付日期与罚则。Delivery date and penalties in the contract.', trigger: '接口文档延期超过一周。API documentation a week late.' },
  { title: '性能达不到要求 Performance below target', cause: '数据量比预估大一个数量级。Ten times more data than estimated.', category: 'technical', response: 'mitigate', plan: '提前做压力测试。Load tests early.', trigger: '压测响应超过 2 秒。Load-test responses over 2 s.' },
  { title: '测试环境不稳定 Unstable test environment', cause: '环境由客户 IT 共享维护。Shared with the client\'s IT.', category: 'technical', response: 'mitigate', plan: '申请专用环境。Ask for a dedicated environment.', trigger: '一周内宕机两次。Down twice in a week.' },
  { title: '预算超支 Budget overrun', cause: '人天单价上涨。Day rates went up.', category: 'cost', response: 'accept', plan: '每月复核挣值。Monthly earned-value review.', trigger: 'CPI 低于 0.9。CPI below 0.9.' },
  { title: '上线窗口冲突 Go-live window clash', cause: '客户年底冻结变更。Year-end change freeze at the client.', category: 'schedule', response: 'avoid', plan: '提前两周上线。Go live two weeks earlier.', trigger: '冻结期公告。Freeze announced.' },
  { title: '数据迁移质量差 Poor migration data quality', cause: '历史数据缺少校验。Legacy data was never validated.', category: 'quality', response: 'mitigate', plan: '迁移前清洗与对账。Cleanse and reconcile before migrating.', trigger: '试迁移错误率超过 1%。Trial migration error rate above 1 %.' },
  { title: '客户关键用户不到位 Client key users unavailable', cause: '业务旺季。Peak season for the business.', category: 'customer', response: 'escalate', plan: '由发起人协调时间。The sponsor frees their time.', trigger: '连续两次工作坊缺席。Two workshops missed in a row.' },
  { title: '许可证合规 Licence compliance', cause: '开源组件许可证未审查。Open-source licences not reviewed.', category: 'legal', response: 'mitigate', plan: '引入许可证扫描。Licence scanning in the build.', trigger: '扫描发现 GPL 组件。A GPL component found.' },
  { title: '安全测评不通过 Security assessment fails', cause: '等保要求新增。New compliance requirements.', category: 'legal', response: 'mitigate', plan: '提前预评估。A pre-assessment.', trigger: '预评估高危项。High findings in the pre-assessment.' },
  { title: '硬件到货延迟 Hardware delivery late', cause: '单一供应商。A single supplier.', category: 'supplier', response: 'transfer', plan: '备选供应商。A second supplier.', trigger: '发货日期推迟。Ship date moved.' },
  { title: '团队并行项目过多 Team spread over too many projects', cause: '同一批人同时在四个项目上。The same people are on four projects.', category: 'resource', response: 'escalate', plan: 'PMO 调整优先级。The PMO sets priorities.', trigger: '资源负荷超过 120%。Workload above 120 %.' },
  { title: '验收标准不清 Unclear acceptance criteria', cause: '合同只写了功能清单。The contract lists features only.', category: 'scope', response: 'mitigate', plan: '逐项确认验收用例。Agree acceptance tests one by one.', trigger: '验收评审有争议。A disputed acceptance review.' },
];

/** Probability × impact pairs from low to critical, so that every register's heat map has a shape. */
const RATINGS: [number, number][] = [[1, 2], [2, 2], [2, 3], [3, 2], [3, 3], [2, 4], [4, 3], [3, 4], [4, 4], [5, 3], [4, 5], [1, 4], [5, 5], [2, 1]];

const ISSUE_TEMPLATES: { title: string; description: string }[] = [
  { title: '测试环境数据库宕机 Test database down', description: '集成测试中断两天。Integration testing stopped for two days.' },
  { title: '接口字段定义不一致 Interface fields disagree', description: '双方文档版本不同。The two sides work from different document versions.' },
  { title: '关键用户未参加评审 Key users missed the review', description: '评审需要重新安排。The review has to be rescheduled.' },
  { title: '构建流水线变慢 Build pipeline slow', description: '每次构建超过 40 分钟。Each build takes over 40 minutes.' },
];

const EXPENSE_KINDS: { category: string; note: string; min: number; max: number }[] = [
  { category: 'travel', note: '客户现场差旅 Travel to the client site', min: 80_000, max: 420_000 },
  { category: 'accommodation', note: '现场支持住宿 Hotel for on-site support', min: 60_000, max: 300_000 },
  { category: 'meals', note: '工作坊餐费 Workshop lunches', min: 12_000, max: 60_000 },
  { category: 'software', note: '测试工具许可 Test tool licences', min: 200_000, max: 900_000 },
  { category: 'equipment', note: '测试设备 Test devices', min: 150_000, max: 800_000 },
  { category: 'subcontract', note: '分包：性能测试 Subcontracted load testing', min: 800_000, max: 2_500_000 },
  { category: 'other', note: '培训教材印刷 Printing training material', min: 10_000, max: 80_000 },
];

interface LeafTask {
  id: string;
  projectId: string;
  start: number;
  end: number;
}

/**
 * The demo company's time and cost records and risk registers, written in the seeding transaction
 * after the projects: timesheets on the projects at work (approved before last week, submitted
 * last week, drafts this week; at most 8 h a day per person, only on their tasks, only while the
 * task was under way), expenses, and risks with reviews and a few issues.
 */
export async function seedDemoTime(trx: Executor, opts: DemoExtraOptions): Promise<void> {
  const today = toDay(localDate(opts.now, 'Asia/Shanghai'));
  const thisMonday = mondayOf(today);
  const lastMonday = thisMonday - 7;
  const at = opts.now.toISOString();
  const ids = createRandom((opts.seed ^ 0x7153) >>> 0);
  let idClock = Date.UTC(2024, 0, 1) + 30_000_000;
  const newId = () => ids.uuid(idClock++);
  const rnd = createRandom((opts.seed + 0x71e) >>> 0);

  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'code', 'status', 'health', 'manager_id', 'planned_start', 'planned_finish', 'budget_expenses', 'currency', 'calendar_id'])
    .where('org_id', '=', opts.orgId)
    .orderBy('code')
    .execute();
  const timeProjects = projects.filter((p) => (TIME_PROJECT_STATUSES as readonly string[]).includes(p.status));
  const managerOf = new Map(projects.map((p) => [p.id, p.manager_id]));

  // ---- timesheets ----
  const entries: Insertable<DB['timesheet_entries']>[] = [];
  if (timeProjects.length) {
    const projectIds = timeProjects.map((p) => p.id);
    const [taskRows, assignmentRows, calendar, users, history] = await Promise.all([
      trx
        .selectFrom('tasks as t')
        .select(['t.id', 't.project_id', 't.early_start', 't.early_finish', 't.actual_start', 't.actual_finish', 't.status', 't.percent_complete'])
        .where('t.org_id', '=', opts.orgId)
        .where('t.project_id', 'in', projectIds)
        .where('t.kind', '=', 'task')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('tasks as c').select('c.id').whereRef('c.parent_id', '=', 't.id'))))
        .orderBy('t.project_id')
        .orderBy('t.position')
        .orderBy('t.id')
        .execute(),
      trx.selectFrom('task_assignments').select(['task_id', 'user_id']).where('org_id', '=', opts.orgId).where('project_id', 'in', projectIds).orderBy('task_id').orderBy('user_id').execute(),
      trx.selectFrom('calendars').select(['id', 'working_days']).where('org_id', '=', opts.orgId).where('is_default', '=', 1).executeTakeFirst(),
      trx.selectFrom('users').select(['id', 'cost_rate']).where('org_id', '=', opts.orgId).orderBy('id').execute(),
      trx.selectFrom('user_rates').select(['user_id', 'effective_from', 'cost_rate']).where('org_id', '=', opts.orgId).orderBy('user_id').orderBy('effective_from').execute(),
    ]);
    const workingDays = new Set((calendar?.working_days ?? '1,2,3,4,5').split(',').map(Number));
    const exceptions = calendar ? await trx.selectFrom('calendar_exceptions').select(['date', 'working']).where('calendar_id', '=', calendar.id).execute() : [];
    const exceptionOf = new Map(exceptions.map((e) => [toDay(e.date), e.working === 1]));
    const isWorking = (day: number) => exceptionOf.get(day) ?? workingDays.has(weekdayOf(day));
    const rates = new Map(users.map((u) => [u.id, { current: u.cost_rate, history: history.filter((h) => h.user_id === u.id) }]));

    // A task's time goes on the days it was under way: from its start to its finish, or to yesterday while it runs.
    const tasks = new Map<string, LeafTask>();
    for (const t of taskRows) {
      const started = t.actual_start ?? (t.status !== 'not_started' || t.percent_complete > 0 ? t.early_start : null);
      if (!started) continue;
      const finished = t.actual_finish ?? (t.status === 'done' ? t.early_finish : null);
      const start = toDay(started);
      const end = Math.min(finished ? toDay(finished) : today - 1, today - 1);
      if (end >= start) tasks.set(t.id, { id: t.id, projectId: t.project_id, start, end });
    }
    const tasksOf = new Map<string, LeafTask[]>();
    for (const a of assignmentRows) {
      const task = tasks.get(a.task_id);
      if (!task) continue;
      const list = tasksOf.get(a.user_id) ?? [];
      list.push(task);
      tasksOf.set(a.user_id, list);
    }

    const firstDay = thisMonday - 7 * DEMO_TIME_WEEKS;
    for (const [userId, list] of [...tasksOf.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const rate = rates.get(userId) ?? { current: 0, history: [] };
      for (let day = Math.max(firstDay, Math.min(...list.map((t) => t.start))); day < today; day++) {
        if (!isWorking(day)) continue;
        const open = list.filter((t) => t.start <= day && day <= t.end);
        if (!open.length) continue;
        // A full day most days, split over one or two of the tasks under way.
        const dayHours = rnd.pick([8, 8, 8, 7.5, 7, 6]);
        const first = open[rnd.int(0, open.length - 1)];
        const rest = open.filter((t) => t !== first);
        const second = rest.length && rnd.next() < 0.45 ? rest[rnd.int(0, rest.length - 1)] : undefined;
        const split: [LeafTask, number][] = second ? [[first, quarter(dayHours * (0.4 + rnd.next() * 0.2))], [second, 0]] : [[first, dayHours]];
        if (second) split[1][1] = dayHours - split[0][1];
        const date = fromDay(day);
        const status = day < lastMonday ? 'approved' : day < thisMonday ? 'submitted' : 'draft';
        const approvedAt = status === 'approved' ? isoAt(mondayOf(day) + 7 + rnd.int(0, 2), 2 + rnd.int(0, 6)) : null;
        for (const [task, hours] of split) {
          entries.push({
            id: newId(), org_id: opts.orgId, user_id: userId, project_id: task.projectId, task_id: task.id, date, hours, billable: 1, note: '',
            status, approved_by: status === 'approved' ? managerOf.get(task.projectId)! : null, approved_at: approvedAt,
            cost: entryCost(hours, costRateAt(rate, date)),
            created_at: isoAt(day, 10), updated_at: approvedAt ?? isoAt(day, 10), version: status === 'approved' ? 3 : status === 'submitted' ? 2 : 1,
          });
        }
      }
    }
  }
  await insertRows(trx, 'timesheet_entries', entries);

  // ---- expenses ----
  const expenses: Insertable<DB['expenses']>[] = [];
  const people = await trx.selectFrom('project_members').select(['project_id', 'user_id']).where('org_id', '=', opts.orgId).orderBy('project_id').orderBy('user_id').execute();
  for (const p of timeProjects) {
    const team = people.filter((m) => m.project_id === p.id).map((m) => m.user_id);
    if (!team.length) continue;
    const start = toDay(p.planned_start);
    const end = Math.min(p.planned_finish ? toDay(p.planned_finish) : today, today);
    if (end < start) continue;
    const count = rnd.int(4, 7);
    for (let i = 0; i < count; i++) {
      // The last one is recent and waits for the manager on a project still at work.
      const recent = i === count - 1 && p.status !== 'closed';
      const day = recent ? Math.max(start, today - rnd.int(1, 6)) : start + Math.floor(((end - start) * (i + 0.5)) / count);
      const kind = EXPENSE_KINDS[(i + rnd.int(0, EXPENSE_KINDS.length - 1)) % EXPENSE_KINDS.length];
      const amount = Math.round(rnd.int(kind.min, kind.max) / 100) * 100;
      const status = recent || day >= lastMonday ? 'submitted' : rnd.next() < 0.12 ? 'rejected' : 'approved';
      const decidedAt = status === 'submitted' ? null : isoAt(Math.min(day + rnd.int(1, 5), today), 3);
      expenses.push({
        id: newId(), org_id: opts.orgId, project_id: p.id, user_id: rnd.pick(team), category: kind.category, amount, currency: p.currency, date: fromDay(day), note: kind.note,
        status, approved_by: status === 'approved' ? p.manager_id : null, approved_at: status === 'approved' ? decidedAt : null,
        created_at: isoAt(day, 9), updated_at: decidedAt ?? isoAt(day, 9), version: status === 'submitted' ? 1 : 2,
      });
    }
  }
  await insertRows(trx, 'expenses', expenses);
  // With the hours and expenses stored, the earned value service says what each project has earned and cost.
  await insertRows(trx, 'expenses', await subcontractInvoices(trx, opts, timeProjects, entries, { today, lastMonday }));

  await seedRisks(trx, opts, projects.filter((p) => (RISK_PROJECT_STATUSES as readonly string[]).includes(p.status)), people, { today, at, newId, rnd });
  await seedDemoProgress(trx, opts);
}

/**
 * Monthly subcontractor invoices that bring each project's CPI at today to a target for its health
 * (DEMO_CPI_TARGETS, drawn from the seed): earned value and the actual cost already booked as the
 * EVM service computes them (earnedValueOfProjects, after the hours and other expenses are stored),
 * the shortfall spread over the months from the project's start to the week before last in step
 * with its labour, approved.
 */
async function subcontractInvoices(
  trx: Executor,
  opts: DemoExtraOptions,
  projects: { id: string; status: string; health: ProjectHealth; manager_id: string; planned_start: string; planned_finish: string | null; currency: string; calendar_id: string | null }[],
  entries: readonly Insertable<DB['timesheet_entries']>[],
  c: { today: number; lastMonday: number },
): Promise<Insertable<DB['expenses']>[]> {
  if (!projects.length) return [];
  const rnd = createRandom((opts.seed + 0xc057) >>> 0);
  const ids = createRandom((opts.seed ^ 0x1d0c) >>> 0);
  let idClock = Date.UTC(2024, 0, 1) + 31_000_000;
  const evProjects = await trx.selectFrom('projects').select(['id', 'org_id', 'calendar_id', 'budget_labour', 'budget_expenses']).where('id', 'in', projects.map((p) => p.id)).execute();
  const values = await earnedValueOfProjects(trx, evProjects, fromDay(c.today));
  const monthOf = (day: number) => fromDay(day).slice(0, 7);

  const out: Insertable<DB['expenses']>[] = [];
  for (const p of projects) {
    const [lo, hi] = DEMO_CPI_TARGETS[p.health];
    const target = lo + rnd.next() * (hi - lo);
    // What it has earned, and cost so far (approved hours and expenses to today, whatever their month).
    const { ev, ac: booked } = values.get(p.id)!;
    const labourByMonth = new Map<string, number>();
    for (const e of entries) {
      if (e.project_id !== p.id || e.status !== 'approved' || e.date > fromDay(c.today)) continue;
      labourByMonth.set(e.date.slice(0, 7), (labourByMonth.get(e.date.slice(0, 7)) ?? 0) + Number(e.cost));
    }
    const shortfall = ev / target - booked;
    if (shortfall <= 0) continue;

    // One invoice a month, on the month's last weekday, up to the week before last (later ones are not approved yet).
    const start = toDay(p.planned_start);
    const end = Math.min(p.planned_finish ? toDay(p.planned_finish) : c.lastMonday - 1, c.lastMonday - 1);
    if (end < start) continue;
    const months: { day: number; weight: number }[] = [];
    for (let day = start; day <= end; ) {
      const [y, m] = fromDay(day).split('-').map(Number);
      const monthEnd = Date.UTC(y, m, 0) / DAY_MS;
      let invoiceDay = Math.min(monthEnd, end);
      while (weekdayOf(invoiceDay) > 5 && invoiceDay - 1 >= start) invoiceDay--;
      months.push({ day: invoiceDay, weight: labourByMonth.get(monthOf(day)) ?? 0 });
      day = monthEnd + 1;
    }
    const mean = months.reduce((s, x) => s + x.weight, 0) / months.length;
    for (const x of months) x.weight = x.weight * (0.8 + rnd.next() * 0.4) + mean * 0.1;
    const total = months.reduce((s, x) => s + x.weight, 0);
    let left = Math.round(shortfall);
    months.forEach((x, i) => {
      const amount = i === months.length - 1 ? left : Math.round((shortfall * x.weight) / total / 100) * 100;
      left -= amount;
      if (amount <= 0) return;
      const approvedAt = isoAt(Math.min(x.day + rnd.int(2, 6), c.today), 3);
      out.push({
        id: ids.uuid(idClock++), org_id: opts.orgId, project_id: p.id, user_id: p.manager_id, category: 'subcontract', amount, currency: p.currency, date: fromDay(x.day),
        note: `分包开发与实施 ${monthOf(x.day)} Subcontracted development and delivery, ${monthOf(x.day)}`,
        status: 'approved', approved_by: p.manager_id, approved_at: approvedAt, created_at: isoAt(x.day, 9), updated_at: approvedAt, version: 2,
      });
    });
  }
  return out;
}

async function seedRisks(
  trx: Executor,
  opts: DemoExtraOptions,
  projects: { id: string; status: string; manager_id: string; planned_start: string }[],
  people: { project_id: string; user_id: string }[],
  c: { today: number; at: string; newId: () => string; rnd: Random },
) {
  const { today, newId, rnd } = c;
  const risks: Insertable<DB['risks']>[] = [];
  const reviews: Insertable<DB['risk_reviews']>[] = [];
  const issues: Insertable<DB['issues']>[] = [];
  projects.forEach((p, pi) => {
    const team = people.filter((m) => m.project_id === p.id).map((m) => m.user_id);
    const owners = team.length ? team : [p.manager_id];
    const opened = Math.min(toDay(p.planned_start) - 10, today - 30);
    const count = 5 + ((pi * 3 + rnd.int(0, 5)) % 6);
    const offset = rnd.int(0, RISK_TEMPLATES.length - 1);
    const ratingOffset = rnd.int(0, RATINGS.length - 1);
    const ratings = Array.from({ length: count }, (_, i) => RATINGS[(ratingOffset + i * 5) % RATINGS.length]);
    // One risk of each project at work has happened (a serious one, not the worst): it is an issue now.
    const byScore = ratings.map(([pr, im], i) => ({ i, score: riskScore(pr, im) })).sort((x, y) => y.score - x.score || x.i - y.i);
    const occurredAt = p.status === 'executing' ? byScore[1].i : -1;
    for (let i = 0; i < count; i++) {
      const tpl = RISK_TEMPLATES[(offset + i) % RISK_TEMPLATES.length];
      const [probability, impact] = ratings[i];
      const score = riskScore(probability, impact);
      const status: RiskStatus = i === occurredAt ? 'occurred' : i === count - 1 && count > 6 && i !== byScore[0].i ? 'closed' : i % 3 === 2 ? 'monitoring' : 'open';
      const created = opened + rnd.int(0, 20);
      const riskId = newId();
      const reviewed = status !== 'closed' && rnd.next() < 0.6;
      const lastReview = reviewed ? Math.max(created + 1, today - rnd.int(3, 40)) : null;
      // Reviewed every two to four weeks: some are due now or overdue.
      const nextReview = status === 'open' || status === 'monitoring' ? (lastReview ?? created) + rnd.int(14, 28) : null;
      let issueId: string | null = null;
      if (status === 'occurred') {
        issueId = newId();
        const severity = issueSeverityOfBand(bandOfScore(score));
        const happened = Math.max(created + 5, today - rnd.int(5, 15));
        issues.push({
          id: issueId, org_id: opts.orgId, project_id: p.id, title: tpl.title, description: tpl.cause, severity, severity_rank: SEVERITY_RANK[severity], owner_id: rnd.pick(owners),
          resolution: '', status: 'in_progress', due_date: fromDay(today + rnd.int(3, 12)), risk_id: riskId, resolved_at: null,
          created_at: isoAt(happened, 3), updated_at: isoAt(happened, 3), version: 1,
        });
      }
      risks.push({
        id: riskId, org_id: opts.orgId, project_id: p.id, title: tpl.title, cause: tpl.cause, category: tpl.category, probability, impact, score, owner_id: rnd.pick(owners),
        response: tpl.response, response_plan: tpl.plan, trigger_condition: tpl.trigger, status, next_review_date: nextReview === null ? null : fromDay(nextReview),
        last_reviewed_at: lastReview === null ? null : isoAt(lastReview, 6), issue_id: issueId,
        created_at: isoAt(created, 2), updated_at: isoAt(lastReview ?? created, 6), version: 1 + (lastReview === null ? 0 : 1) + (issueId ? 1 : 0),
      });
      if (lastReview !== null) {
        // The first assessment a notch lower, the latest review at today's rating.
        const earlierProbability = Math.max(1, probability - 1);
        const midway = Math.floor((created + lastReview) / 2);
        if (midway > created) {
          reviews.push({
            id: newId(), org_id: opts.orgId, project_id: p.id, risk_id: riskId, reviewed_by: p.manager_id, reviewed_at: isoAt(midway, 6), note: '首次复核 First review.',
            probability: earlierProbability, impact, score: riskScore(earlierProbability, impact), next_review_date: fromDay(lastReview), created_at: isoAt(midway, 6), updated_at: isoAt(midway, 6), version: 1,
          });
        }
        reviews.push({
          id: newId(), org_id: opts.orgId, project_id: p.id, risk_id: riskId, reviewed_by: p.manager_id, reviewed_at: isoAt(lastReview, 6), note: '例行复核 Regular review.',
          probability, impact, score, next_review_date: nextReview === null ? null : fromDay(nextReview), created_at: isoAt(lastReview, 6), updated_at: isoAt(lastReview, 6), version: 1,
        });
      }
    }
    // A couple of issues that were never risks.
    const own = p.status === 'planning' ? 1 : 2;
    for (let k = 0; k < own; k++) {
      const tpl = ISSUE_TEMPLATES[(pi + k) % ISSUE_TEMPLATES.length];
      const severity = (['low', 'medium', 'high'] as const)[(pi + k) % 3];
      const raised = today - rnd.int(2, 30);
      const status: IssueStatus = k === 1 && rnd.next() < 0.5 ? 'resolved' : k === 0 ? 'open' : 'in_progress';
      issues.push({
        id: newId(), org_id: opts.orgId, project_id: p.id, title: tpl.title, description: tpl.description, severity, severity_rank: SEVERITY_RANK[severity], owner_id: rnd.pick(owners),
        resolution: status === 'resolved' ? '已处理 Fixed.' : '', status, due_date: fromDay(raised + rnd.int(5, 20)), risk_id: null, resolved_at: status === 'resolved' ? isoAt(today - 1, 4) : null,
        created_at: isoAt(raised, 3), updated_at: isoAt(status === 'resolved' ? today - 1 : raised, 4), version: status === 'resolved' ? 2 : 1,
      });
    }
  });
  // Issues first: risks.issue_id is a foreign key (issues.risk_id is not, as both point at each other).
  await insertRows(trx, 'issues', issues);
  await insertRows(trx, 'risks', risks);
  await insertRows(trx, 'risk_reviews', reviews);
}
