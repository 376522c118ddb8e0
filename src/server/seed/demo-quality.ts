import type { Insertable } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { localDate } from '../lib/dates.js';
import { SEVERITY_RANK } from '../modules/quality/quality.rules.js';
import { insertRows } from './demo-delivery.js';
import type { DemoExtraOptions } from './demo-extra.js';
import { createRandom } from './random.js';

/** Projects whose deliverables have been reviewed and whose scope has been changed. */
export const QUALITY_PROJECT_STATUSES = ['executing', 'closing', 'closed'] as const;

const DAY_MS = 86_400_000;
const toDay = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const isoAt = (day: number, hourUtc: number) => `${fromDay(day)}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`;

const CRITERIA = [
  '客户签字确认 Signed off by the customer',
  '评审意见全部关闭 All review comments closed',
  '符合公司模板 Follows the company template',
  '关键用户确认 Confirmed by the key users',
  '无高/严重缺陷 No high or critical defect open',
];
const DEFECTS = [
  { title: '接口字段缺失 Missing interface fields', description: '第 3 章未描述订单接口。Chapter 3 leaves out the order interface.' },
  { title: '性能指标未量化 Performance targets not quantified', description: '只写了“快速响应”。Says only “fast response”.' },
  { title: '版本号不一致 Version numbers disagree', description: '封面与页脚版本不同。Cover and footer show different versions.' },
  { title: '缺少回退方案 No rollback plan', description: '上线失败时如何回退没有说明。Nothing on how to roll back a failed go-live.' },
];
const CHANGES = [
  { title: '增加移动端审批 Add mobile approvals', scope: '新增移动端审批页面 3 个。Three more approval screens on mobile.', description: '客户业务部门提出。Asked for by the business.', days: 8, cost: 6_800_000 },
  { title: '报表改为按周汇总 Weekly instead of daily reports', scope: '报表口径调整。Report grain changes.', description: '减少数据量。Less data to process.', days: -2, cost: -1_200_000 },
  { title: '对接新的单点登录 Integrate the new SSO', scope: '更换身份认证方式。A different identity provider.', description: '客户 IT 统一要求。Required by the client’s IT.', days: 5, cost: 3_500_000 },
  { title: '延后数据迁移批次 Move a migration wave later', scope: '第二批数据推迟迁移。The second data wave moves later.', description: '客户年终结账。Year-end closing at the client.', days: 10, cost: 0 },
];

/**
 * The demo company's deliverables, reviews, defects and change requests, written in the seeding
 * transaction after the projects. Consistent with each project's state: a closed project has all
 * its deliverables accepted and its defects closed and its changes decided; a project at work has
 * accepted the deliverables of finished tasks, has some in review or rejected with open defects,
 * and a change request waiting for a decision.
 */
