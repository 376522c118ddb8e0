/** Kysely row types of the engagement tables (see migrations/*_engagement.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EngagementTables {}
