import type { z } from 'zod';
import type { CreatePipelineRequest, CreateStageRequest, PipelineList, PipelineResponse, StageOrderRequest, StageResponse, UpdatePipelineRequest, UpdateStageRequest } from '../../../contracts/deals.js';
import { isPermutation, STANDARD_STAGES, stageSetProblem } from '../../../domain/deals/stages.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { authorize, can, type Actor } from '../../lib/policy.js';
import '../sales/sales.access.js';
import * as repo from './pipeline.repository.js';

export function presentStage(s: repo.StageRow): StageResponse {
  return { id: s.id, pipelineId: s.pipeline_id, name: s.name, position: s.position, probability: s.probability, kind: s.kind, archived: Boolean(s.archived), version: s.version };
}

export function presentPipeline(actor: Actor, p: repo.PipelineRow, stages: repo.StageRow[]): PipelineResponse {
  return {
    id: p.id,
    name: p.name,
    isDefault: Boolean(p.is_default),
    archived: Boolean(p.archived),
    version: p.version,
    stages: stages.filter((s) => s.pipeline_id === p.id).map(presentStage),
    abilities: { manage: can(actor, 'manage', 'salesConfig') },
  };
}

const auditOf = <T extends { created_at: string; updated_at: string; version: number; org_id: string; id: string }>(r: T) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...rest } = r;
  return rest;
};

/** A pipeline of the actor's organisation (404 otherwise) with its stages. */
export async function loadPipeline(ctx: Ctx, db: Executor, id: string) {
  authorize(ctx.actor, 'read', 'salesConfig', undefined, 'Pipeline');
  const pipeline = await repo.findPipeline(db, ctx.actor.orgId, id);
  if (!pipeline) throw notFound('Pipeline');
  const stages = await repo.listStages(db, [id]);
  return { pipeline, stages };
}

async function respondPipeline(ctx: Ctx, db: Executor, id: string) {
  const { pipeline, stages } = await loadPipeline(ctx, db, id);
  return presentPipeline(ctx.actor, pipeline, stages);
}

function stageRows(orgId: string, pipelineId: string, defs: readonly { name: string; probability: number; kind: repo.StageRow['kind'] }[], at: string, ms: number): repo.StageRow[] {
  return defs.map((s, i) => ({ id: uuidv7(ms), org_id: orgId, created_at: at, updated_at: at, version: 1, pipeline_id: pipelineId, name: s.name, position: i, probability: s.probability, kind: s.kind, archived: 0 }));
}

/**
 * The organisation's pipelines with their stages. An organisation without any gets the standard
 * one on first use, in a transaction that re-checks under a lock, so two first calls make one.
 */
export async function listPipelines(ctx: Ctx): Promise<PipelineList> {
  authorize(ctx.actor, 'read', 'salesConfig', undefined, 'Pipeline');
  let pipelines = await repo.listPipelines(ctx.db, ctx.actor.orgId);
  if (!pipelines.length) {
    const now = ctx.clock.now();
    const at = now.toISOString();
    pipelines = await inTransaction(ctx.db, async (trx) => {
      await repo.lockOrganisation(trx, ctx.actor.orgId, ctx.dialect === 'postgres');
      const again = await repo.listPipelines(trx, ctx.actor.orgId);
      if (again.length) return again;
      const row: repo.PipelineRow = { id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, created_at: at, updated_at: at, version: 1, name: 'Standard', is_default: 1, archived: 0 };
      await repo.insertPipeline(trx, row);
      await repo.insertStages(trx, stageRows(row.org_id, row.id, STANDARD_STAGES, at, now.getTime()));
      await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'pipeline', entityId: row.id, changes: { name: [null, row.name], default: [null, true] }, ip: ctx.ip, at: now });
      return [row];
    });
  }
  const stages = await repo.listStages(ctx.db, pipelines.map((p) => p.id));
  return { items: pipelines.map((p) => presentPipeline(ctx.actor, p, stages)), abilities: { manage: can(ctx.actor, 'manage', 'salesConfig') } };
}

export async function getPipeline(ctx: Ctx, id: string) {
  return respondPipeline(ctx, ctx.db, id);
}

