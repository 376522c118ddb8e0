/**
 * Forecast arithmetic (pure). Amounts are integers in minor units of the organisation's currency.
 *
 * Definitions (for deals whose close date falls in the period):
 *  - closed won: status won;
 *  - commit: open deals in the commit category;
 *  - best case: commit + open deals in the best-case category;
 *  - pipeline: all open deals except those the owner omitted from the forecast;
 *  - weighted: Σ amount × probability / 100 over the pipeline's deals;
 * and, from contracts (DOMAIN.md: booked revenue = value of the contracts signed in the period,
 * credited to their owner):
 *  - booked: Σ value of the owner's contracts signed in the period;
 *  - orders: how many contracts they signed in the period; new customers: the accounts whose first
 *    signed contract is one of those (each measured against its own quota, when there is one);
 *  - attainment = booked ÷ quota (null without a quota);
 *  - gap = quota − booked (negative when over quota; null without a quota);
 *  - coverage = pipeline ÷ gap, the open pipeline per unit of what is still to win (null when the
 *    gap is not positive).
 */
export interface ForecastSums {
  closedWon: number;
  /** value of the contracts signed in the period */
  booked: number;
  /** contracts signed in the period */
  orders: number;
  /** accounts whose first signed contract was signed in the period */
  newCustomers: number;
  commit: number;
  /** open deals in the best-case category only (best case = commit + this) */
  bestCaseOnly: number;
  pipeline: number;
  /** Σ amount × probability (not yet divided by 100, so it stays an exact integer) */
  weightedTimes100: number;
}

export interface ForecastFigures {
  closedWon: number;
  booked: number;
  orders: number;
  ordersQuota: number | null;
  newCustomers: number;
  newCustomersQuota: number | null;
  commit: number;
  bestCase: number;
  pipeline: number;
  weighted: number;
  quota: number | null;
  attainment: number | null;
  gap: number | null;
  coverage: number | null;
}

export const ZERO_SUMS: ForecastSums = { closedWon: 0, booked: 0, orders: 0, newCustomers: 0, commit: 0, bestCaseOnly: 0, pipeline: 0, weightedTimes100: 0 };

export function addSums(a: ForecastSums, b: ForecastSums): ForecastSums {
  return {
    closedWon: a.closedWon + b.closedWon,
    booked: a.booked + b.booked,
    orders: a.orders + b.orders,
    newCustomers: a.newCustomers + b.newCustomers,
    commit: a.commit + b.commit,
    bestCaseOnly: a.bestCaseOnly + b.bestCaseOnly,
    pipeline: a.pipeline + b.pipeline,
    weightedTimes100: a.weightedTimes100 + b.weightedTimes100,
  };
}

const ratio = (n: number, d: number) => Math.round((n / d) * 10_000) / 10_000;

/** The figures shown for one rep or one team from its sums and its quotas (revenue; orders and new customers). */
export function forecastFigures(s: ForecastSums, quota: number | null, counts: { orders: number | null; newCustomers: number | null } = { orders: null, newCustomers: null }): ForecastFigures {
  const gap = quota === null ? null : quota - s.booked;
  return {
    closedWon: s.closedWon,
    booked: s.booked,
    orders: s.orders,
    ordersQuota: counts.orders,
    newCustomers: s.newCustomers,
    newCustomersQuota: counts.newCustomers,
    commit: s.commit,
    bestCase: s.commit + s.bestCaseOnly,
    pipeline: s.pipeline,
    weighted: Math.round(s.weightedTimes100 / 100),
    quota,
    attainment: quota === null || quota <= 0 ? null : ratio(s.booked, quota),
    gap,
    coverage: gap === null || gap <= 0 ? null : ratio(s.pipeline, gap),
  };
}

/** Forecast accuracy: 1 − |commit at period start − booked| ÷ booked; null when nothing was booked. */
export function forecastAccuracy(commitAtStart: number, booked: number): number | null {
  if (booked <= 0) return null;
  return ratio(booked - Math.abs(commitAtStart - booked), booked);
}

/** One deal as the forecast sees it, for the pure reference sum (tests and the SQL's spec). */
export interface ForecastDeal {
  status: 'open' | 'won' | 'lost';
  forecastCategory: 'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted';
  amountBase: number;
  probability: number;
}

/** What the grouped SQL computes over the deals, per owner, written out in JavaScript (booked comes from contracts). */
export function sumDeals(deals: readonly ForecastDeal[]): ForecastSums {
  let s = ZERO_SUMS;
  for (const d of deals) {
    if (d.status === 'won') s = addSums(s, { ...ZERO_SUMS, closedWon: d.amountBase });
    if (d.status !== 'open' || d.forecastCategory === 'omitted') continue;
    s = addSums(s, {
      closedWon: 0,
      booked: 0,
      orders: 0,
      newCustomers: 0,
      commit: d.forecastCategory === 'commit' ? d.amountBase : 0,
      bestCaseOnly: d.forecastCategory === 'best_case' ? d.amountBase : 0,
      pipeline: d.amountBase,
      weightedTimes100: d.amountBase * d.probability,
    });
  }
  return s;
}
