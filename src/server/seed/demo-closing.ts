import type { Insertable } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { DEFAULT_CLOSING_ITEMS } from '../../contracts/closing.js';
import type { LessonCategory } from '../db/tables/closing.js';
import { localDate } from '../lib/dates.js';
import { DEFAULT_ITEM_LABELS } from '../modules/closing/closing.guard.js';
import { insertRows } from './demo-delivery.js';
import type { DemoExtraOptions } from './demo-extra.js';
import { createRandom } from './random.js';

const DAY_MS = 86_400_000;
const toDay = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const isoAt = (day: number, hourUtc: number) => `${fromDay(day)}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`;

interface DemoLesson {
  title: string;
  whatHappened: string;
  why: string;
  recommendation: string;
  category: LessonCategory;
  tags: string[];
}

/**
 * The retrospectives of the closed demo projects, in Chinese and English, tagged so that planned
 * projects like them (MES and IoT in manufacturing and energy, BI reporting in insurance) are offered them.
 */
const RETROSPECTIVES: Record<string, { acceptedBy: string; note: string; wentWell: string; wentBadly: string; lessons: DemoLesson[] }> = {
  'PRJ-1006': {
    acceptedBy: '陈静 (院长 President, 仁和医院)',
    note: '验收报告已签字盖章。Acceptance report signed and stamped.',
    wentWell: '门诊流程按期上线；医生参与了每次迭代评审。Outpatient flow went live on time; doctors joined every iteration review.',
    wentBadly: '检验接口联调比计划多用了三周；等保测评整改挤占了上线前的测试时间。Lab interface testing took three weeks longer than planned; compliance fixes squeezed the final testing.',
    lessons: [
      { title: '接口规范要先签字再开发 Sign interface specs before building', whatHappened: '检验设备厂商中途修改了 HL7 消息格式。The lab vendor changed its HL7 message format midway.', why: '接口规范没有经过双方签字确认。The interface spec was never signed by both sides.', recommendation: '开发前签署接口规范，并附全量测试报文。Sign the interface spec with full test messages before development.', category: 'supplier', tags: ['HIS', '接口 interfaces', 'HL7'] },
      { title: '等保整改尽早预评估 Pre-assess compliance early', whatHappened: '等保测评发现 12 项中高风险，整改占用两周。The compliance assessment found 12 medium/high findings; fixes took two weeks.', why: '测评安排在上线前一个月。The assessment was booked a month before go-live.', recommendation: '设计阶段做一次预评估，把整改纳入迭代。Do a pre-assessment during design and plan fixes into the sprints.', category: 'risk', tags: ['等保 compliance', '安全 security'] },
      { title: '让关键用户参与每次评审 Key users at every review', whatHappened: '门诊医生提出的意见在迭代内就被吸收。Doctors\' feedback was absorbed within the sprint.', why: '每次评审都有科室代表参加。A department representative attended every review.', recommendation: '在项目章程中写明关键用户的参与时间。Put the key users\' time into the charter.', category: 'customer', tags: ['HIS', '医疗 healthcare'] },
      { title: '统计报表口径提前确认 Agree report definitions up front', whatHappened: '统计报表的“门诊量”口径改了三次。The definition of "outpatient visits" in the reports changed three times.', why: '业务口径没有统一的负责人。No one owned the business definitions.', recommendation: '建立指标字典，由业务负责人签字。Keep a metrics dictionary signed off by a business owner.', category: 'scope', tags: ['BI', '报表 reporting'] },
    ],
  },
  'PRJ-1007': {
    acceptedBy: 'Henry Walker (VP Operations, Changjiang Chemicals)',
    note: 'Accepted after the 30-day stabilisation period. 稳定运行 30 天后验收。',
    wentWell: 'GPS 与物联网数据接入比预期顺利；看板上线后缺货率下降 18%。GPS and IoT data came in smoothly; stock-outs fell 18 % after the dashboards went live.',
    wentBadly: '设备型号繁多，固件版本不一致导致数据缺失；预警规则一开始太敏感，误报多。Many device models with mixed firmware left gaps in the data; alert rules were too sensitive at first.',
    lessons: [
      { title: '物联网设备先做摸底 Survey the IoT fleet first', whatHappened: '现场有 7 种型号、15 个固件版本的采集终端。The sites had 7 device models on 15 firmware versions.', why: '方案阶段只看了设备清单，没有实地核对。The proposal relied on an inventory list, never checked on site.', recommendation: '启动前抽样实地核对设备型号与固件，并预留适配工作量。Sample the sites for models and firmware before kick-off and budget for adapters.', category: 'technical', tags: ['IoT', '设备接入 device onboarding'] },
      { title: 'Tune alert thresholds with real data 用真实数据调预警阈值', whatHappened: 'The first week produced 400 alerts a day; users started ignoring them. 第一周每天 400 条预警，用户开始忽略。', why: 'Thresholds were set from the spec, not from historical data. 阈值按需求书设置，没有参考历史数据。', recommendation: 'Replay a month of history to set thresholds before go-live, then review weekly. 上线前用一个月历史数据回放定阈值，上线后每周复核。', category: 'quality', tags: ['IoT', '预警 alerts'] },
      { title: '指标口径与 BI 看板一起交付 Ship metric definitions with the BI dashboards', whatHappened: '各工厂对“在途库存”的理解不同。Plants read "stock in transit" differently.', why: '看板没有附带指标说明。The dashboards came without metric definitions.', recommendation: '每个看板附指标定义与数据来源。Give every dashboard its metric definitions and data lineage.', category: 'scope', tags: ['BI', '报表 reporting', '供应链 supply chain'] },
      { title: '边缘网关要支持断点续传 Edge gateways must buffer offline', whatHappened: '偏远仓库网络中断时数据丢失。Data was lost when remote warehouses went offline.', why: '网关没有本地缓存。The gateways had no local buffer.', recommendation: '选型时要求网关本地缓存至少 72 小时。Require 72 hours of local buffering when choosing gateways.', category: 'technical', tags: ['IoT', '工业互联网 industrial internet'] },
      { title: 'Release people on a plan 按计划释放人员', whatHappened: 'Two developers stayed booked for a month after go-live with little to do. 上线后两名开发人员闲置了一个月。', why: 'No release date was set for each role. 没有为每个角色设定释放日期。', recommendation: 'Put a release date per role in the resource plan and review it at each phase gate. 在资源计划中为每个角色设定释放日期，阶段评审时复核。', category: 'team', tags: ['资源 resourcing'] },
    ],
  },
};

