import type { Selectable } from 'kysely';
import type { SavedViewTable } from '../../db/tables/sales-deals.js';
import type { Executor } from '../../db/transaction.js';

export type SavedViewRow = Selectable<SavedViewTable>;
export type SavedViewWithUser = SavedViewRow & { user_name: string | null };

const withUser = (db: Executor) => db.selectFrom('saved_views').leftJoin('users as u', 'u.id', 'saved_views.user_id').selectAll('saved_views').select('u.name as user_name');

/** The actor's own views of a list, and the ones others of the organisation shared. */
export function listSavedViews(db: Executor, orgId: string, userId: string, list: string, includeShared: boolean) {
  return withUser(db)
    .where('saved_views.org_id', '=', orgId)
    .where('saved_views.list', '=', list)
    .where((eb) => (includeShared ? eb.or([eb('saved_views.user_id', '=', userId), eb('saved_views.shared', '=', 1)]) : eb('saved_views.user_id', '=', userId)))
    .orderBy('saved_views.name')
    .orderBy('saved_views.id')
    .limit(500)
    .execute();
}

export function findSavedView(db: Executor, orgId: string, id: string): Promise<SavedViewWithUser | undefined> {
  return withUser(db).where('saved_views.org_id', '=', orgId).where('saved_views.id', '=', id).executeTakeFirst();
}

export const insertSavedView = (db: Executor, row: SavedViewRow) => db.insertInto('saved_views').values(row).execute();

export function updateSavedViewIfVersion(db: Executor, id: string, version: number, patch: Partial<SavedViewRow>) {
  return db.updateTable('saved_views').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function deleteSavedViewIfVersion(db: Executor, id: string, version: number) {
  return db.deleteFrom('saved_views').where('id', '=', id).where('version', '=', version).executeTakeFirst();
}