export async function createPipeline(ctx: Ctx, input: z.infer<typeof CreatePipelineRequest>): Promise<PipelineResponse> {
  authorize(ctx.actor, 'manage', 'salesConfig');
  const defs = input.stages ?? STANDARD_STAGES;
  const problem = stageSetProblem(defs);
  if (problem) throw ruleViolated(problem);
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const row: repo.PipelineRow = { id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, created_at: at, updated_at: at, version: 1, name: input.name, is_default: input.isDefault ? 1 : 0, archived: 0 };
    if (input.isDefault) await repo.clearDefault(trx, row.org_id, row.id);
    await repo.insertPipeline(trx, row);
    const stages = stageRows(row.org_id, row.id, defs, at, now.getTime());
    await repo.insertStages(trx, stages);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'pipeline', entityId: row.id, changes: { ...diffRecords(null, auditOf(row)), stages: [null, defs.map((s) => `${s.name} ${s.probability}% ${s.kind}`)] }, ip: ctx.ip, at: now });
    return respondPipeline(ctx, trx, row.id);
  });
}

export async function updatePipeline(ctx: Ctx, id: string, input: z.infer<typeof UpdatePipelineRequest>): Promise<PipelineResponse> {
  authorize(ctx.actor, 'manage', 'salesConfig');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { pipeline: before, stages } = await loadPipeline(ctx, trx, id);
    if (input.version !== before.version) throw staleVersion(presentPipeline(ctx.actor, before, stages));
    const patch: Partial<repo.PipelineRow> = { updated_at: at };
    if (input.name !== undefined) patch.name = input.name;
    if (input.isDefault) patch.is_default = 1;
    if (input.archived !== undefined) {
      if (input.archived && (input.isDefault || before.is_default)) throw ruleViolated('The default pipeline cannot be archived: make another one the default first.');
      patch.archived = input.archived ? 1 : 0;
    }
    if (input.isDefault && (patch.archived ?? before.archived)) throw ruleViolated('An archived pipeline cannot be the default.');
    const after = await repo.updatePipelineIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondPipeline(ctx, trx, id));
    if (input.isDefault) await repo.clearDefault(trx, after.org_id, id);
    const changes = diffRecords(auditOf(before), auditOf(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'pipeline', entityId: id, changes, ip: ctx.ip, at: now });
    return respondPipeline(ctx, trx, id);
  });
}

async function bumpPipeline(trx: Executor, ctx: Ctx, p: repo.PipelineRow, version: number | undefined, at: string) {
  const after = await repo.updatePipelineIfVersion(trx, ctx.actor.orgId, p.id, version ?? p.version, { updated_at: at });
  if (!after) throw staleVersion(await respondPipeline(ctx, trx, p.id));
}

export async function addStage(ctx: Ctx, pipelineId: string, input: z.infer<typeof CreateStageRequest>): Promise<PipelineResponse> {
  authorize(ctx.actor, 'manage', 'salesConfig');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { pipeline, stages } = await loadPipeline(ctx, trx, pipelineId);
    const live = stages.filter((s) => !s.archived);
    const problem = stageSetProblem([...live, { kind: input.kind }]);
    if (problem) throw ruleViolated(problem);
    // New open stages go before the closing ones unless placed.
    const firstClosed = live.findIndex((s) => s.kind !== 'open');
    const at_ = Math.min(input.position ?? (firstClosed === -1 ? live.length : firstClosed), live.length);
    const row = stageRows(pipeline.org_id, pipelineId, [input], at, now.getTime())[0];
    const ordered = [...live];
    ordered.splice(at_, 0, row);
    row.position = at_;
    await repo.insertStages(trx, [row]);
    for (const [i, s] of ordered.entries()) if (s !== row && s.position !== i) await repo.setStagePosition(trx, s.id, i, at);
    await bumpPipeline(trx, ctx, pipeline, undefined, at);
    await recordAudit(trx, { orgId: pipeline.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'pipeline_stage', entityId: row.id, changes: diffRecords(null, auditOf(row)), ip: ctx.ip, at: now });
    return respondPipeline(ctx, trx, pipelineId);
  });
}

