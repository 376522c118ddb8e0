import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../lib/clock.js';
import { localDate } from '../../lib/dates.js';
import { createMailer, type Mailer } from '../../lib/mail.js';
import { addDays } from '../../../domain/engagement/engagement.js';
import { notify } from '../notifications/notification.service.js';
import * as repo from './engagement.repository.js';

const BATCH = 200;

const CHANNEL_ZH: Record<string, string> = { meeting: '会议', email: '邮件', report: '报告', call: '电话', chat: '即时消息', other: '其他' };
const CHANNEL_EN: Record<string, string> = { meeting: 'meeting', email: 'email', report: 'report', call: 'call', chat: 'chat', other: 'other' };

type DueItem = Awaited<ReturnType<typeof repo.itemsFallingDue>>[number];

function reminderText(i: DueItem, link: string) {
  if (i.locale === 'zh-CN') {
    const title = `沟通到期：${i.topic}`;
    const body = `${i.project_code} ${i.project_name} 的沟通事项「${i.topic}」（${CHANNEL_ZH[i.channel] ?? i.channel}${i.audience ? `，对象：${i.audience}` : ''}）应于 ${i.next_due_date} 完成。`;
    return { title, body, mail: `${body}\n\n${link}` };
  }
  const title = `Communication due: ${i.topic}`;
  const body = `"${i.topic}" (${CHANNEL_EN[i.channel] ?? i.channel}${i.audience ? `, for ${i.audience}` : ''}) on ${i.project_code} ${i.project_name} is due on ${i.next_due_date}.`;
  return { title, body, mail: `${body}\n\n${link}` };
}

export interface SweepOptions {
  /** Where the outbox mail is queued; any mailer queues the same way. */
  mailer?: Mailer;
  /** Where users reach the server, for the link in the mail. */
  baseUrl?: string | null;
}

/**
 * Reminds the owner of every communication item that is due (next due ≤ today in the owner's time
 * zone) — once per item and due date: an in-app notification and a mail through the outbox. The
 * notification's unique key 'comm:<item>:<due date>' makes a second run (or a concurrent one on
 * PostgreSQL) a no-op for what was already reminded. Answers how many reminders it sent.
 */
export async function sweepCommunicationReminders(db: Kysely<DB>, clock: Clock, opts: SweepOptions = {}): Promise<number> {
  const mailer = opts.mailer ?? createMailer('none', () => {});
  const now = clock.now();
  // The latest calendar date anywhere on earth (UTC+14): nothing due after it can be due for anyone.
  const latest = addDays(localDate(now, 'UTC'), 1);
  let sent = 0;
  let after: string | null = null;
  for (;;) {
    const batch = await repo.itemsFallingDue(db, latest, after, BATCH);
    for (const item of batch) {
      const today = localDate(now, item.time_zone || 'UTC');
      if (!item.next_due_date || item.next_due_date > today) continue;
      const link = `/delivery/projects/${item.project_id}?tab=stakeholders`;
      const text = reminderText(item, `${(opts.baseUrl ?? '').replace(/\/$/, '')}${link}`);
      const inserted = await inTransaction(db, (trx) =>
        notify(trx, mailer, {
          orgId: item.org_id,
          userId: item.owner_id,
          kind: 'communication_due',
          title: text.title,
          body: text.body,
          link,
          dedupeKey: `comm:${item.id}:${item.next_due_date}`,
          email: { to: item.email, body: text.mail },
        }, now),
      );
      if (inserted) sent++;
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  return sent;
}
