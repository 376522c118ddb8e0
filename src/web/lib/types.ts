/** Wire types of the API, inferred from the shared zod contracts (types only: no zod in the main bundle). */
import type { z } from 'zod';
import type { AuditEventResponse, AuditPage, ListAuditQuery } from '../../contracts/audit.js';
import type { MeResponse as MeSchema, UpdateMeRequest } from '../../contracts/auth.js';
import type { CalendarException as CalendarExceptionSchema, CalendarResponse as CalendarSchema, CreateCalendarRequest, UpdateCalendarRequest } from '../../contracts/calendars.js';
import type { JOB_ROLES, Locale as LocaleSchema, ROLES } from '../../contracts/common.js';
import type { CreateTeamRequest, TeamKind as TeamKindSchema, TeamResponse as TeamSchema, UpdateTeamRequest } from '../../contracts/teams.js';
import type { CreateUserRequest, CreateUserResponse, ListUsersQuery, UpdateUserRequest, UserPage, UserResponse as UserSchema, UserStatus as UserStatusSchema } from '../../contracts/users.js';

export type Me = z.infer<typeof MeSchema>;
export type UpdateMe = z.infer<typeof UpdateMeRequest>;
export type Locale = z.infer<typeof LocaleSchema>;
export type Role = (typeof ROLES)[number];
export type JobRole = (typeof JOB_ROLES)[number];

export type User = z.infer<typeof UserSchema>;
export type UserStatus = z.infer<typeof UserStatusSchema>;
export type UsersPage = z.infer<typeof UserPage>;
export type UsersQuery = Partial<z.input<typeof ListUsersQuery>>;
export type CreateUser = z.input<typeof CreateUserRequest>;
export type CreatedUser = z.infer<typeof CreateUserResponse>;
export type UpdateUser = z.input<typeof UpdateUserRequest>;

export type Team = z.infer<typeof TeamSchema>;
export type TeamKind = z.infer<typeof TeamKindSchema>;
export type CreateTeam = z.input<typeof CreateTeamRequest>;
export type UpdateTeam = z.input<typeof UpdateTeamRequest>;

export type Calendar = z.infer<typeof CalendarSchema>;
export type CalendarException = z.infer<typeof CalendarExceptionSchema>;
export type CreateCalendar = z.input<typeof CreateCalendarRequest>;
export type UpdateCalendar = z.input<typeof UpdateCalendarRequest>;

export type AuditEvent = z.infer<typeof AuditEventResponse>;
export type AuditEventsPage = z.infer<typeof AuditPage>;
export type AuditQuery = Partial<z.input<typeof ListAuditQuery>>;

/** The same lists as the contracts, as values (the contracts themselves would pull zod into the bundle). */
export const ROLE_LIST: readonly Role[] = ['admin', 'executive', 'sales_manager', 'sales_rep', 'pmo', 'project_manager', 'team_member'];
export const JOB_ROLE_LIST: readonly JobRole[] = ['sales', 'project_manager', 'delivery', 'executive', 'admin'];
export const LOCALE_LIST: readonly Locale[] = ['zh-CN', 'en'];
export const USER_STATUS_LIST: readonly UserStatus[] = ['active', 'invited', 'disabled'];
export const TEAM_KIND_LIST: readonly TeamKind[] = ['sales', 'delivery'];

/** Password length rules of the contracts (checked against them in types.test.ts). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
