import { z } from 'zod';
import { Id, PageQuery, pageOf } from './common.js';

export const AuditEventResponse = z.object({
  id: Id,
  at: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
});
export const ListAuditQuery = PageQuery.extend({
  actorId: Id.optional(),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export const AuditPage = pageOf(AuditEventResponse);
