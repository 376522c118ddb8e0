import { z } from 'zod';
import { Abilities, Id, JobRole, Locale, Role, TimeZone } from './common.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const Password = z.string().min(PASSWORD_MIN, `At least ${PASSWORD_MIN} characters.`).max(PASSWORD_MAX, `At most ${PASSWORD_MAX} characters.`);

export const SignInRequest = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX),
});

/** What the signed-in user may do across the app; drives navigation. */
export const Capabilities = z.object({
  salesWorkspace: z.boolean(),
  salesConfig: z.boolean(),
  deliveryWorkspace: z.boolean(),
  peopleWorkspace: z.boolean(),
  admin: z.boolean(),
  manageUsers: z.boolean(),
  manageTeams: z.boolean(),
  manageCalendars: z.boolean(),
  viewAudit: z.boolean(),
});

export const MeResponse = z.object({
  user: z.object({
    id: Id,
    orgId: Id,
    orgName: z.string(),
    /** ISO 4217 code that rates and budgets are kept in */
    orgCurrency: z.string(),
    email: z.string(),
    name: z.string(),
    jobRole: JobRole,
    locale: Locale,
    timeZone: z.string(),
    teamId: Id.nullable(),
  }),
  roles: z.array(Role),
  abilities: Capabilities.and(Abilities),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const UpdateMeRequest = z.object({ locale: Locale.optional(), timeZone: TimeZone.optional() });

export const ChangePasswordRequest = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: Password });

export const AcceptInvitationRequest = z.object({ token: z.string().min(10).max(100), password: Password });
