/** Kysely row types of the closing tables (see migrations/*_closing.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ClosingTables {}
