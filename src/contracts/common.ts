import { z } from 'zod';

export const Id = z.uuid();
export const IsoDate = z.iso.date();
export const Instant = z.iso.datetime();
export const Locale = z.enum(['zh-CN', 'en']);
export const ROLES = ['admin', 'executive', 'sales_manager', 'sales_rep', 'pmo', 'project_manager', 'team_member'] as const;
export const Role = z.enum(ROLES);
export const JOB_ROLES = ['sales', 'project_manager', 'delivery', 'executive', 'admin'] as const;
export const JobRole = z.enum(JOB_ROLES);
export const Version = z.number().int().positive();

export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

export const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const Abilities = z.record(z.string(), z.boolean());

/** A time zone name that the runtime's Intl knows (e.g. Asia/Shanghai). */
export const TimeZone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Unknown time zone.');

/** The body of a delete: the version the client saw, so a stale delete answers 409. */
export const DeleteRequest = z.object({ version: Version });
