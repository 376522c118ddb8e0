import type { z } from 'zod';
import type { CreateUserRequest, UpdateUserRequest, UserResponse } from '../../../contracts/users.js';
import type { ListUsersQuery } from '../../../contracts/users.js';
import type { Role } from '../../db/schema.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { hashToken, randomToken, uuidv7 } from '../../lib/ids.js';
import { hashPassword } from '../../lib/password.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { DAY } from '../../lib/clock.js';
import { localDate } from '../../lib/dates.js';
import * as repo from './user.repository.js';
import { USER_ACTIONS } from './user.policy.js';
import { deleteSessionsOfUser } from '../auth/session.repository.js';
import { teamExistsInOrg } from '../teams/team.repository.js';
import { calendarExistsInOrg } from '../calendars/calendar.repository.js';

const INVITATION_DAYS = 7;

export function presentUser(actor: Actor, row: repo.UserListRow, roles: Role[]): UserResponse {
  const record = { id: row.id, orgId: row.org_id, managerId: row.manager_id };
  const seesRates = can(actor, 'readRates', 'user', record);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    status: row.status,
    jobRole: row.job_role,
    roles,
    managerId: row.manager_id,
    teamId: row.team_id,
    calendarId: row.calendar_id,
    costRate: seesRates ? row.cost_rate : null,
    billRate: seesRates ? row.bill_rate : null,
    weeklyCapacityHours: row.weekly_capacity_hours,
    locale: row.locale as UserResponse['locale'],
    timeZone: row.time_zone,
    lastSignInAt: row.last_sign_in_at,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    abilities: abilitiesFor(actor, 'user', record, USER_ACTIONS),
  };
}

const userRecord = (row: repo.UserListRow) => ({ id: row.id, orgId: row.org_id, managerId: row.manager_id });

/** A user as the audit log shows it: the wire fields, without abilities. */
const auditView = (row: repo.UserRow, roles: Role[]) => {
  const { password_hash: _p, failed_sign_ins: _f, locked_until: _l, last_sign_in_at: _s, ...rest } = row;
  return { ...rest, roles: [...roles].sort() };
};

async function loadUser(ctx: Ctx, db: Executor, id: string) {
  const row = await repo.findUserById(db, ctx.actor.orgId, id);
  if (!row) throw notFound('User');
  return row;
}

export async function getUser(ctx: Ctx, id: string): Promise<UserResponse> {
  const row = await loadUser(ctx, ctx.db, id);
  authorize(ctx.actor, 'read', 'user', userRecord(row), 'User');
  const roles = await repo.rolesOfUsers(ctx.db, [row.id]);
  return presentUser(ctx.actor, row, roles.get(row.id) ?? []);
}

export async function listUsers(ctx: Ctx, query: z.infer<typeof ListUsersQuery>) {
  authorize(ctx.actor, 'list', 'user');
  const page = await repo.listUsers(ctx.db, ctx.actor.orgId, query, { limit: query.limit, cursor: query.cursor });
  const roles = await repo.rolesOfUsers(ctx.db, page.items.map((u) => u.id));
  return { items: page.items.map((u) => presentUser(ctx.actor, u, roles.get(u.id) ?? [])), nextCursor: page.nextCursor };
}

/** Checks that references point into the actor's organisation; answers field paths when not. */
async function checkReferences(ctx: Ctx, db: Executor, input: { managerId?: string | null; teamId?: string | null; calendarId?: string | null }, selfId?: string) {
  const issues: { path: string; message: string }[] = [];
  if (input.managerId) {
    if (input.managerId === selfId) issues.push({ path: 'managerId', message: 'A user cannot be their own manager.' });
    else if (!(await repo.userExistsInOrg(db, ctx.actor.orgId, input.managerId))) issues.push({ path: 'managerId', message: 'No such user.' });
  }
  if (input.teamId && !(await teamExistsInOrg(db, ctx.actor.orgId, input.teamId))) issues.push({ path: 'teamId', message: 'No such team.' });
  if (input.calendarId && !(await calendarExistsInOrg(db, ctx.actor.orgId, input.calendarId))) issues.push({ path: 'calendarId', message: 'No such calendar.' });
  if (issues.length) throw validationFailed(issues);
}

