import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { uuidv7 } from './ids.js';
import type { Executor } from '../db/transaction.js';

export interface MailMessage {
  orgId: string;
  to: string;
  subject: string;
  body: string;
}

/**
 * Outgoing mail goes to an outbox table in the same transaction as the change that caused it; a
 * transport delivers it. The 'log' transport writes it to the server log (the machines here have
 * no mail relay); 'none' only keeps it in the outbox.
 */
export interface Mailer {
  enqueue(db: Executor, msg: MailMessage, at: Date): Promise<void>;
  deliverPending(db: Kysely<DB>, at: Date): Promise<number>;
}

export function createMailer(transport: 'log' | 'none', log: (msg: object) => void): Mailer {
  return {
    async enqueue(db, msg, at) {
      const t = at.toISOString();
      await db
        .insertInto('mail_outbox')
        .values({ id: uuidv7(at.getTime()), org_id: msg.orgId, to_address: msg.to, subject: msg.subject, body: msg.body, sent_at: null, created_at: t, updated_at: t, version: 1 })
        .execute();
    },
    async deliverPending(db, at) {
      if (transport === 'none') return 0;
      const pending = await db.selectFrom('mail_outbox').selectAll().where('sent_at', 'is', null).orderBy('created_at').limit(100).execute();
      for (const m of pending) {
        log({ mail: { to: m.to_address, subject: m.subject, body: m.body } });
        await db.updateTable('mail_outbox').set({ sent_at: at.toISOString(), updated_at: at.toISOString(), version: m.version + 1 }).where('id', '=', m.id).execute();
      }
      return pending.length;
    },
  };
}
