import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('organisations'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('default_locale', 'text', (c) => c.notNull())
    .addColumn('default_time_zone', 'text', (c) => c.notNull())
    .execute();

  await baseColumns(db.schema.createTable('calendars'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('working_days', 'text', (c) => c.notNull())
    .addColumn('hours_per_day', 'real', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addForeignKeyConstraint('calendars_org_fk', ['org_id'], 'organisations', ['id'])
    .execute();
  await db.schema.createIndex('calendars_org_name').on('calendars').columns(['org_id', 'name', 'id']).execute();

  await baseColumns(db.schema.createTable('calendar_exceptions'))
    .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('working', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('calendar_exceptions_day').on('calendar_exceptions').columns(['calendar_id', 'date']).unique().execute();

  await baseColumns(db.schema.createTable('teams'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text')
    .addColumn('parent_id', 'text', (c) => c.references('teams.id'))
    .addForeignKeyConstraint('teams_org_fk', ['org_id'], 'organisations', ['id'])
    .execute();
  await db.schema.createIndex('teams_org_name').on('teams').columns(['org_id', 'name', 'id']).execute();
  await db.schema.createIndex('teams_manager').on('teams').columns(['manager_id']).execute();
  await db.schema.createIndex('teams_parent').on('teams').columns(['parent_id']).execute();

  await baseColumns(db.schema.createTable('team_closure'))
    .addColumn('ancestor_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('descendant_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('team_closure_pair').on('team_closure').columns(['ancestor_id', 'descendant_id']).unique().execute();
  await db.schema.createIndex('team_closure_desc').on('team_closure').columns(['descendant_id']).execute();

  await baseColumns(db.schema.createTable('users'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('job_role', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text', (c) => c.references('users.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('calendar_id', 'text', (c) => c.references('calendars.id'))
    .addColumn('cost_rate', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bill_rate', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('weekly_capacity_hours', 'real', (c) => c.notNull().defaultTo(40))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_sign_in_at', 'text')
    .addForeignKeyConstraint('users_org_fk', ['org_id'], 'organisations', ['id'])
    .execute();
  // Email is the sign-in name, so it is unique across organisations (stored lower-cased).
  await db.schema.createIndex('users_email').on('users').column('email').unique().execute();
  await db.schema.createIndex('users_org_name').on('users').columns(['org_id', 'name', 'id']).execute();
  await db.schema.createIndex('users_org_status_name').on('users').columns(['org_id', 'status', 'name', 'id']).execute();
  await db.schema.createIndex('users_team').on('users').columns(['team_id']).execute();
  await db.schema.createIndex('users_manager').on('users').columns(['manager_id']).execute();

  await baseColumns(db.schema.createTable('user_roles'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_roles_user_role').on('user_roles').columns(['user_id', 'role']).unique().execute();
  await db.schema.createIndex('user_roles_org_role').on('user_roles').columns(['org_id', 'role']).execute();

  await baseColumns(db.schema.createTable('user_rates'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('cost_rate', 'bigint', (c) => c.notNull())
    .addColumn('bill_rate', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_rates_user_from').on('user_rates').columns(['user_id', 'effective_from']).unique().execute();

  await baseColumns(db.schema.createTable('sessions'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_token').on('sessions').column('token_hash').unique().execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  await baseColumns(db.schema.createTable('invitations'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .execute();
  await db.schema.createIndex('invitations_token').on('invitations').column('token_hash').unique().execute();
  await db.schema.createIndex('invitations_user').on('invitations').column('user_id').execute();

  await baseColumns(db.schema.createTable('audit_events'), { orgNullable: true })
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('changes', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_org_time').on('audit_events').columns(['org_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('audit_org_entity').on('audit_events').columns(['org_id', 'entity_type', 'entity_id', 'created_at']).execute();
  await db.schema.createIndex('audit_org_actor').on('audit_events').columns(['org_id', 'actor_id', 'created_at']).execute();
  await db.schema.createIndex('audit_org_action').on('audit_events').columns(['org_id', 'action', 'created_at']).execute();

  // Sharing a record with a user beyond what their role's row scope already grants.
  await baseColumns(db.schema.createTable('record_shares'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('access', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_shares_user').on('record_shares').columns(['user_id', 'entity_type', 'entity_id']).unique().execute();
  await db.schema.createIndex('record_shares_entity').on('record_shares').columns(['entity_type', 'entity_id']).execute();

  await baseColumns(db.schema.createTable('mail_outbox'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_org_time').on('mail_outbox').columns(['org_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
