import type { MeResponse } from '../../../contracts/auth.js';
import type { JobRole, Role } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../lib/audit.js';
import { HOUR, MINUTE } from '../../lib/clock.js';
import type { Ctx, Services } from '../../lib/context.js';
import { AppError, ruleViolated, unauthenticated, validationFailed } from '../../lib/errors.js';
import { hashToken, randomToken, uuidv7 } from '../../lib/ids.js';
import { hashPassword, verifyPassword } from '../../lib/password.js';
import { hasRole, type Actor } from '../../lib/policy.js';
import * as users from '../users/user.repository.js';
import * as sessions from './session.repository.js';

/** Sessions are touched at most this often, so that reads do not turn into writes. */
const TOUCH_EVERY = MINUTE;

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

const BAD_CREDENTIALS = (threshold: number, minutes: number) =>
  new AppError('unauthenticated', `Wrong email or password. After ${threshold} failed attempts an account is locked for ${minutes} minutes.`);

/**
 * Signs in with email and password. The answer is the same for an unknown email, a wrong
 * password, a locked, invited or disabled account, so that it tells nothing about which exist;
 * the audit log records the real reason.
 */
export async function signIn(s: Services, email: string, password: string, req: RequestInfo, previousToken?: string) {
  const now = s.clock.now();
  const at = now.toISOString();
  const user = await users.findUserByEmail(s.db, email.trim());
  const ok = await verifyPassword(password, user?.password_hash ?? null);
  const fail = BAD_CREDENTIALS(s.config.lockout.threshold, s.config.lockout.minutes);
  if (!user) {
    await recordAudit(s.db, { orgId: null, actorId: null, action: 'sign_in.failure', entityType: 'session', entityId: null, changes: { email: email.trim().toLowerCase(), reason: 'unknown_email' }, ip: req.ip, at: now });
    throw fail;
  }
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAudit(s.db, { orgId: user.org_id, actorId: user.id, action, entityType: 'session', entityId: null, changes: details, ip: req.ip, at: now });

  if (user.locked_until && user.locked_until > at) {
    await audit('sign_in.failure', { reason: 'locked', lockedUntil: user.locked_until });
    throw fail;
  }
  if (!ok) {
    const failures = user.failed_sign_ins + 1;
    if (failures >= s.config.lockout.threshold) {
      const lockedUntil = new Date(now.getTime() + s.config.lockout.minutes * MINUTE).toISOString();
      await users.updateUserSignInState(s.db, user.id, { failed_sign_ins: 0, locked_until: lockedUntil });
      await audit('sign_in.failure', { reason: 'wrong_password', failures });
      await audit('sign_in.lock', { lockedUntil });
    } else {
      await users.updateUserSignInState(s.db, user.id, { failed_sign_ins: failures });
      await audit('sign_in.failure', { reason: 'wrong_password', failures });
    }
    throw fail;
  }
  if (user.status !== 'active') {
    await audit('sign_in.failure', { reason: user.status });
    throw fail;
  }
  const token = randomToken();
  await inTransaction(s.db, async (trx) => {
    // A new token at every sign-in: a session id planted before sign-in is worthless after it.
    if (previousToken) await sessions.deleteSessionByTokenHash(trx, hashToken(previousToken));
    await sessions.insertSession(trx, {
      id: uuidv7(now.getTime()),
      org_id: user.org_id,
      user_id: user.id,
      token_hash: hashToken(token),
      last_seen_at: at,
      expires_at: new Date(now.getTime() + s.config.session.absoluteHours * HOUR).toISOString(),
      ip: req.ip,
      user_agent: req.userAgent?.slice(0, 300) ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await users.updateUserSignInState(trx, user.id, { failed_sign_ins: 0, locked_until: null, last_sign_in_at: at });
    await recordAudit(trx, { orgId: user.org_id, actorId: user.id, action: 'sign_in.success', entityType: 'session', entityId: null, ip: req.ip, at: now });
  });
  return { token, maxAgeSeconds: s.config.session.absoluteHours * 3600 };
}

export async function signOut(s: Services, token: string, req: RequestInfo) {
  const removed = await sessions.deleteSessionByTokenHash(s.db, hashToken(token));
  if (removed) await recordAudit(s.db, { orgId: removed.org_id, actorId: removed.user_id, action: 'sign_out', entityType: 'session', entityId: null, ip: req.ip, at: s.clock.now() });
}

/** Resolves a session token to the actor, enforcing idle and absolute time-outs. */
export async function authenticate(s: Services, token: string): Promise<(Actor & { orgName: string; orgCurrency: string; timeZone: string; jobRole: JobRole }) | null> {
  const now = s.clock.now();
  const found = await sessions.findSessionWithUser(s.db, s.dialect, hashToken(token));
  if (!found) return null;
  const idleDeadline = new Date(found.last_seen_at).getTime() + s.config.session.idleMinutes * MINUTE;
  if (found.expires_at <= now.toISOString() || idleDeadline <= now.getTime() || found.status !== 'active') {
    await sessions.deleteSession(s.db, found.session_id);
    return null;
  }
  if (now.getTime() - new Date(found.last_seen_at).getTime() >= TOUCH_EVERY) await sessions.touchSession(s.db, found.session_id, now.toISOString());
  const roles = (found.roles ? found.roles.split(',') : []) as Role[];
  return {
    id: found.id,
    orgId: found.org_id,
    orgName: found.org_name,
    orgCurrency: found.org_currency,
    name: found.name,
    email: found.email,
    roles: new Set<Role>(roles),
    teamId: found.team_id,
    locale: found.locale,
    timeZone: found.time_zone,
    jobRole: found.job_role,
  };
}

export function capabilities(a: Actor) {
  const admin = hasRole(a, 'admin');
  return {
    salesWorkspace: hasRole(a, 'sales_rep', 'sales_manager', 'executive'),
    salesConfig: hasRole(a, 'sales_manager', 'admin'),
    deliveryWorkspace: hasRole(a, 'project_manager', 'pmo', 'team_member', 'executive'),
    peopleWorkspace: true,
    admin,
    manageUsers: admin,
    manageTeams: admin,
    manageCalendars: admin,
    viewAudit: admin,
  };
}

export function presentMe(a: Awaited<ReturnType<typeof authenticate>> & object): MeResponse {
  return {
    user: { id: a.id, orgId: a.orgId, orgName: a.orgName, orgCurrency: a.orgCurrency, email: a.email, name: a.name, jobRole: a.jobRole, locale: a.locale as 'en' | 'zh-CN', timeZone: a.timeZone, teamId: a.teamId },
    roles: [...a.roles].sort(),
    abilities: capabilities(a),
  };
}

export async function updateMe(ctx: Ctx, input: { locale?: string; timeZone?: string }) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const before = await users.findUserById(trx, ctx.actor.orgId, ctx.actor.id);
    if (!before) throw unauthenticated();
    const patch = { ...(input.locale ? { locale: input.locale } : {}), ...(input.timeZone ? { time_zone: input.timeZone } : {}), updated_at: now.toISOString() };
    await users.updateUserIfVersion(trx, ctx.actor.orgId, ctx.actor.id, before.version, patch);
    const changes: Record<string, [unknown, unknown]> = {};
    if (input.locale && input.locale !== before.locale) changes.locale = [before.locale, input.locale];
    if (input.timeZone && input.timeZone !== before.time_zone) changes.time_zone = [before.time_zone, input.timeZone];
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'update', entityType: 'user', entityId: ctx.actor.id, changes, ip: ctx.ip, at: now });
  });
}

