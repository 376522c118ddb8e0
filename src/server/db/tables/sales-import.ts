/** Kysely row types of the import tables (see migrations/20261128500000_sales_import.ts). */
interface Row {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export type ImportEntity = 'accounts' | 'contacts' | 'leads' | 'opportunities';
export type ImportStatus = 'uploaded' | 'checking' | 'checked' | 'importing' | 'done' | 'failed';

export interface ImportJobTable extends Row {
  entity: ImportEntity;
  created_by: string;
  file_name: string;
  file_bytes: number;
  encoding: string;
  header: string;
  sample: string;
  mapping: string | null;
  status: ImportStatus;
  dry_run: 0 | 1;
  total_rows: number | null;
  processed_rows: number;
  valid_rows: number;
  rejected_rows: number;
  duplicate_rows: number;
  inserted_rows: number;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface ImportRejectionTable extends Row {
  job_id: string;
  line: number;
  field: string | null;
  kind: 'invalid' | 'duplicate';
  reason: string;
  raw: string;
}

export interface SalesImportTables {
  import_jobs: ImportJobTable;
  import_rejections: ImportRejectionTable;
}
