import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { AnswerSurveyRequest, CreateSurveyRequest, ListSurveysQuery, SurveyResponse } from '../../../contracts/contracting.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../lib/audit.js';
import type { Ctx, Services } from '../../lib/context.js';
import { AppError, notFound, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { authorize, can } from '../../lib/policy.js';
import { notify } from '../notifications/notification.service.js';
import { authorizeSales } from '../sales/sales.access.js';
import * as repo from './contracting.repository.js';

const DAY = 86_400_000;

/** What is stored of a survey link's token: its SHA-256, so a database reader cannot answer for the customer. */
export const hashSurveyToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function presentSurvey(s: repo.SurveyWithSender): SurveyResponse {
  return {
    id: s.id, kind: s.kind, accountId: s.account_id, contractId: s.contract_id, projectId: s.project_id, sentToEmail: s.sent_to_email, sentBy: s.sent_by, sentByName: s.sent_by_name,
    sentAt: s.sent_at, expiresAt: s.expires_at, answeredAt: s.answered_at, csat: s.csat, nps: s.nps, comment: s.comment,
  };
}

/** Sends a CSAT or NPS survey for an account (optionally a contract or project of it). The link is answered once. */
export async function createSurvey(ctx: Ctx, input: z.infer<typeof CreateSurveyRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const account = await repo.findAccount(trx, ctx.actor.orgId, input.accountId);
    await authorizeSales(trx, ctx.actor, 'update', account, 'account', 'Account');
    authorize(ctx.actor, 'create', 'salesRecord');
    if (input.contractId) {
      const contract = await repo.findContract(trx, ctx.actor.orgId, input.contractId);
      if (!contract || contract.account_id !== input.accountId) throw validationFailed([{ path: 'contractId', message: 'Not a contract of this account.' }]);
    }
    if (input.projectId && !(await repo.findProjectInOrg(trx, ctx.actor.orgId, input.projectId))) throw validationFailed([{ path: 'projectId', message: 'No such project.' }]);
    const token = randomBytes(32).toString('base64url');
    const row: repo.SurveyRow = {
      id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, kind: input.kind, account_id: input.accountId, contract_id: input.contractId ?? null, project_id: input.projectId ?? null,
      sent_to_email: input.email, token_hash: hashSurveyToken(token), sent_by: ctx.actor.id, sent_at: at, expires_at: new Date(now.getTime() + input.expiresInDays * DAY).toISOString(),
      answered_at: null, csat: null, nps: null, comment: null, created_at: at, updated_at: at, version: 1,
    };
    await repo.insertSurvey(trx, row);
    const link = `${ctx.baseUrl}/survey/${token}`;
    const org = await repo.organisationName(trx, ctx.actor.orgId);
    await ctx.mailer.enqueue(trx, {
      orgId: row.org_id, to: input.email,
      subject: `${org.name}: ${input.kind === 'nps' ? 'How likely are you to recommend us? / 您向他人推荐我们的可能性有多大？' : 'How satisfied are you? / 您对我们满意吗？'}`,
      body: `${org.name} would value your opinion / 诚邀您反馈意见:\n\n${link}`,
    }, now);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'survey', entityId: row.id, changes: { kind: [null, row.kind], account_id: [null, row.account_id], contract_id: [null, row.contract_id], sent_to_email: [null, row.sent_to_email] }, ip: ctx.ip, at: now });
    return { survey: presentSurvey((await repo.findSurvey(trx, row.id))!), token, link };
  });
}

export async function listSurveys(ctx: Ctx, q: z.infer<typeof ListSurveysQuery>) {
  const account = await repo.findAccount(ctx.db, ctx.actor.orgId, q.accountId);
  const rec = await authorizeSales(ctx.db, ctx.actor, 'read', account, 'account', 'Account');
  const page = await repo.listSurveys(ctx.db, q.accountId, { limit: q.limit, cursor: q.cursor });
  return { items: page.items.map(presentSurvey), nextCursor: page.nextCursor, abilities: { create: can(ctx.actor, 'update', 'salesRecord', rec) && can(ctx.actor, 'create', 'salesRecord') } };
}

/** A survey by its link's token, whoever asks (no session): unknown and expired tokens are 404. */
async function surveyByToken(s: Services, token: string) {
  const survey = await repo.findSurveyByTokenHash(s.db, hashSurveyToken(token));
  if (!survey || survey.expires_at <= s.clock.now().toISOString()) throw notFound('Survey');
  return survey;
}

/** What the customer's page shows: the question and the company asking — nothing of the account. */
export async function publicSurvey(s: Services, token: string) {
  const survey = await surveyByToken(s, token);
  const org = await repo.organisationName(s.db, survey.org_id);
  return { kind: survey.kind, companyName: org.name, answered: survey.answered_at !== null };
}

/** The customer answers, once (409 after that); the sender is told. */
export async function answerSurvey(s: Services, token: string, input: z.infer<typeof AnswerSurveyRequest>, ip: string | null) {
  const now = s.clock.now();
  const at = now.toISOString();
  return inTransaction(s.db, async (trx) => {
    const survey = await surveyByToken({ ...s, db: trx as never }, token);
    if (survey.answered_at) throw new AppError('conflict', 'This survey was already answered. Thank you!');
    if (survey.kind === 'csat' && input.csat === undefined) throw validationFailed([{ path: 'csat', message: 'Choose a score from 1 to 5.' }]);
    if (survey.kind === 'nps' && input.nps === undefined) throw validationFailed([{ path: 'nps', message: 'Choose a score from 0 to 10.' }]);
    const answer = { answered_at: at, csat: survey.kind === 'csat' ? input.csat! : null, nps: survey.kind === 'nps' ? input.nps! : null, comment: input.comment || null, updated_at: at };
    if (!(await repo.answerSurvey(trx, survey.id, answer))) throw new AppError('conflict', 'This survey was already answered. Thank you!');
    await recordAudit(trx, { orgId: survey.org_id, actorId: null, action: 'answer', entityType: 'survey', entityId: survey.id, changes: { csat: [null, answer.csat], nps: [null, answer.nps] }, ip, at: now });
    const [sender, account] = await Promise.all([repo.userContact(trx, survey.sent_by), repo.findAccount(trx, survey.org_id, survey.account_id)]);
    const zh = sender?.locale === 'zh-CN';
    const score = survey.kind === 'csat' ? `CSAT ${answer.csat}/5` : `NPS ${answer.nps}/10`;
    const link = `/sales/accounts/${survey.account_id}?tab=satisfaction`;
    await notify(trx, s.mailer, {
      orgId: survey.org_id, userId: survey.sent_by, kind: 'survey_answered',
      title: zh ? `满意度调查已回复：${account?.name ?? ''}` : `Survey answered: ${account?.name ?? ''}`,
      body: `${score}${answer.comment ? ` — ${answer.comment.slice(0, 200)}` : ''}`,
      link, dedupeKey: `survey-answered:${survey.id}`,
    }, now);
    return { kind: survey.kind, companyName: (await repo.organisationName(trx, survey.org_id)).name, answered: true };
  });
}
