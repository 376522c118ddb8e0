import type { Kysely } from 'kysely';
import { periodContaining, type PeriodKind } from '../../../domain/forecast/period.js';
import type { DB } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import * as frepo from './forecast.repository.js';
import { snapshotOrg } from './forecast.service.js';

const KINDS: PeriodKind[] = ['month', 'quarter', 'year'];

/**
 * The sweep (the lead wires its timer): for every organisation with sales, and for the current
 * month, quarter and year (UTC), takes the forecast snapshot of every rep once, at or after the
 * period's start. Whoever already has a snapshot taken since the start (the sweep's, or one a
 * manager took for their team) is left alone, so the sweep may run as often as it likes. Returns how many snapshot rows it wrote.
 */
export async function takeForecastSnapshots(db: Kysely<DB>, clock: Clock): Promise<number> {
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  let written = 0;
  for (const orgId of await frepo.salesOrgIds(db)) {
    for (const kind of KINDS) {
      const period = periodContaining(kind, today);
      written += await inTransaction(db, async (trx) => {
        const n = await snapshotOrg(trx, orgId, period, now, { onlyMissing: true });
        if (!n) return 0;
        await recordAudit(trx, { orgId, actorId: null, action: 'snapshot', entityType: 'forecast', entityId: null, changes: { period: [null, `${kind}:${period.start}`], users: [null, n] }, at: now });
        return n;
      });
    }
  }
  return written;
}
