/** Kysely row types of this sales area's tables (see migrations/20261128200000_sales_deals.ts). */
export interface SavedViewTable {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
  user_id: string;
  /** which list: 'opportunities' (others may follow) */
  list: string;
  name: string;
  /** JSON text of the list's filters */
  filters: string;
  shared: 0 | 1;
}

export interface SalesDealsTables {
  saved_views: SavedViewTable;
}
