import { sql, type Expression, type SqlBool } from 'kysely';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `expr LIKE pattern ESCAPE '\'` with the user's text taken literally (% and _ match only
 * themselves). SQLite has no default escape character, so the ESCAPE clause is needed on both.
 */
export function like(expr: Expression<unknown> | string, text: string, where: 'contains' | 'prefix'): Expression<SqlBool> {
  const pattern = where === 'contains' ? `%${escapeLike(text)}%` : `${escapeLike(text)}%`;
  const target = typeof expr === 'string' ? sql.ref(expr) : expr;
  return sql<SqlBool>`${target} like ${pattern} escape '\\'`;
}
