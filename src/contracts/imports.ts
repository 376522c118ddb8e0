import { z } from 'zod';
import { Id, Instant, PageQuery, pageOf } from './common.js';

/** Requests and responses of CSV import and CSV/XLSX export of sales lists. */
export const IMPORT_ENTITIES = ['accounts', 'contacts', 'leads', 'opportunities'] as const;
export const ImportEntity = z.enum(IMPORT_ENTITIES);
export const IMPORT_STATUSES = ['uploaded', 'checking', 'checked', 'importing', 'done', 'failed'] as const;

/** 100 MB: the largest file an import takes. */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

export const UploadImportQuery = z.object({
  entity: ImportEntity,
  fileName: z.string().min(1).max(255).default('import.csv'),
  /** leave out to detect (UTF-8 with or without BOM, else GBK) */
  encoding: z.enum(['utf-8', 'gbk']).optional(),
});

export const ImportFieldResponse = z.object({ key: z.string(), required: z.boolean(), kind: z.string() });

export const ImportJobResponse = z.object({
  id: Id,
  entity: ImportEntity,
  fileName: z.string(),
  fileBytes: z.number().int(),
  encoding: z.enum(['utf-8', 'gbk']),
  header: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  /** per column, the field it fills (null: not imported) */
  mapping: z.array(z.string().nullable()),
  fields: z.array(ImportFieldResponse),
  status: z.enum(IMPORT_STATUSES),
  /** true until the rows were written (a check reads and judges them, writes nothing) */
  dryRun: z.boolean(),
  totalRows: z.number().int().nullable(),
  processedRows: z.number().int(),
  validRows: z.number().int(),
  rejectedRows: z.number().int(),
  duplicateRows: z.number().int(),
  insertedRows: z.number().int(),
  error: z.string().nullable(),
  createdAt: Instant,
  startedAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
});
export type ImportJobResponse = z.infer<typeof ImportJobResponse>;
export const ImportJobPage = pageOf(ImportJobResponse);

export const ImportMappingRequest = z.object({ mapping: z.array(z.string().nullable()) });

export const ImportRejectionResponse = z.object({ row: z.number().int(), field: z.string().nullable(), kind: z.enum(['invalid', 'duplicate']), reason: z.string(), cells: z.array(z.string()) });
export const ImportRejectionPage = pageOf(ImportRejectionResponse);
export const ListRejectionsQuery = PageQuery.extend({ kind: z.enum(['invalid', 'duplicate']).optional() });
