import type { Executor } from '../../db/transaction.js';
import { like } from '../../lib/sql.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';

export interface AuditFilter {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export function listAuditEvents(db: Executor, orgId: string, f: AuditFilter, page: PageQuery) {
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.created_at', 'e.actor_id', 'u.name as actor_name', 'e.action', 'e.entity_type', 'e.entity_id', 'e.changes', 'e.ip'])
    .where('e.org_id', '=', orgId);
  if (f.actorId) q = q.where('e.actor_id', '=', f.actorId);
  if (f.entityType) q = q.where('e.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('e.entity_id', '=', f.entityId);
  if (f.action) q = f.action.endsWith('*') ? q.where(like('e.action', f.action.slice(0, -1), 'prefix')) : q.where('e.action', '=', f.action);
  if (f.from) q = q.where('e.created_at', '>=', f.from);
  if (f.to) q = q.where('e.created_at', '<', f.to);
  return keysetPage(q, {
    sort: [
      { column: 'e.created_at', direction: 'desc' },
      { column: 'e.id', direction: 'desc' },
    ],
    page,
    keyOf: (r) => [r.created_at, r.id],
  });
}
