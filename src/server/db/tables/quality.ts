/** Kysely row types of the quality tables (see migrations/*_quality.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QualityTables {}
