import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * Closing a project (DOMAIN.md, "Lesson learned"): its checklist, the customer's final acceptance
 * and the retrospective (one row per project), and the lessons learned, an organisation-wide library.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('project_closings'))
    .addColumn('project_id', 'text', (c) => c.notNull().unique().references('projects.id').onDelete('cascade'))
    // Final acceptance on the customer's side: who, when, a note.
    .addColumn('accepted_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accepted_on', 'text')
    .addColumn('acceptance_note', 'text', (c) => c.notNull().defaultTo(''))
    // The retrospective; its lessons are rows of `lessons`.
    .addColumn('went_well', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('went_badly', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .execute();

  await baseColumns(db.schema.createTable('closing_checklist_items'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // A default item's key (the UI translates it); null for an item the PM added.
    .addColumn('item_key', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('closing_checklist_items_project').on('closing_checklist_items').columns(['project_id', 'position', 'id']).execute();

  await baseColumns(db.schema.createTable('lessons'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('what_happened', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('why', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recommendation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull())
    // JSON array of strings, as projects.tags
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    // copied from the project when the lesson is written
    .addColumn('industry', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .execute();
  // The library lists newest first (keyset on created_at desc, id desc), per organisation and industry.
  await db.schema.createIndex('lessons_org_created').on('lessons').columns(['org_id', 'created_at desc', 'id desc']).execute();
  await db.schema.createIndex('lessons_org_industry_created').on('lessons').columns(['org_id', 'industry', 'created_at desc', 'id desc']).execute();
  await db.schema.createIndex('lessons_project').on('lessons').columns(['project_id', 'created_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
