import type { Insertable } from 'kysely';
import { addDays, weekStart } from '../../domain/engagement/engagement.js';
import type { DB } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { FixedClock } from '../lib/clock.js';
import type { Ctx } from '../lib/context.js';
import { localDate } from '../lib/dates.js';
import { createMailer } from '../lib/mail.js';
import { draftSnapshot } from '../modules/engagement/report.service.js';
import { NO_DUE } from '../modules/engagement/engagement.repository.js';
import { insertRows } from './demo-delivery.js';
import type { DemoExtraOptions } from './demo-extra.js';
import { createRandom } from './random.js';

/** Projects that keep stakeholders, a communication plan and weekly reports. */
export const ENGAGEMENT_PROJECT_STATUSES = ['planning', 'executing', 'closing', 'on_hold'] as const;
/** Past weeks of submitted status reports for an executing project. */
export const DEMO_REPORT_WEEKS = 3;

const EXTERNAL = [
  { name: '陈志强 Chen Zhiqiang', roleTitle: '首席信息官 CIO', influence: 5, interest: 4, attitude: 'champion', expectations: '按期上线，业务不中断。Go live on time without disrupting the business.', approach: '每两周一对一汇报。One-to-one every two weeks.' },
  { name: '刘芳 Liu Fang', roleTitle: '财务总监 CFO', influence: 4, interest: 2, attitude: 'neutral', expectations: '不超预算。Stay within budget.', approach: '月度成本简报。Monthly cost brief.' },
  { name: '赵磊 Zhao Lei', roleTitle: '业务部门经理 Business lead', influence: 3, interest: 5, attitude: 'supporter', expectations: '系统易用，培训充分。Easy to use, well trained users.', approach: '参加每周例会。Joins the weekly meeting.' },
  { name: '孙丽 Sun Li', roleTitle: 'IT 运维主管 IT operations lead', influence: 2, interest: 4, attitude: 'critic', expectations: '运维负担不增加。No extra load on operations.', approach: '提前评审上线方案。Reviews the cut-over plan early.' },
  { name: '周强 Zhou Qiang', roleTitle: '采购经理 Procurement', influence: 2, interest: 1, attitude: 'neutral', expectations: '合同条款清晰。Clear contract terms.', approach: '按需沟通。As needed.' },
  { name: '吴敏 Wu Min', roleTitle: '关键用户 Key user', influence: 1, interest: 5, attitude: 'supporter', expectations: '及时响应问题。Quick answers to questions.', approach: '即时消息群。Chat group.' },
  { name: '郑伟 Zheng Wei', roleTitle: '法务 Legal counsel', influence: 4, interest: 1, attitude: 'blocker', expectations: '数据合规。Data compliance.', approach: '关键节点前征求意见。Consulted before milestones.' },
] as const;

const PLAN = [
  { topic: '项目周例会 Weekly project meeting', audience: '项目团队与客户 Team and customer', channel: 'meeting', frequency: 'weekly', stakeholders: [0, 2], dueIn: 0 },
  { topic: '周状态报告 Weekly status report', audience: '发起人 Sponsor', channel: 'report', frequency: 'weekly', stakeholders: [0], dueIn: -1 },
  { topic: '指导委员会 Steering committee', audience: '高层 Executives', channel: 'meeting', frequency: 'monthly', stakeholders: [0, 1], dueIn: 9 },
  { topic: '成本简报 Cost brief', audience: '财务 Finance', channel: 'email', frequency: 'monthly', stakeholders: [1], dueIn: 16 },
  { topic: '用户通讯 User newsletter', audience: '关键用户 Key users', channel: 'chat', frequency: 'biweekly', stakeholders: [5], dueIn: 4 },
] as const;

const SUMMARIES = [
  '本周按计划推进，关键任务完成。Work went to plan this week; key tasks are done.',
  '进度略有滞后，已安排加班追赶。Slightly behind; extra hours are planned to catch up.',
  '客户确认了需求变更，范围已更新。The customer confirmed the change; scope is updated.',
];

/**
 * The demo company's stakeholders (5–8 per active project: the executive as sponsor and external
 * contacts), communication plans (some items due today or overdue for the project manager, so the
 * reminder sweep at start-up gives them a notification), and, for executing projects, the last
 * weeks' submitted status reports drafted from the data as it stands (written in the seeding
 * transaction after the projects, risks and time).
 */
