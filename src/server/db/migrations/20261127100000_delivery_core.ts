import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/** Projects, members, the work breakdown with its links and computed schedule, and baselines. */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('projects'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('source_contract_id', 'text')
    .addColumn('manager_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sponsor', 'text')
    .addColumn('goals', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scope_in', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scope_out', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('health', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'text', (c) => c.notNull())
    .addColumn('calendar_id', 'text', (c) => c.references('calendars.id'))
    .addColumn('budget_labour', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('budget_expenses', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    // Computed by the scheduler whenever the plan changes.
    .addColumn('planned_finish', 'text')
    .addColumn('percent_complete', 'real', (c) => c.notNull().defaultTo(0))
    .addForeignKeyConstraint('projects_org_fk', ['org_id'], 'organisations', ['id'])
    .execute();
  await db.schema.createIndex('projects_org_code').on('projects').columns(['org_id', 'code']).unique().execute();
  await db.schema.createIndex('projects_org_name').on('projects').columns(['org_id', 'name', 'id']).execute();
  await db.schema.createIndex('projects_org_status_name').on('projects').columns(['org_id', 'status', 'name', 'id']).execute();
  await db.schema.createIndex('projects_manager').on('projects').columns(['manager_id', 'name', 'id']).execute();

  await baseColumns(db.schema.createTable('project_members'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('project_role', 'text', (c) => c.notNull())
    .addColumn('allocation_pct', 'real', (c) => c.notNull().defaultTo(100))
    .addColumn('from_date', 'text')
    .addColumn('to_date', 'text')
    .execute();
  await db.schema.createIndex('project_members_project_user').on('project_members').columns(['project_id', 'user_id']).unique().execute();
  await db.schema.createIndex('project_members_user').on('project_members').columns(['user_id', 'project_id']).execute();

  await baseColumns(db.schema.createTable('tasks'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('tasks.id').onDelete('cascade'))
    // Order among siblings; the WBS code follows from it and is stored for search and display.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('wbs', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('duration_days', 'integer', (c) => c.notNull())
    .addColumn('constraint_type', 'text', (c) => c.notNull().defaultTo('ASAP'))
    .addColumn('constraint_date', 'text')
    .addColumn('estimated_hours', 'real')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('percent_complete', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('actual_start', 'text')
    .addColumn('actual_finish', 'text')
    .addColumn('deliverable', 'text')
    .addColumn('early_start', 'text')
    .addColumn('early_finish', 'text')
    .addColumn('late_start', 'text')
    .addColumn('late_finish', 'text')
    .addColumn('total_float', 'integer')
    .addColumn('free_float', 'integer')
    .addColumn('critical', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('tasks_project_parent_position').on('tasks').columns(['project_id', 'parent_id', 'position']).execute();
  await db.schema.createIndex('tasks_project_wbs').on('tasks').columns(['project_id', 'wbs']).execute();
  await db.schema.createIndex('tasks_parent').on('tasks').columns(['parent_id']).execute();

  await baseColumns(db.schema.createTable('task_assignments'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('units', 'real', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('task_assignments_task_user').on('task_assignments').columns(['task_id', 'user_id']).unique().execute();
  await db.schema.createIndex('task_assignments_user').on('task_assignments').columns(['user_id', 'project_id']).execute();
  await db.schema.createIndex('task_assignments_project').on('task_assignments').columns(['project_id']).execute();

  await baseColumns(db.schema.createTable('dependencies'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('predecessor_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('successor_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('lag_days', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('dependencies_pair').on('dependencies').columns(['predecessor_id', 'successor_id']).unique().execute();
  await db.schema.createIndex('dependencies_successor').on('dependencies').columns(['successor_id']).execute();
  await db.schema.createIndex('dependencies_project').on('dependencies').columns(['project_id']).execute();

  await baseColumns(db.schema.createTable('baselines'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('baselines_project').on('baselines').columns(['project_id', 'created_at']).execute();

  await baseColumns(db.schema.createTable('baseline_tasks'))
    .addColumn('baseline_id', 'text', (c) => c.notNull().references('baselines.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('start', 'text')
    .addColumn('finish', 'text')
    .addColumn('duration_days', 'integer', (c) => c.notNull())
    .addColumn('work_hours', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('cost', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('baseline_tasks_baseline_task').on('baseline_tasks').columns(['baseline_id', 'task_id']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
