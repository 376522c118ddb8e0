import type { z } from 'zod';
import type { ListAuditQuery } from '../../../contracts/audit.js';
import type { Ctx } from '../../lib/context.js';
import { allow, authorize, hasRole } from '../../lib/policy.js';
import * as repo from './audit.repository.js';

allow('audit', 'list', (a) => hasRole(a, 'admin'));

export async function listAudit(ctx: Ctx, q: z.infer<typeof ListAuditQuery>) {
  authorize(ctx.actor, 'list', 'audit');
  const page = await repo.listAuditEvents(ctx.db, ctx.actor.orgId, q, { limit: q.limit, cursor: q.cursor });
  return {
    items: page.items.map((e) => ({
      id: e.id,
      at: e.created_at,
      actorId: e.actor_id,
      actorName: e.actor_name ?? null,
      action: e.action,
      entityType: e.entity_type,
      entityId: e.entity_id,
      changes: e.changes ? (JSON.parse(e.changes) as Record<string, unknown>) : null,
      ip: e.ip,
    })),
    nextCursor: page.nextCursor,
  };
}