export async function seedDemoQuality(trx: Executor, opts: DemoExtraOptions): Promise<void> {
  const today = toDay(localDate(opts.now, 'Asia/Shanghai'));
  const ids = createRandom((opts.seed ^ 0x9a11) >>> 0);
  let idClock = Date.UTC(2024, 0, 1) + 40_000_000;
  const newId = () => ids.uuid(idClock++);
  const rnd = createRandom((opts.seed + 0x9a1) >>> 0);

  const projects = await trx
    .selectFrom('projects')
    .select(['id', 'status', 'manager_id', 'planned_start', 'currency'])
    .where('org_id', '=', opts.orgId)
    .where('status', 'in', QUALITY_PROJECT_STATUSES)
    .orderBy('code')
    .execute();
  if (!projects.length) return;
  const projectIds = projects.map((p) => p.id);
  const [tasks, members] = await Promise.all([
    trx
      .selectFrom('tasks')
      .select(['id', 'project_id', 'deliverable', 'status', 'percent_complete', 'actual_finish', 'early_finish'])
      .where('org_id', '=', opts.orgId)
      .where('project_id', 'in', projectIds)
      .where('deliverable', 'is not', null)
      .orderBy('project_id')
      .orderBy('position')
      .orderBy('id')
      .execute(),
    trx.selectFrom('project_members').select(['project_id', 'user_id']).where('org_id', '=', opts.orgId).where('project_id', 'in', projectIds).orderBy('project_id').orderBy('user_id').execute(),
  ]);

  const deliverables: Insertable<DB['deliverables']>[] = [];
  const reviews: Insertable<DB['deliverable_reviews']>[] = [];
  const defects: Insertable<DB['defects']>[] = [];
  const changes: Insertable<DB['change_requests']>[] = [];
  const counters: Insertable<DB['change_request_counters']>[] = [];
  const pmo = opts.people.get('pmo');

  projects.forEach((p, pi) => {
    const team = members.filter((m) => m.project_id === p.id && m.user_id !== p.manager_id).map((m) => m.user_id);
    const crew = team.length ? team : [p.manager_id];
    const start = toDay(p.planned_start);
    const own = tasks.filter((t) => t.project_id === p.id);
    // A project at work has one deliverable sent back with open defects: the one under way, else the last one finished.
    const underWay = own.findIndex((t) => t.status !== 'done' && (t.status === 'in_progress' || t.percent_complete > 0));
    const lastDone = own.map((t) => t.status === 'done').lastIndexOf(true);
    const rejectAt = p.status === 'executing' ? (underWay >= 0 ? underWay : lastDone) : -1;
    own.forEach((t, ti) => {
      const due = t.early_finish ? toDay(t.early_finish) : today + 30;
      const finished = p.status === 'closed' || t.status === 'done';
      const criteria = [0, 1, 2].slice(0, 2 + (ti % 2)).map((k) => ({ id: newId(), text: CRITERIA[(ti + k) % CRITERIA.length], met: false }));
      const id = newId();
      const created = Math.min(start + 2, today);
      const owner = ti % 3 === 0 ? p.manager_id : crew[ti % crew.length];
      const reviewOn = (day: number, result: 'accepted' | 'rejected' | 'needs_changes', first: boolean, comments: string) => {
        const reviewId = newId();
        reviews.push({
          id: reviewId, org_id: opts.orgId, project_id: p.id, deliverable_id: id, reviewer_id: p.manager_id, review_date: fromDay(day), result, comments,
          first_review: first ? 1 : 0, created_at: isoAt(day, 7), updated_at: isoAt(day, 7), version: 1,
        });
        return reviewId;
      };
      const defectOn = (day: number, reviewId: string, k: number, severity: 'low' | 'medium' | 'high' | 'critical', status: 'open' | 'fixed' | 'verified' | 'closed', resolvedDay: number | null) => {
        const tpl = DEFECTS[(pi + ti + k) % DEFECTS.length];
        defects.push({
          id: newId(), org_id: opts.orgId, project_id: p.id, deliverable_id: id, review_id: reviewId, title: tpl.title, description: tpl.description, severity, severity_rank: SEVERITY_RANK[severity],
          status, assignee_id: crew[(ti + k) % crew.length], found_by: p.manager_id, resolved_at: resolvedDay === null ? null : isoAt(resolvedDay, 8),
          created_at: isoAt(day, 7), updated_at: isoAt(resolvedDay ?? day, 8), version: status === 'open' ? 1 : status === 'fixed' ? 2 : 3,
        });
      };

      let status: 'planned' | 'in_review' | 'accepted' | 'rejected' = 'planned';
      let lastReviewed: number | null = null;
      let acceptedAt: number | null = null;
      if (ti === rejectAt && today - 3 > created) {
        // Handed in and sent back: open defects, one of them high, stand in the way of acceptance.
        const day = today - 3;
        const r = reviewOn(day, 'rejected', true, '存在阻碍验收的缺陷 Defects block acceptance.');
        defectOn(day, r, 0, 'high', 'open', null);
        defectOn(day, r, 1, 'medium', 'fixed', null);
        criteria[0].met = true;
        status = 'rejected';
        lastReviewed = day;
      } else if (finished) {
        // Accepted on the day the task finished (or today, if the plan says it is due later).
        const day = Math.max(created + 1, Math.min(t.actual_finish ? toDay(t.actual_finish) : due, today));
        // One in three needed a second round: the first review found defects, fixed and verified since.
        if (ti % 3 === 1 && day - 6 > created) {
          const first = reviewOn(day - 6, 'needs_changes', true, '需补充细节 Needs more detail.');
          defectOn(day - 6, first, 0, 'high', 'closed', day - 1);
          defectOn(day - 6, first, 1, 'low', 'verified', day - 1);
          reviewOn(day, 'accepted', false, '问题已修复 Issues fixed.');
        } else {
          reviewOn(day, 'accepted', true, '符合验收标准 Meets the criteria.');
        }
        for (const c of criteria) c.met = true;
        status = 'accepted';
        lastReviewed = day;
        acceptedAt = day;
      } else if (t.status === 'in_progress' || t.percent_complete > 0) {
        status = p.status === 'closing' || t.percent_complete >= 50 ? 'in_review' : 'planned';
      }
      const touched = lastReviewed ?? created;
      deliverables.push({
        id, org_id: opts.orgId, project_id: p.id, name: t.deliverable!, description: '', criteria: JSON.stringify(criteria), task_id: t.id, due_date: fromDay(due), owner_id: owner,
        status, accepted_at: acceptedAt === null ? null : isoAt(acceptedAt, 7), last_reviewed_at: lastReviewed === null ? null : isoAt(lastReviewed, 7),
        created_at: isoAt(created, 3), updated_at: isoAt(touched, 7), version: 1 + reviews.filter((r) => r.deliverable_id === id).length,
      });
    });

    // Change requests: decided ones in the past; a project at work has one waiting (and the troubled one a draft).
    const states: ('approved' | 'rejected' | 'submitted' | 'draft')[] =
      p.status === 'closed' ? ['approved'] : p.status === 'closing' ? ['approved', 'rejected'] : pi % 2 === 1 ? ['approved', 'submitted', 'draft'] : ['approved', 'submitted'];
    const span = Math.max(10, today - start);
    states.forEach((state, k) => {
      const tpl = CHANGES[(pi + k) % CHANGES.length];
      const raised = Math.min(start + Math.floor((span * (k + 1)) / (states.length + 1)), today - 1);
      const decided = state === 'approved' || state === 'rejected' ? Math.min(raised + rnd.int(2, 6), today) : null;
      const decider = decided !== null && k === 1 && pmo ? pmo : p.manager_id;
      const requester = k % 2 === 0 ? p.manager_id : crew[k % crew.length];
      changes.push({
        id: newId(), org_id: opts.orgId, project_id: p.id, number: k + 1, title: tpl.title, description: tpl.description, requested_by: requester, scope_impact: tpl.scope,
        schedule_impact_days: tpl.days, cost_impact: tpl.cost, currency: p.currency, amendment_ref: state === 'approved' ? `AMD-${pi + 1}-${k + 1}` : null, status: state,
        submitted_at: state === 'draft' ? null : isoAt(raised, 4), decided_by: decided === null ? null : decider, decided_at: decided === null ? null : isoAt(decided, 9),
        decision_date: decided === null ? null : fromDay(decided), decision_note: state === 'approved' ? '在预算内，同意。Within the reserve: approved.' : state === 'rejected' ? '超出合同范围。Outside the contract.' : '',
        created_at: isoAt(raised, 3), updated_at: isoAt(decided ?? raised, 9), version: state === 'draft' ? 1 : decided === null ? 2 : 3,
      });
    });
    counters.push({ id: newId(), org_id: opts.orgId, project_id: p.id, last_number: states.length, created_at: isoAt(start, 3), updated_at: isoAt(today, 3), version: 1 });
  });

  await insertRows(trx, 'deliverables', deliverables);
  await insertRows(trx, 'deliverable_reviews', reviews);
  await insertRows(trx, 'defects', defects);
  await insertRows(trx, 'change_requests', changes);
  await insertRows(trx, 'change_request_counters', counters);
}
