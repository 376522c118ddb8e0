/**
 * The shared request schemas, for checking a form before it is sent (the same rules as the
 * server). Import schemas from here, never from src/contracts directly: zod must be configured
 * first (see zod-setup.ts), and this module's first import guarantees it.
 */
import './zod-setup.js';
import type { ZodType } from 'zod';
import type { FormInstance } from 'antd';
import type { FieldIssue } from './api.js';
import { applyFieldIssues } from './forms.js';

export { CreateUserRequest, UpdateUserRequest } from '../../contracts/users.js';
export { CreateTeamRequest, UpdateTeamRequest } from '../../contracts/teams.js';
export { CreateCalendarRequest, UpdateCalendarRequest } from '../../contracts/calendars.js';
export { ChangePasswordRequest } from '../../contracts/auth.js';

/** The schema's issues as field issues (dotted paths), or [] when the value passes. */
export function issuesOf(schema: ZodType, value: unknown): FieldIssue[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Checks a request against its schema before sending it; puts the issues on the form's fields and
 * answers the ones that fit no field. Empty answer and no field errors: the request may go.
 */
export function checkRequest(form: FormInstance, schema: ZodType, value: unknown, fields: readonly string[]): { ok: boolean; other: FieldIssue[] } {
  const issues = issuesOf(schema, value);
  if (!issues.length) return { ok: true, other: [] };
  return { ok: false, other: applyFieldIssues(form, issues, fields) };
}
