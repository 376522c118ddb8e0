import { z } from 'zod';
import { Abilities, Id } from './common.js';

/** Requests and responses of the sales core: settings and record sharing. */

export const SalesSettingsResponse = z.object({
  discountApprovalPercent: z.number(),
  renewalNoticeDays: z.number().int(),
  defaultCadenceDays: z.number().int(),
  currency: z.string(),
  version: z.number().int(),
  abilities: Abilities,
});
export type SalesSettingsResponse = z.infer<typeof SalesSettingsResponse>;

export const UpdateSalesSettingsRequest = z.object({
  discountApprovalPercent: z.number({ error: 'A percentage from 0 to 100.' }).min(0, 'At least 0.').max(100, 'At most 100.'),
  renewalNoticeDays: z.number({ error: 'A whole number of days.' }).int('A whole number of days.').min(0, 'At least 0.').max(730, 'At most 730 days.'),
  defaultCadenceDays: z.number({ error: 'A whole number of days.' }).int('A whole number of days.').min(1, 'At least 1 day.').max(730, 'At most 730 days.'),
  /** 0 while the defaults were never saved */
  version: z.number().int().min(0),
});

export const SHAREABLE = ['account', 'lead', 'opportunity', 'contract'] as const;
export const ShareableEntity = z.enum(SHAREABLE);
export const ShareAccess = z.enum(['read', 'edit']);

export const ShareParams = z.object({ entity: ShareableEntity, id: Id });
export const ShareUserParams = ShareParams.extend({ userId: Id });

export const ShareResponse = z.object({ userId: Id, userName: z.string(), access: ShareAccess });
export const ShareList = z.object({ items: z.array(ShareResponse), abilities: Abilities });
export const PutShareRequest = z.object({ access: ShareAccess });
