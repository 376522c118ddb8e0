/** Kysely row types of this sales area's tables (see migrations/20261128*_sales_import.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SalesImportTables {}
