import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import type { Actor } from './policy.js';

/**
 * How much of a resource's rows an actor sees (DOMAIN.md, "Row scope"):
 *  - own:  rows they own, or that are shared with them;
 *  - team: own, plus rows owned by anyone in a team tree they manage;
 *  - all:  every row of their organisation.
 */
export type RowScope = 'own' | 'team' | 'all';

export interface ScopeColumns {
  /** e.g. 'opportunities.owner_id' */
  owner: string;
  /** e.g. 'opportunities.id' with the entity type used in record_shares */
  shared?: { id: string; entityType: string };
  /** e.g. 'opportunities.org_id' */
  org: string;
}

/**
 * A condition for a list query's WHERE, so that scope is applied inside the SQL and
 * pagination stays correct (never fetch then filter in JavaScript).
 */
export function visibleRows<T extends keyof DB>(eb: ExpressionBuilder<any, any>, actor: Actor, scope: RowScope, cols: ScopeColumns): Expression<SqlBool> {
  const inOrg = eb(sql.ref(cols.org), '=', actor.orgId);
  if (scope === 'all') return inOrg;
  const ors: Expression<SqlBool>[] = [eb(sql.ref(cols.owner), '=', actor.id)];
  if (cols.shared) {
    ors.push(
      eb(
        sql.ref(cols.shared.id),
        'in',
        eb.selectFrom('record_shares as rs').select('rs.entity_id').where('rs.user_id', '=', actor.id).where('rs.entity_type', '=', cols.shared.entityType),
      ),
    );
  }
  if (scope === 'team') ors.push(eb(sql.ref(cols.owner), 'in', teamTreeMemberIds(eb, actor)));
  return eb.and([inOrg, eb.or(ors)]);
}

/**
 * Ids of the users in every team (and its sub-teams) that the actor manages: a subquery for a WHERE
 * (given the expression builder), or a query of its own (given the database).
 */
export function teamTreeMemberIds(eb: ExpressionBuilder<any, any> | Executor, actor: Pick<Actor, 'id' | 'orgId'>) {
  return (eb as ExpressionBuilder<any, any>)
    .selectFrom('users as tu')
    .innerJoin('team_closure as tc', 'tc.descendant_id', 'tu.team_id')
    .innerJoin('teams as tm', 'tm.id', 'tc.ancestor_id')
    .select('tu.id')
    .where('tm.manager_id', '=', actor.id)
    .where('tm.org_id', '=', actor.orgId);
}
