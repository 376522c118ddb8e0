import { toQueryString, type QueryValue } from '../../../lib/api.js';

export const EXPORT_LISTS = ['accounts', 'contacts', 'leads', 'opportunities', 'contracts'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

/** The download address of a list with its filters (cursor and limit are the server's business). */
export function exportUrl(list: ExportList, format: 'csv' | 'xlsx', filters: Record<string, QueryValue>): string {
  const { cursor: _c, limit: _l, ...rest } = filters;
  return `/api/v1/exports/${list}${toQueryString({ ...rest, format })}`;
}