export async function createUser(ctx: Ctx, input: CreateUserRequest): Promise<{ user: UserResponse; invitationUrl: string | null }> {
  authorize(ctx.actor, 'create', 'user');
  const now = ctx.clock.now();
  const at = now.toISOString();
  const email = input.email.toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password, ctx.config.passwordCost) : null;
  const invitationToken = passwordHash ? null : randomToken();
  return inTransaction(ctx.db, async (trx) => {
    if (await repo.findUserByEmail(trx, email)) throw validationFailed([{ path: 'email', message: 'A user with this email already exists.' }]);
    await checkReferences(ctx, trx, input);
    const row: repo.UserRow = {
      id: uuidv7(now.getTime()),
      org_id: ctx.actor.orgId,
      email,
      name: input.name,
      password_hash: passwordHash,
      status: passwordHash ? 'active' : 'invited',
      job_role: input.jobRole,
      manager_id: input.managerId,
      team_id: input.teamId,
      calendar_id: input.calendarId,
      cost_rate: input.costRate,
      bill_rate: input.billRate,
      weekly_capacity_hours: input.weeklyCapacityHours,
      locale: input.locale,
      time_zone: input.timeZone,
      failed_sign_ins: 0,
      locked_until: null,
      last_sign_in_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertUser(trx, row, input.roles);
    await repo.upsertRate(trx, row.org_id, row.id, localDate(now, row.time_zone), row.cost_rate, row.bill_rate, at);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'user', entityId: row.id, changes: diffRecords(null, auditView(row, input.roles)), ip: ctx.ip, at: now });
    let invitationUrl: string | null = null;
    if (invitationToken) invitationUrl = await createInvitation(ctx, trx, row, invitationToken, now);
    return { user: presentUser(ctx.actor, row, input.roles), invitationUrl };
  });
}

