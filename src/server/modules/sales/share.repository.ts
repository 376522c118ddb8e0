import type { Kysely } from 'kysely';
import type { Executor } from '../../db/transaction.js';

/** The tables of the shareable sales records; each has id, org_id and owner_id. */
const TABLE = { account: 'accounts', lead: 'leads', opportunity: 'opportunities', contract: 'contracts' } as const;
export type ShareableEntity = keyof typeof TABLE;

export function findShareable(db: Executor, entity: ShareableEntity, orgId: string, id: string): Promise<{ id: string; org_id: string; owner_id: string } | undefined> {
  return (db as unknown as Kysely<any>).selectFrom(TABLE[entity]).select(['id', 'org_id', 'owner_id']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listShares(db: Executor, entity: ShareableEntity, id: string) {
  return db
    .selectFrom('record_shares as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 'u.name as user_name', 's.access'])
    .where('s.entity_type', '=', entity)
    .where('s.entity_id', '=', id)
    .orderBy('u.name')
    .limit(500)
    .execute();
}

export function findShare(db: Executor, entity: ShareableEntity, id: string, userId: string) {
  return db.selectFrom('record_shares').selectAll().where('entity_type', '=', entity).where('entity_id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function upsertShare(db: Executor, row: { id: string; org_id: string; entity_type: ShareableEntity; entity_id: string; user_id: string; access: 'read' | 'edit'; at: string }) {
  await db
    .insertInto('record_shares')
    .values({ id: row.id, org_id: row.org_id, entity_type: row.entity_type, entity_id: row.entity_id, user_id: row.user_id, access: row.access, created_at: row.at, updated_at: row.at, version: 1 })
    .onConflict((oc) => oc.columns(['user_id', 'entity_type', 'entity_id']).doUpdateSet({ access: row.access, updated_at: row.at }))
    .execute();
}

export function deleteShare(db: Executor, entity: ShareableEntity, id: string, userId: string) {
  return db.deleteFrom('record_shares').where('entity_type', '=', entity).where('entity_id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function findOrgUser(db: Executor, orgId: string, userId: string) {
  const user = await db.selectFrom('users').select(['id', 'name', 'status']).where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return { ...user, roles: roles.map((r) => r.role) };
}
