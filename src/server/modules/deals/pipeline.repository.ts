import type { Selectable } from 'kysely';
import type { PipelineStageTable, PipelineTable } from '../../db/tables/sales.js';
import { compiledOnce } from '../../db/compiled.js';
import type { Executor } from '../../db/transaction.js';

export type PipelineRow = Selectable<PipelineTable>;
export type StageRow = Selectable<PipelineStageTable>;

export function listPipelines(db: Executor, orgId: string) {
  return db.selectFrom('pipelines').selectAll().where('org_id', '=', orgId).orderBy('is_default', 'desc').orderBy('name').orderBy('id').execute();
}

const pipelineById = compiledOnce((db: Executor, orgId: string, id: string) => db.selectFrom('pipelines').selectAll().where('org_id', '=', orgId).where('id', '=', id));

/** A pipeline of the organisation (every board and list of deals looks one up: compiled once). */
export async function findPipeline(db: Executor, orgId: string, id: string) {
  const [row] = await pipelineById(db, orgId, id);
  return row;
}

const stagesOfOne = compiledOnce((db: Executor, pipelineId: string) => db.selectFrom('pipeline_stages').selectAll().where('pipeline_id', '=', pipelineId).orderBy('position').orderBy('id'));

/** Stages of some pipelines, in order (archived ones included). */
export function listStages(db: Executor, pipelineIds: string[]) {
  if (!pipelineIds.length) return Promise.resolve([] as StageRow[]);
  if (pipelineIds.length === 1) return stagesOfOne(db, pipelineIds[0]!);
  return db.selectFrom('pipeline_stages').selectAll().where('pipeline_id', 'in', pipelineIds).orderBy('pipeline_id').orderBy('position').orderBy('id').execute();
}

export function findStage(db: Executor, orgId: string, id: string) {
  return db.selectFrom('pipeline_stages').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Serialises the first-use creation of the default pipeline: PostgreSQL locks the organisation's row. */
export async function lockOrganisation(db: Executor, orgId: string, postgres: boolean) {
  let q = db.selectFrom('organisations').select('id').where('id', '=', orgId);
  if (postgres) q = q.forUpdate();
  await q.executeTakeFirst();
}

export const insertPipeline = (db: Executor, row: PipelineRow) => db.insertInto('pipelines').values(row).execute();
export const insertStages = (db: Executor, rows: StageRow[]) => (rows.length ? db.insertInto('pipeline_stages').values(rows).execute() : Promise.resolve());

export function updatePipelineIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<PipelineRow>) {
  return db.updateTable('pipelines').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function clearDefault(db: Executor, orgId: string, exceptId: string) {
  return db.updateTable('pipelines').set({ is_default: 0 }).where('org_id', '=', orgId).where('id', '!=', exceptId).where('is_default', '=', 1).execute();
}

export function updateStageIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<StageRow>) {
  return db.updateTable('pipeline_stages').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function setStagePosition(db: Executor, id: string, position: number, at: string) {
  return db
    .updateTable('pipeline_stages')
    .set((eb) => ({ position, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Whether any opportunity sits (or sat) in the stage: such a stage is archived, never deleted. */
export async function stageInUse(db: Executor, stageId: string): Promise<boolean> {
  const row = await db.selectFrom('opportunities').select('id').where('stage_id', '=', stageId).limit(1).executeTakeFirst();
  if (row) return true;
  const hist = await db.selectFrom('opportunity_stage_history').select('id').where((eb) => eb.or([eb('to_stage_id', '=', stageId), eb('from_stage_id', '=', stageId)])).limit(1).executeTakeFirst();
  return hist !== undefined;
}

export const deleteStage = (db: Executor, id: string) => db.deleteFrom('pipeline_stages').where('id', '=', id).execute();

/** Whether any open deal sits in the stage. */
export async function stageHasOpenDeals(db: Executor, stageId: string) {
  const row = await db.selectFrom('opportunities').select('id').where('stage_id', '=', stageId).where('status', '=', 'open').limit(1).executeTakeFirst();
  return row !== undefined;
}
