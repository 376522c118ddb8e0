import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../lib/clock.js';
import { createMailer, type Mailer } from '../../lib/mail.js';
import { notify } from '../notifications/notification.service.js';
import * as repo from './crm.repository.js';

const BATCH = 200;

const KIND_ZH: Record<string, string> = { call: '电话', meeting: '会议', email: '邮件', note: '备注', task: '任务' };

type Due = Awaited<ReturnType<typeof repo.activitiesToRemind>>[number];

function when(iso: string | null, locale: string, timeZone: string) {
  if (!iso) return null;
  try {
    return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone || 'UTC' }).format(new Date(iso));
  } catch {
    return iso;
  }
}

function linkOf(a: Due) {
  if (a.opportunity_id) return `/sales/opportunities/${a.opportunity_id}`;
  if (a.lead_id) return `/sales/leads/${a.lead_id}`;
  if (a.account_id) return `/sales/accounts/${a.account_id}`;
  return '/sales';
}

function reminderText(a: Due, link: string) {
  const due = when(a.due_at, a.locale, a.time_zone);
  if (a.locale === 'zh-CN') {
    const title = `跟进提醒：${a.subject}`;
    const body = `${KIND_ZH[a.kind] ?? a.kind}「${a.subject}」${due ? `应于 ${due} 完成` : '待跟进'}。`;
    return { title, body, mail: `${body}\n\n${link}` };
  }
  const title = `Follow-up reminder: ${a.subject}`;
  const body = `Your ${a.kind} "${a.subject}" ${due ? `is due ${due}` : 'is waiting for you'}.`;
  return { title, body, mail: `${body}\n\n${link}` };
}

export interface SweepOptions {
  mailer?: Mailer;
  /** Where users reach the server, for the link in the mail. */
  baseUrl?: string | null;
}

/**
 * Reminds the owner of every open activity whose reminder time has come: an in-app notification
 * and a mail through the outbox, once per activity (reminded_at, and the notification's dedupe key
 * 'activity:<id>:<remind_at>' for a concurrent sweep). Moving the reminder time reminds again.
 * Answers how many reminders it sent.
 */
export async function sweepActivityReminders(db: Kysely<DB>, clock: Clock, opts: SweepOptions = {}): Promise<number> {
  const mailer = opts.mailer ?? createMailer('none', () => {});
  const now = clock.now();
  const at = now.toISOString();
  let sent = 0;
  let after: string | null = null;
  for (;;) {
    const batch = await repo.activitiesToRemind(db, at, after, BATCH);
    for (const a of batch) {
      const link = linkOf(a);
      const text = reminderText(a, `${(opts.baseUrl ?? '').replace(/\/$/, '')}${link}`);
      const inserted = await inTransaction(db, async (trx) => {
        await repo.markReminded(trx, a.id, at);
        return notify(trx, mailer, { orgId: a.org_id, userId: a.owner_id, kind: 'activity_reminder', title: text.title, body: text.body, link, dedupeKey: `activity:${a.id}:${a.remind_at}`, email: { to: a.email, body: text.mail } }, now);
      });
      if (inserted) sent++;
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  return sent;
}