export async function updateStage(ctx: Ctx, stageId: string, input: z.infer<typeof UpdateStageRequest>): Promise<PipelineResponse> {
  authorize(ctx.actor, 'manage', 'salesConfig');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const before = await repo.findStage(trx, ctx.actor.orgId, stageId);
    if (!before) throw notFound('Stage');
    const { pipeline, stages } = await loadPipeline(ctx, trx, before.pipeline_id);
    if (input.version !== before.version) throw staleVersion(presentPipeline(ctx.actor, pipeline, stages));
    const patch: Partial<repo.StageRow> = { updated_at: at };
    if (input.name !== undefined) patch.name = input.name;
    if (input.probability !== undefined) patch.probability = input.probability;
    if (input.kind !== undefined && input.kind !== before.kind) {
      // A deal's status mirrors its stage's kind: a used stage keeps its kind.
      if (await repo.stageInUse(trx, stageId)) throw ruleViolated('Opportunities are in this stage: its kind cannot change. Add a new stage instead.');
      patch.kind = input.kind;
    }
    if (input.archived !== undefined) patch.archived = input.archived ? 1 : 0;
    const next = stages.map((s) => (s.id === stageId ? { ...s, ...patch } : s));
    const problem = stageSetProblem(next);
    if (problem) throw ruleViolated(problem);
    if (patch.archived) {
      const open = await trxOpenIn(trx, stageId);
      if (open) throw ruleViolated('Open opportunities are in this stage: move them first.');
    }
    const after = await repo.updateStageIfVersion(trx, ctx.actor.orgId, stageId, input.version, patch);
    if (!after) throw staleVersion(await respondPipeline(ctx, trx, pipeline.id));
    await bumpPipeline(trx, ctx, pipeline, undefined, at);
    const changes = diffRecords(auditOf(before), auditOf(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'pipeline_stage', entityId: stageId, changes, ip: ctx.ip, at: now });
    return respondPipeline(ctx, trx, pipeline.id);
  });
}

const trxOpenIn = (trx: Executor, stageId: string) => repo.stageHasOpenDeals(trx, stageId);

/** Removes a stage: deleted when no deal ever used it, archived otherwise (history keeps its name). */
export async function removeStage(ctx: Ctx, stageId: string, version: number): Promise<PipelineResponse> {
  authorize(ctx.actor, 'manage', 'salesConfig');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const before = await repo.findStage(trx, ctx.actor.orgId, stageId);
    if (!before) throw notFound('Stage');
    const { pipeline, stages } = await loadPipeline(ctx, trx, before.pipeline_id);
    if (version !== before.version) throw staleVersion(presentPipeline(ctx.actor, pipeline, stages));
    const problem = stageSetProblem(stages.filter((s) => s.id !== stageId));
    if (problem) throw ruleViolated(problem);
    if (await trxOpenIn(trx, stageId)) throw ruleViolated('Open opportunities are in this stage: move them first.');
    const used = await repo.stageInUse(trx, stageId);
    if (used) {
      const after = await repo.updateStageIfVersion(trx, ctx.actor.orgId, stageId, version, { archived: 1, updated_at: at });
      if (!after) throw staleVersion(await respondPipeline(ctx, trx, pipeline.id));
    } else {
      await repo.deleteStage(trx, stageId);
    }
    await bumpPipeline(trx, ctx, pipeline, undefined, at);
    await recordAudit(trx, { orgId: before.org_id, actorId: ctx.actor.id, action: used ? 'archive' : 'delete', entityType: 'pipeline_stage', entityId: stageId, changes: diffRecords(auditOf(before), null), ip: ctx.ip, at: now });
    return respondPipeline(ctx, trx, pipeline.id);
  });
}

/** New order of the pipeline's live stages (a permutation of them; archived ones go after). */
export async function reorderStages(ctx: Ctx, pipelineId: string, input: z.infer<typeof StageOrderRequest>): Promise<PipelineResponse> {
  authorize(ctx.actor, 'manage', 'salesConfig');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { pipeline, stages } = await loadPipeline(ctx, trx, pipelineId);
    if (input.version !== pipeline.version) throw staleVersion(presentPipeline(ctx.actor, pipeline, stages));
    const live = stages.filter((s) => !s.archived);
    if (!isPermutation(input.stageIds, live.map((s) => s.id))) throw validationFailed([{ path: 'stageIds', message: "List each of this pipeline's stages once." }]);
    const order = [...input.stageIds, ...stages.filter((s) => s.archived).map((s) => s.id)];
    const byId = new Map(stages.map((s) => [s.id, s]));
    for (const [i, sid] of order.entries()) if (byId.get(sid)!.position !== i) await repo.setStagePosition(trx, sid, i, at);
    await bumpPipeline(trx, ctx, pipeline, input.version, at);
    await recordAudit(trx, { orgId: pipeline.org_id, actorId: ctx.actor.id, action: 'reorder', entityType: 'pipeline', entityId: pipelineId, changes: { stages: [live.map((s) => s.name), input.stageIds.map((sid) => byId.get(sid)!.name)] }, ip: ctx.ip, at: now });
    return respondPipeline(ctx, trx, pipelineId);
  });
}
