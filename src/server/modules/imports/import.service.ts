import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { mappingProblems, suggestMapping, type ImportEntity } from '../../../domain/imports/fields.js';
import type { ImportJobResponse, ListRejectionsQuery, UploadImportQuery } from '../../../contracts/imports.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../lib/audit.js';
import type { Ctx, Services } from '../../lib/context.js';
import { localDate } from '../../lib/dates.js';
import { AppError, notFound, ruleViolated, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { authorize, type Actor } from '../../lib/policy.js';
import { orgCurrency } from '../sales/settings.repository.js';
import { CsvError, detectEncoding, previewCsv, readCsv, readHead, type CsvEncoding } from './csv.js';
import * as repo from './import.repository.js';
import { fieldsOf, judgeBatch, newImportState, writeBatch } from './import.rows.js';

/** Rows judged (and written) per transaction; progress moves on after each. */
const BATCH = 1000;
/** Rejected rows kept for the user to read; beyond this they are counted only. */
const KEEP_REJECTIONS = 10_000;

const fileOf = (s: Services, id: string) => path.join(s.config.dataDir, 'imports', `${id}.csv`);

export function presentJob(r: repo.ImportJobRow): ImportJobResponse {
  return {
    id: r.id,
    entity: r.entity,
    fileName: r.file_name,
    fileBytes: Number(r.file_bytes),
    encoding: r.encoding as CsvEncoding,
    header: JSON.parse(r.header),
    sample: JSON.parse(r.sample),
    mapping: r.mapping ? JSON.parse(r.mapping) : [],
    fields: fieldsOf(r.entity),
    status: r.status,
    dryRun: r.dry_run === 1,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    validRows: r.valid_rows,
    rejectedRows: r.rejected_rows,
    duplicateRows: r.duplicate_rows,
    insertedRows: r.inserted_rows,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** Stores an uploaded file and reads its header: the job starts with the mapping its headers suggest. */
export async function uploadImport(ctx: Ctx, q: z.infer<typeof UploadImportQuery>, body: Buffer) {
  authorize(ctx.actor, 'create', 'salesRecord');
  if (!body.length) throw validationFailed([{ path: 'file', message: 'The file is empty.' }]);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  const file = fileOf(ctx, id);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
  try {
    const encoding = q.encoding ?? detectEncoding(readHead(file));
    if (!encoding) throw validationFailed([{ path: 'file', message: 'The file is neither UTF-8 nor GBK text. Save it from the spreadsheet as "CSV UTF-8" and upload it again.' }]);
    const { header, sample } = await previewCsv(file, encoding).catch((e) => {
      throw e instanceof CsvError ? validationFailed([{ path: 'file', message: e.message }]) : e;
    });
    if (!header.some((h) => h !== '')) throw validationFailed([{ path: 'file', message: 'The first row must name the columns.' }]);
    const at = now.toISOString();
    const row: repo.ImportJobRow = {
      id, org_id: ctx.actor.orgId, created_at: at, updated_at: at, version: 1,
      entity: q.entity, created_by: ctx.actor.id, file_name: q.fileName, file_bytes: body.length, encoding,
      header: JSON.stringify(header), sample: JSON.stringify(sample), mapping: JSON.stringify(suggestMapping(q.entity, header)),
      status: 'uploaded', dry_run: 1, total_rows: null, processed_rows: 0, valid_rows: 0, rejected_rows: 0, duplicate_rows: 0, inserted_rows: 0,
      error: null, started_at: null, finished_at: null,
    };
    await repo.insertJob(ctx.db, row);
    return presentJob(row);
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
}

/** An import is its uploader's: anyone else gets 404. */
async function loadJob(ctx: Ctx, id: string) {
  const job = await repo.findJob(ctx.db, ctx.actor.orgId, id);
  if (!job || job.created_by !== ctx.actor.id) throw notFound('Import');
  return job;
}

export async function getImport(ctx: Ctx, id: string) {
  return presentJob(await loadJob(ctx, id));
}

export async function listImports(ctx: Ctx, page: { limit: number; cursor?: string }) {
  authorize(ctx.actor, 'list', 'salesRecord');
  const p = await repo.listJobs(ctx.db, ctx.actor.id, page);
  return { items: p.items.map(presentJob), nextCursor: p.nextCursor };
}

export async function setMapping(ctx: Ctx, id: string, mapping: (string | null)[]) {
  const job = await loadJob(ctx, id);
  if (!['uploaded', 'checked', 'failed'].includes(job.status) || job.dry_run === 0) throw ruleViolated('This import has started; its mapping can no longer change.');
  const header: string[] = JSON.parse(job.header);
  if (mapping.length !== header.length) throw validationFailed([{ path: 'mapping', message: `Give one entry per column (${header.length}); null leaves a column out.` }]);
  const problems = mappingProblems(job.entity, mapping);
  if (problems.length) throw validationFailed(problems.map((message) => ({ path: 'mapping', message })));
  // A new mapping needs a new check before anything is written.
  await repo.updateJob(ctx.db, id, { mapping: JSON.stringify(mapping), status: 'uploaded', error: null, updated_at: ctx.clock.now().toISOString() });
  return presentJob((await repo.findJob(ctx.db, ctx.actor.orgId, id))!);
}

export async function listRejections(ctx: Ctx, id: string, q: z.infer<typeof ListRejectionsQuery>) {
  await loadJob(ctx, id);
  const p = await repo.listRejections(ctx.db, id, q.kind, { limit: q.limit, cursor: q.cursor });
  return { items: p.items.map((r) => ({ row: r.line, field: r.field, kind: r.kind, reason: r.reason, cells: JSON.parse(r.raw) as string[] })), nextCursor: p.nextCursor };
}

// ---- running in the background ----

const running = new Map<string, Promise<void>>();

/** Resolves when every import this process runs has stopped (the app waits for it on close). */
export async function settleImports(): Promise<void> {
  await Promise.allSettled([...running.values()]);
}

/** Starts the dry run: every row is read and judged, nothing is written; the job shows each rejected row. */
export async function checkImport(ctx: Ctx, id: string) {
  const job = await loadJob(ctx, id);
  const problems = mappingProblems(job.entity, JSON.parse(job.mapping ?? '[]'));
  if (problems.length) throw validationFailed(problems.map((message) => ({ path: 'mapping', message })));
  if (job.dry_run === 0) throw ruleViolated('This file was imported already.');
  const at = ctx.clock.now().toISOString();
  if (!(await repo.claimJob(ctx.db, id, ['uploaded', 'checked', 'failed'], { status: 'checking', started_at: at, finished_at: null, error: null, processed_rows: 0, updated_at: at }))) {
    throw ruleViolated('This import is running already.');
  }
  start(ctx, ctx.actor, id, 'check');
  return presentJob((await repo.findJob(ctx.db, ctx.actor.orgId, id))!);
}

/** Starts writing the rows a check found valid (checked again as they are written). */
export async function runImport(ctx: Ctx, id: string) {
  const job = await loadJob(ctx, id);
  if (job.status !== 'checked') throw ruleViolated(job.status === 'done' ? 'This file was imported already.' : 'Check the file first (a dry run), then import it.');
  authorize(ctx.actor, 'create', 'salesRecord');
  const at = ctx.clock.now().toISOString();
  if (!(await repo.claimJob(ctx.db, id, ['checked'], { status: 'importing', dry_run: 0, started_at: at, finished_at: null, processed_rows: 0, updated_at: at }))) {
    throw ruleViolated('This import is running already.');
  }
  await recordAudit(ctx.db, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'import', entityType: job.entity, entityId: id, changes: { file: job.file_name, rows: job.total_rows }, ip: ctx.ip, at: ctx.clock.now() });
  start(ctx, ctx.actor, id, 'import');
  return presentJob((await repo.findJob(ctx.db, ctx.actor.orgId, id))!);
}

function start(s: Services, actor: Actor, id: string, mode: 'check' | 'import') {
  const p = processJob(s, actor, id, mode)
    .catch(async (err) => {
      const message = err instanceof CsvError || err instanceof AppError ? err.message : 'The import stopped on an unexpected error; it has been logged.';
      if (!(err instanceof CsvError) && !(err instanceof AppError)) console.error('import failed', err);
      await repo.updateJob(s.db, id, { status: 'failed', error: message, finished_at: s.clock.now().toISOString() }).catch(() => {});
    })
    .finally(() => running.delete(id));
  running.set(id, p);
}

async function processJob(s: Services, actor: Actor, id: string, mode: 'check' | 'import') {
  const job = (await repo.findJob(s.db, actor.orgId, id))!;
  const mapping: (string | null)[] = JSON.parse(job.mapping ?? '[]');
  const width = (JSON.parse(job.header) as string[]).length;
  const now = s.clock.now();
  const c = { db: s.db, actor, orgCurrency: await orgCurrency(s.db, actor.orgId), now, today: localDate(now, actor.timeZone ?? 'UTC'), state: newImportState() };
  const totals = { processed: 0, valid: 0, rejected: 0, duplicate: 0, inserted: 0, kept: 0 };
  await repo.deleteRejections(s.db, id);
  const { rows } = await readCsv(fileOf(s, id), job.encoding as CsvEncoding, BATCH, async (batch) => {
    const next = await inTransaction(s.db, async (trx) => {
      const out = await judgeBatch({ ...c, db: trx }, job.entity as ImportEntity, mapping, width, batch);
      if (mode === 'import') {
        await writeBatch(trx, out.writes);
        // The batch's records in the audit log, in the batch's transaction: which rows of which import made them.
        const ids = [...out.writes.accounts, ...out.writes.contacts, ...out.writes.leads, ...out.writes.opportunities].map((r) => r.id);
        if (ids.length) await recordAudit(trx, { orgId: actor.orgId, actorId: actor.id, action: 'create', entityType: job.entity, entityId: null, changes: { importId: id, rows: [batch[0]!.row, batch[batch.length - 1]!.row], ids }, at: new Date() });
      }
      const keep = out.rejections.slice(0, Math.max(0, KEEP_REJECTIONS - totals.kept));
      const at = new Date().toISOString();
      await repo.insertRejections(trx, keep.map((r) => ({ id: uuidv7(), org_id: actor.orgId, created_at: at, updated_at: at, version: 1, job_id: id, line: r.row, field: r.field, kind: r.kind, reason: r.reason, raw: JSON.stringify(r.cells) })));
      const inserted = mode === 'import' ? out.writes.accounts.length + out.writes.contacts.length + out.writes.leads.length + out.writes.opportunities.length : 0;
      const next = {
        processed: totals.processed + batch.length,
        valid: totals.valid + out.valid,
        rejected: totals.rejected + out.rejections.filter((r) => r.kind === 'invalid').length,
        duplicate: totals.duplicate + out.rejections.filter((r) => r.kind === 'duplicate').length,
        inserted: totals.inserted + inserted,
        kept: totals.kept + keep.length,
      };
      await repo.updateJob(trx, id, { processed_rows: next.processed, valid_rows: next.valid, rejected_rows: next.rejected, duplicate_rows: next.duplicate, inserted_rows: next.inserted, updated_at: at });
      return next;
    });
    // Counted once the batch's transaction committed (a retried transaction counts again from the same totals).
    Object.assign(totals, next);
  });
  const finished = new Date().toISOString();
  await repo.updateJob(s.db, id, { status: mode === 'check' ? 'checked' : 'done', total_rows: rows, finished_at: finished, updated_at: finished });
  if (mode === 'import') fs.rmSync(fileOf(s, id), { force: true });
}

/** At start-up: imports that a stopped server left running are marked failed, saying what was written. */
export async function failInterruptedImports(s: Services) {
  for (const j of await repo.runningJobs(s.db)) {
    if (running.has(j.id)) continue;
    const error = j.status === 'importing' ? `The server stopped during the import; ${j.inserted_rows} rows were written and stay. Upload the rest again.` : 'The server stopped during the check; check the file again.';
    await repo.updateJob(s.db, j.id, { status: j.status === 'importing' ? 'failed' : 'uploaded', error, finished_at: s.clock.now().toISOString() });
  }
}
