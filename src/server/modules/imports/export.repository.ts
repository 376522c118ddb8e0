import type { Ctx } from '../../lib/context.js';
import { keysetPage } from '../../lib/pagination.js';
import { like } from '../../lib/sql.js';
import { visibleSales } from '../sales/sales.access.js';

/** Contacts of every account the actor may read, by name (the contacts list of the export). */
export async function contactsPage(ctx: Ctx, q: { q?: string; limit: number; cursor?: string }) {
  let query = ctx.db
    .selectFrom('contacts')
    .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
    .select(['contacts.id', 'contacts.name', 'contacts.title', 'contacts.email', 'contacts.phone', 'contacts.buying_role', 'accounts.name as account_name'])
    .where('contacts.org_id', '=', ctx.actor.orgId)
    .where((eb) => visibleSales(eb, ctx.actor, { owner: 'accounts.owner_id', org: 'accounts.org_id', id: 'accounts.id', entity: 'account' }));
  if (q.q) query = query.where(like('contacts.name', q.q, 'contains'));
  const page = await keysetPage(query, { sort: [{ column: 'contacts.name', direction: 'asc' }, { column: 'contacts.id', direction: 'asc' }], page: { limit: q.limit, cursor: q.cursor }, keyOf: (r) => [r.name, r.id] });
  return { items: page.items.map((r) => ({ name: r.name, title: r.title, email: r.email, phone: r.phone, buyingRole: r.buying_role, accountName: r.account_name })), nextCursor: page.nextCursor };
}
