import { uuidv7 } from './ids.js';
import type { Executor } from '../db/transaction.js';

const HIDDEN = new Set(['password_hash', 'passwordHash', 'token_hash', 'updated_at', 'updatedAt', 'created_at', 'createdAt', 'version']);
const REDACTED = new Set(['password_hash', 'passwordHash']);

export type Changes = Record<string, [unknown, unknown]>;

/** The fields that differ between two versions of a record, as { field: [before, after] }. */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const out: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (HIDDEN.has(k) && !REDACTED.has(k)) continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out[k] = REDACTED.has(k) ? ['[redacted]', '[redacted]'] : [b, a];
  }
  return out;
}

export interface AuditInput {
  orgId: string | null;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes?: Changes | Record<string, unknown> | null;
  ip?: string | null;
  at: Date;
}

/** Written in the same transaction as the change it records, so neither exists without the other. */
export async function recordAudit(db: Executor, e: AuditInput): Promise<void> {
  const at = e.at.toISOString();
  await db
    .insertInto('audit_events')
    .values({
      id: uuidv7(e.at.getTime()),
      org_id: e.orgId,
      actor_id: e.actorId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      changes: e.changes ? JSON.stringify(e.changes) : null,
      ip: e.ip ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
    })
    .execute();
}

/**
 * Makes a value safe to put in a line-oriented log: control characters (CR, LF, ESC …) are
 * escaped so that user input cannot end a line and forge the next one.
 */
export function logSafe(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
