import { z } from 'zod';
import { Abilities, Id, IsoDate, PageQuery, Version, pageOf } from './common.js';

export const ATTITUDES = ['champion', 'supporter', 'neutral', 'critic', 'blocker'] as const;
export const QUADRANTS = ['manage_closely', 'keep_satisfied', 'keep_informed', 'monitor'] as const;
export const CHANNELS = ['meeting', 'email', 'report', 'call', 'chat', 'other'] as const;
export const FREQUENCIES = ['once', 'weekly', 'biweekly', 'monthly', 'quarterly'] as const;

export const Attitude = z.enum(ATTITUDES);
export const Quadrant = z.enum(QUADRANTS);
export const Channel = z.enum(CHANNELS);
export const Frequency = z.enum(FREQUENCIES);

const Rating = z.number({ error: 'A whole number from 1 to 5.' }).int('A whole number from 1 to 5.').min(1, 'At least 1.').max(5, 'At most 5.');
const text = (max: number) => z.string().max(max);

// ---- stakeholders ----

export const StakeholderResponse = z.object({
  id: Id,
  projectId: Id,
  /** A user of the organisation, or null for an external contact known by name. */
  userId: Id.nullable(),
  name: z.string(),
  organisation: z.string(),
  roleTitle: z.string(),
  influence: z.number().int(),
  interest: z.number().int(),
  /** Where influence × interest puts them on the grid (3 and above is high). */
  quadrant: Quadrant,
  attitude: Attitude,
  expectations: z.string(),
  engagementApproach: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type StakeholderResponse = z.infer<typeof StakeholderResponse>;

const StakeholderFields = {
  userId: Id.nullable(),
  /** Optional when userId is given: the user's name is taken. */
  name: z.string().trim().max(200),
  organisation: text(200),
  roleTitle: text(200),
  influence: Rating,
  interest: Rating,
  attitude: Attitude,
  expectations: text(5000),
  engagementApproach: text(5000),
};
export const CreateStakeholderRequest = z.object({
  ...StakeholderFields,
  userId: StakeholderFields.userId.default(null),
  name: StakeholderFields.name.default(''),
  organisation: StakeholderFields.organisation.default(''),
  roleTitle: StakeholderFields.roleTitle.default(''),
  attitude: Attitude.default('neutral'),
  expectations: StakeholderFields.expectations.default(''),
  engagementApproach: StakeholderFields.engagementApproach.default(''),
});
export const UpdateStakeholderRequest = z.object(StakeholderFields).partial().extend({ version: Version });
export const ListStakeholdersQuery = PageQuery.extend({ quadrant: Quadrant.optional(), attitude: Attitude.optional() });
export const StakeholderPage = pageOf(StakeholderResponse).extend({ abilities: z.object({ create: z.boolean() }) });

// ---- communication plan ----

export const CommunicationItemResponse = z.object({
  id: Id,
  projectId: Id,
  /** What is communicated (e.g. "Steering committee"). */
  topic: z.string(),
  /** Who it is for, in words. */
  audience: z.string(),
  /** The stakeholders it addresses, with their names. */
  stakeholders: z.array(z.object({ id: Id, name: z.string() })),
  channel: Channel,
  frequency: Frequency,
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  /** null once a one-off item is done */
  nextDueDate: IsoDate.nullable(),
  lastDoneDate: IsoDate.nullable(),
  /** next due on or before today (in the caller's time zone) */
  due: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type CommunicationItemResponse = z.infer<typeof CommunicationItemResponse>;

const CommFields = {
  topic: z.string().trim().min(1).max(300),
  audience: text(1000),
  stakeholderIds: z.array(Id).max(50),
  channel: Channel,
  frequency: Frequency,
  ownerId: Id.nullable(),
  nextDueDate: IsoDate.nullable(),
};
export const CreateCommunicationItemRequest = z.object({
  ...CommFields,
  audience: CommFields.audience.default(''),
  stakeholderIds: CommFields.stakeholderIds.default([]),
  channel: Channel.default('meeting'),
  frequency: Frequency.default('weekly'),
  ownerId: CommFields.ownerId.default(null),
});
export const UpdateCommunicationItemRequest = z.object(CommFields).partial().extend({ version: Version });
/** Done (by default today in the caller's time zone): the next due date moves on by the frequency. */
export const MarkCommunicationDoneRequest = z.object({ version: Version, doneOn: IsoDate.optional() });
export const ListCommunicationItemsQuery = PageQuery.extend({ ownerId: Id.optional() });
export const CommunicationItemPage = pageOf(CommunicationItemResponse).extend({ abilities: z.object({ create: z.boolean() }) });
