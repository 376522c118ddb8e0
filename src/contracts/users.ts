import { z } from 'zod';
import { Abilities, Id, IsoDate, JobRole, Locale, PageQuery, Role, TimeZone, Version, pageOf } from './common.js';
import { Password } from './auth.js';

export const UserStatus = z.enum(['active', 'invited', 'disabled']);

export const UserResponse = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  status: UserStatus,
  jobRole: JobRole,
  roles: z.array(Role),
  managerId: Id.nullable(),
  teamId: Id.nullable(),
  calendarId: Id.nullable(),
  /** null when the caller may not see pay data */
  costRate: z.number().int().nullable(),
  billRate: z.number().int().nullable(),
  weeklyCapacityHours: z.number(),
  locale: Locale,
  timeZone: z.string(),
  lastSignInAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type UserResponse = z.infer<typeof UserResponse>;

const money = z.number().int('Whole minor units (cents, fen).').min(0).max(1_000_000_000);

const UserFields = {
  name: z.string().trim().min(1).max(200),
  jobRole: JobRole,
  roles: z.array(Role).max(7),
  managerId: Id.nullable(),
  teamId: Id.nullable(),
  calendarId: Id.nullable(),
  costRate: money,
  billRate: money,
  weeklyCapacityHours: z.number().min(0).max(168),
  locale: Locale,
  timeZone: TimeZone,
};

export const CreateUserRequest = z.object({
  email: z.email().max(254),
  ...UserFields,
  managerId: UserFields.managerId.default(null),
  teamId: UserFields.teamId.default(null),
  calendarId: UserFields.calendarId.default(null),
  costRate: money.default(0),
  billRate: money.default(0),
  weeklyCapacityHours: UserFields.weeklyCapacityHours.default(40),
  locale: Locale.default('zh-CN'),
  timeZone: TimeZone.default('Asia/Shanghai'),
  /** Set a password now, or leave it out to send an invitation. */
  password: Password.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .object({ ...UserFields, email: z.email().max(254), rateEffectiveFrom: IsoDate })
  .partial()
  .extend({ version: Version });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const StatusChangeRequest = z.object({ version: Version });

export const ListUsersQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: UserStatus.optional(),
  teamId: Id.optional(),
  role: Role.optional(),
});

export const UserPage = pageOf(UserResponse);

export const CreateUserResponse = z.object({ user: UserResponse, invitationUrl: z.string().nullable() });