async function createInvitation(ctx: Ctx, trx: Executor, user: repo.UserRow, token: string, now: Date): Promise<string> {
  const at = now.toISOString();
  await trx.updateTable('invitations').set({ expires_at: at, updated_at: at }).where('user_id', '=', user.id).where('accepted_at', 'is', null).execute();
  await trx
    .insertInto('invitations')
    .values({ id: uuidv7(now.getTime()), org_id: user.org_id, user_id: user.id, token_hash: hashToken(token), expires_at: new Date(now.getTime() + INVITATION_DAYS * DAY).toISOString(), accepted_at: null, created_at: at, updated_at: at, version: 1 })
    .execute();
  const url = `${ctx.baseUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
  const zh = user.locale === 'zh-CN';
  await ctx.mailer.enqueue(
    trx,
    {
      orgId: user.org_id,
      to: user.email,
      subject: zh ? `${ctx.actor.name} 邀请你加入 Tandem` : `${ctx.actor.name} invited you to Tandem`,
      body: zh ? `请在 ${INVITATION_DAYS} 天内打开以下链接设置密码：\n${url}` : `Open this link within ${INVITATION_DAYS} days to set your password:\n${url}`,
    },
    now,
  );
  return url;
}

export async function resendInvitation(ctx: Ctx, id: string): Promise<{ invitationUrl: string }> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadUser(ctx, trx, id);
    authorize(ctx.actor, 'invite', 'user', userRecord(row), 'User');
    if (row.status !== 'invited') throw ruleViolated('Only a user who has not yet accepted an invitation can be invited again.');
    const url = await createInvitation(ctx, trx, row, randomToken(), ctx.clock.now());
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'invite', entityType: 'user', entityId: row.id, ip: ctx.ip, at: ctx.clock.now() });
    return { invitationUrl: url };
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserRequest): Promise<UserResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadUser(ctx, trx, id);
    authorize(ctx.actor, 'update', 'user', userRecord(before), 'User');
    const beforeRoles = (await repo.rolesOfUsers(trx, [id])).get(id) ?? [];
    if (input.version !== before.version) throw staleVersion(presentUser(ctx.actor, before, beforeRoles));
    await checkReferences(ctx, trx, input, id);
    if (input.email && input.email.toLowerCase() !== before.email) {
      if (await repo.findUserByEmail(trx, input.email)) throw validationFailed([{ path: 'email', message: 'A user with this email already exists.' }]);
    }
    if (input.roles && before.id === ctx.actor.id && beforeRoles.includes('admin') && !input.roles.includes('admin')) {
      throw ruleViolated('You cannot remove your own admin role; ask another admin.');
    }
    const patch: Partial<repo.UserRow> = { updated_at: at };
    if (input.email !== undefined) patch.email = input.email.toLowerCase();
    if (input.name !== undefined) patch.name = input.name;
    if (input.jobRole !== undefined) patch.job_role = input.jobRole;
    if (input.managerId !== undefined) patch.manager_id = input.managerId;
    if (input.teamId !== undefined) patch.team_id = input.teamId;
    if (input.calendarId !== undefined) patch.calendar_id = input.calendarId;
    if (input.costRate !== undefined) patch.cost_rate = input.costRate;
    if (input.billRate !== undefined) patch.bill_rate = input.billRate;
    if (input.weeklyCapacityHours !== undefined) patch.weekly_capacity_hours = input.weeklyCapacityHours;
    if (input.locale !== undefined) patch.locale = input.locale;
    if (input.timeZone !== undefined) patch.time_zone = input.timeZone;
    const after = await repo.updateUserIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(presentUser(ctx.actor, (await loadUser(ctx, trx, id)), beforeRoles));
    const roles = input.roles ?? beforeRoles;
    if (input.roles) await repo.setUserRoles(trx, after.org_id, id, input.roles, at);
    if (input.costRate !== undefined || input.billRate !== undefined) {
      await repo.upsertRate(trx, after.org_id, id, input.rateEffectiveFrom ?? localDate(now, after.time_zone), after.cost_rate, after.bill_rate, at);
    }
    const changes = diffRecords(auditView(before, beforeRoles), auditView(after, roles));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'user', entityId: id, changes, ip: ctx.ip, at: now });
    return presentUser(ctx.actor, after, roles);
  });
}

/** Disabling ends every session of the user at once; enabling lets them sign in again. */
export async function setUserStatus(ctx: Ctx, id: string, status: 'active' | 'disabled', version: number): Promise<UserResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadUser(ctx, trx, id);
    authorize(ctx.actor, status === 'disabled' ? 'disable' : 'enable', 'user', userRecord(before), 'User');
    const roles = (await repo.rolesOfUsers(trx, [id])).get(id) ?? [];
    if (version !== before.version) throw staleVersion(presentUser(ctx.actor, before, roles));
    if (status === 'disabled' && id === ctx.actor.id) throw ruleViolated('You cannot disable your own account.');
    if (status === 'active' && before.status === 'invited') throw ruleViolated('An invited user becomes active by accepting the invitation.');
    const after = await repo.updateUserIfVersion(trx, ctx.actor.orgId, id, version, { status, updated_at: at, failed_sign_ins: 0, locked_until: null });
    if (!after) throw staleVersion(presentUser(ctx.actor, before, roles));
    if (status === 'disabled') await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: status === 'disabled' ? 'disable' : 'enable', entityType: 'user', entityId: id, changes: diffRecords({ status: before.status }, { status }), ip: ctx.ip, at: now });
    return presentUser(ctx.actor, after, roles);
  });
}

export async function listUserRates(ctx: Ctx, id: string) {
  const row = await loadUser(ctx, ctx.db, id);
  authorize(ctx.actor, 'readRates', 'user', userRecord(row), 'User');
  const rates = await repo.ratesOfUser(ctx.db, id);
  return { items: rates.map((r) => ({ effectiveFrom: r.effective_from, costRate: r.cost_rate, billRate: r.bill_rate })) };
}