export async function seedDemoEngagement(trx: Executor, opts: DemoExtraOptions): Promise<void> {
  const today = localDate(opts.now, 'Asia/Shanghai');
  const ids = createRandom((opts.seed ^ 0x3e6a) >>> 0);
  let idClock = Date.UTC(2024, 0, 1) + 60_000_000;
  const newId = () => ids.uuid(idClock++);
  const rnd = createRandom((opts.seed + 0x3e6) >>> 0);

  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'code', 'status', 'health', 'manager_id', 'planned_start', 'org_id'])
    .where('org_id', '=', opts.orgId)
    .where('status', 'in', ENGAGEMENT_PROJECT_STATUSES)
    .orderBy('code')
    .execute();
  if (!projects.length) return;
  const members = await trx.selectFrom('project_members').select(['project_id', 'user_id']).where('project_id', 'in', projects.map((p) => p.id)).orderBy('project_id').orderBy('user_id').execute();
  const managers = new Map((await trx.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', [...new Set(projects.map((p) => p.manager_id))]).execute()).map((u) => [u.id, u]));
  const sponsor = opts.people.get('exec') ?? null;
  const at = opts.now.toISOString();

  const stakeholders: Insertable<DB['stakeholders']>[] = [];
  const items: Insertable<DB['communication_items']>[] = [];
  for (const p of projects) {
    const chosen: string[] = [];
    if (sponsor) {
      const id = newId();
      chosen.push(id);
      stakeholders.push({ id, org_id: opts.orgId, project_id: p.id, user_id: sponsor, name: '周建国 (Executive)', organisation: 'Tandem', role_title: '项目发起人 Sponsor', influence: 5, interest: 3, attitude: 'supporter', expectations: '利润率达标。Meet the margin target.', engagement_approach: '月度指导委员会。Monthly steering committee.', created_at: at, updated_at: at, version: 1 });
    }
    const count = rnd.int(4, 7);
    const offset = rnd.int(0, EXTERNAL.length - 1);
    const external: string[] = [];
    for (let k = 0; k < count; k++) {
      const s = EXTERNAL[(offset + k) % EXTERNAL.length]!;
      const id = newId();
      external[(offset + k) % EXTERNAL.length] = id;
      stakeholders.push({ id, org_id: opts.orgId, project_id: p.id, user_id: null, name: s.name, organisation: '客户 Customer', role_title: s.roleTitle, influence: s.influence, interest: s.interest, attitude: s.attitude, expectations: s.expectations, engagement_approach: s.approach, created_at: at, updated_at: at, version: 1 });
    }
    const team = members.filter((m) => m.project_id === p.id && m.user_id !== p.manager_id).map((m) => m.user_id);
    PLAN.forEach((c, k) => {
      // The manager owns the meetings and reports; a team member the newsletter.
      const owner = c.channel === 'chat' && team.length ? team[k % team.length]! : p.manager_id;
      const next = addDays(today, c.dueIn);
      const last = addDays(next, c.frequency === 'weekly' ? -7 : c.frequency === 'biweekly' ? -14 : -30);
      items.push({
        id: newId(), org_id: opts.orgId, project_id: p.id, topic: c.topic, audience: c.audience,
        stakeholder_ids: JSON.stringify(c.stakeholders.map((i) => external[i]).filter((x): x is string => !!x)),
        channel: c.channel, frequency: c.frequency, owner_id: owner, next_due_date: next, due_sort: next ?? NO_DUE, last_done_date: last < today ? last : null,
        created_at: at, updated_at: at, version: 1,
      });
    });
  }
  await insertRows(trx, 'stakeholders', stakeholders);
  await insertRows(trx, 'communication_items', items);

  // Past weeks' reports of executing projects, drafted from the data (never this week: the PM writes that one).
  const thisWeek = weekStart(today);
  const reports: Insertable<DB['status_reports']>[] = [];
  for (const p of projects.filter((x) => x.status === 'executing')) {
    const manager = managers.get(p.manager_id);
    if (!manager) continue;
    for (let w = DEMO_REPORT_WEEKS; w >= 1; w--) {
      const weekOf = addDays(thisWeek, -7 * w);
      // Written on the Friday of the week, with the figures of that day.
      const reportDate = addDays(weekOf, 4);
      if (reportDate < p.planned_start) continue;
      const submittedAt = `${addDays(weekOf, 4)}T09:00:00.000Z`;
      const ctx = {
        db: trx,
        clock: new FixedClock(submittedAt),
        mailer: createMailer('none', () => {}),
        actor: { id: manager.id, orgId: opts.orgId, name: manager.name, email: manager.email, roles: new Set(['project_manager'] as const), teamId: null, locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
        ip: null,
        baseUrl: '',
      } as unknown as Ctx;
      const snapshot = await draftSnapshot(ctx, (await trx.selectFrom('projects').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow()), reportDate);
      reports.push({
        id: newId(), org_id: opts.orgId, project_id: p.id, week_of: weekOf, report_date: reportDate, status: 'submitted', health: p.health,
        summary: SUMMARIES[(w + p.code.length) % SUMMARIES.length]!, accomplishments: '完成本周计划任务。This week\'s planned tasks are done.', next_steps: '继续执行下周计划。Carry on with next week\'s plan.',
        snapshot: JSON.stringify(snapshot), created_by: manager.id, submitted_by: manager.id, submitted_at: submittedAt, created_at: submittedAt, updated_at: submittedAt, version: 2,
      });
    }
  }
  await insertRows(trx, 'status_reports', reports);
}
