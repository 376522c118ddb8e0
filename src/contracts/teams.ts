import { z } from 'zod';
import { Abilities, Id, Version } from './common.js';

export const TeamKind = z.enum(['sales', 'delivery']);

export const TeamResponse = z.object({
  id: Id,
  name: z.string(),
  kind: TeamKind,
  managerId: Id.nullable(),
  parentId: Id.nullable(),
  memberCount: z.number().int(),
  version: Version,
  abilities: Abilities,
});
export type TeamResponse = z.infer<typeof TeamResponse>;

export const CreateTeamRequest = z.object({
  name: z.string().trim().min(1).max(120),
  kind: TeamKind,
  managerId: Id.nullable().default(null),
  parentId: Id.nullable().default(null),
});
export const UpdateTeamRequest = z
  .object({ name: z.string().trim().min(1).max(120), kind: TeamKind, managerId: Id.nullable(), parentId: Id.nullable() })
  .partial()
  .extend({ version: Version });
export const TeamList = z.object({ items: z.array(TeamResponse) });