/**
 * The demo company's closing records, written in the seeding transaction after the projects:
 * the closed projects have a full checklist, the customer's acceptance and a retrospective with
 * its lessons; the project in `closing` has a checklist partly ticked.
 */
export async function seedDemoClosing(trx: Executor, opts: DemoExtraOptions): Promise<void> {
  const projects = await trx.selectFrom('projects').select(['id', 'code', 'status', 'manager_id', 'industry', 'planned_finish', 'planned_start']).where('org_id', '=', opts.orgId).where('status', 'in', ['closing', 'closed']).orderBy('code').execute();
  const today = toDay(localDate(opts.now, 'Asia/Shanghai'));
  const ids = createRandom((opts.seed ^ 0xc105e) >>> 0);
  let idClock = Date.UTC(2024, 0, 1) + 80_000_000;
  const id = (_day: number) => ids.uuid(idClock++);
  const closings: Insertable<DB['project_closings']>[] = [];
  const items: Insertable<DB['closing_checklist_items']>[] = [];
  const lessons: Insertable<DB['lessons']>[] = [];
  for (const p of projects) {
    const finish = Math.min(today - 1, toDay(p.planned_finish ?? fromDay(today - 1)));
    const closed = p.status === 'closed';
    const retro = closed ? RETROSPECTIVES[p.code] : undefined;
    const closedDay = closed ? Math.min(today - 1, finish + 10) : null;
    const at = isoAt(finish, 2);
    closings.push({
      id: id(finish), org_id: opts.orgId, project_id: p.id,
      accepted_by: retro?.acceptedBy ?? '', accepted_on: closed ? fromDay(Math.min(today - 1, finish + 5)) : null, acceptance_note: retro?.note ?? '',
      went_well: retro?.wentWell ?? '', went_badly: retro?.wentBadly ?? '',
      closed_at: closedDay !== null ? isoAt(closedDay, 8) : null, closed_by: closed ? p.manager_id : null,
      created_at: at, updated_at: closedDay !== null ? isoAt(closedDay, 8) : at, version: closed ? 3 : 1,
    });
    // The project in closing: the first two items ticked.
    const ticked = closed ? DEFAULT_CLOSING_ITEMS.length : 2;
    DEFAULT_CLOSING_ITEMS.forEach((key, i) => {
      const done = i < ticked;
      const doneDay = Math.min(today - 1, finish + i);
      items.push({
        id: id(finish), org_id: opts.orgId, project_id: p.id, item_key: key, label: DEFAULT_ITEM_LABELS[key], position: i + 1, done: (done ? 1 : 0) as 0 | 1,
        done_at: done ? isoAt(doneDay, 6) : null, done_by: done ? p.manager_id : null, created_at: at, updated_at: done ? isoAt(doneDay, 6) : at, version: done ? 2 : 1,
      });
    });
    (retro?.lessons ?? []).forEach((l, i) => {
      const day = Math.min(today - 1, finish + 6);
      lessons.push({
        id: id(day), org_id: opts.orgId, project_id: p.id, title: l.title, what_happened: l.whatHappened, why: l.why, recommendation: l.recommendation, category: l.category,
        tags: JSON.stringify(l.tags), industry: p.industry ?? '', created_by: p.manager_id, created_at: isoAt(day, 3 + i), updated_at: isoAt(day, 3 + i), version: 1,
      });
    });
  }
  await insertRows(trx, 'project_closings', closings);
  await insertRows(trx, 'closing_checklist_items', items);
  await insertRows(trx, 'lessons', lessons);
}