/** Changing one's password ends every other session of the user. */
export async function changePassword(ctx: Ctx, currentPassword: string, newPassword: string, currentToken: string) {
  const user = await users.findUserById(ctx.db, ctx.actor.orgId, ctx.actor.id);
  if (!user || !(await verifyPassword(currentPassword, user.password_hash))) throw validationFailed([{ path: 'currentPassword', message: 'The current password is wrong.' }]);
  const hash = await hashPassword(newPassword, ctx.config.passwordCost);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await users.updateUserIfVersion(trx, ctx.actor.orgId, user.id, user.version, { password_hash: hash, updated_at: now.toISOString() });
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('token_hash', '!=', hashToken(currentToken)).execute();
    await recordAudit(trx, { orgId: user.org_id, actorId: user.id, action: 'password_change', entityType: 'user', entityId: user.id, ip: ctx.ip, at: now });
  });
}

export async function acceptInvitation(s: Services, token: string, password: string, req: RequestInfo) {
  const now = s.clock.now();
  const at = now.toISOString();
  const hash = await hashPassword(password, s.config.passwordCost);
  await inTransaction(s.db, async (trx) => {
    const inv = await trx.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!inv || inv.accepted_at || inv.expires_at <= at) throw ruleViolated('This invitation link is not valid any more. Ask your administrator for a new one.');
    const user = await users.findUserById(trx, inv.org_id, inv.user_id);
    if (!user || user.status !== 'invited') throw ruleViolated('This invitation link is not valid any more. Ask your administrator for a new one.');
    await users.updateUserIfVersion(trx, user.org_id, user.id, user.version, { password_hash: hash, status: 'active', updated_at: at });
    await trx.updateTable('invitations').set({ accepted_at: at, updated_at: at }).where('id', '=', inv.id).execute();
    await recordAudit(trx, { orgId: user.org_id, actorId: user.id, action: 'invitation.accept', entityType: 'user', entityId: user.id, changes: { status: ['invited', 'active'] }, ip: req.ip, at: now });
  });
}
