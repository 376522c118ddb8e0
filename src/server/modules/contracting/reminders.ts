import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import type { Clock } from '../../lib/clock.js';
import { localDate } from '../../lib/dates.js';
import { createMailer } from '../../lib/mail.js';
import { addDays } from '../../../domain/engagement/engagement.js';
import type { SweepOptions } from '../engagement/reminders.js';
import { notify } from '../notifications/notification.service.js';
import * as repo from './contracting.repository.js';

const BATCH = 200;
const DEFAULT_NOTICE_DAYS = 60;

type Due = Awaited<ReturnType<typeof repo.contractsDueForRenewalReminder>>[number];

function reminderText(c: Due, link: string) {
  if (c.locale === 'zh-CN') {
    const title = `合同即将续约：${c.number}`;
    const body = `${c.account_name}「${c.title}」的续约日期为 ${c.renewal_date}。`;
    return { title, body, mail: `${body}\n\n${link}` };
  }
  const title = `Contract renewal coming up: ${c.number}`;
  const body = `"${c.title}" with ${c.account_name} renews on ${c.renewal_date}.`;
  return { title, body, mail: `${body}\n\n${link}` };
}

/**
 * Reminds the owner of each signed or active contract whose renewal date is within the
 * organisation's notice (sales_settings.renewal_notice_days, default 60) of today in the owner's
 * time zone — once per contract and renewal date: the notification's key
 * 'renewal:<contract>:<date>' and the contract's renewal_reminded_for make a rerun a no-op, and a
 * moved renewal date is reminded again. Answers how many reminders it sent.
 */
export async function sweepRenewalReminders(db: Kysely<DB>, clock: Clock, opts: SweepOptions = {}): Promise<number> {
  const mailer = opts.mailer ?? createMailer('none', () => {});
  const now = clock.now();
  // The SQL pre-filter takes the longest notice any organisation set; each contract is then judged by its own.
  const longest = Math.max(DEFAULT_NOTICE_DAYS, await repo.longestRenewalNotice(db));
  const latest = addDays(localDate(now, 'UTC'), 1 + longest);
  let sent = 0;
  let after: string | null = null;
  for (;;) {
    const batch = await repo.contractsDueForRenewalReminder(db, latest, after, BATCH);
    for (const c of batch) {
      const today = localDate(now, c.time_zone || 'UTC');
      const notice = c.renewal_notice_days === null || c.renewal_notice_days === undefined ? DEFAULT_NOTICE_DAYS : Number(c.renewal_notice_days);
      if (!c.renewal_date || c.renewal_date > addDays(today, notice)) continue;
      const link = `/sales/contracts/${c.id}`;
      const text = reminderText(c, `${(opts.baseUrl ?? '').replace(/\/$/, '')}${link}`);
      const renewal = c.renewal_date;
      const inserted = await inTransaction(db, async (trx) => {
        const done = await notify(trx, mailer, {
          orgId: c.org_id, userId: c.owner_id, kind: 'contract_renewal', title: text.title, body: text.body, link,
          dedupeKey: `renewal:${c.id}:${renewal}`, email: { to: c.email, body: text.mail },
        }, now);
        await repo.markRenewalReminded(trx, c.id, renewal);
        return done;
      });
      if (inserted) sent++;
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  return sent;
}
