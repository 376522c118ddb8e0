/**
 * Quote arithmetic. Amounts are integer minor units; quantities and discounts are real numbers.
 * Only a line's net is rounded (to the minor unit): list and cost totals and the margin keep full
 * precision until the totals are stored, so many small lines do not drift.
 */
export interface QuoteLineInput {
  quantity: number;
  /** minor units */
  unitPrice: number;
  /** 0–100 */
  discountPercent: number;
  /** minor units */
  estimatedUnitCost: number;
}

export interface QuoteTotals {
  /** Σ quantity × unit price, rounded once */
  listTotal: number;
  /** Σ line nets (each rounded) */
  netTotal: number;
  /** Σ quantity × estimated unit cost, rounded once */
  costTotal: number;
  /** (net − cost) / net with the unrounded cost; null while the net is zero */
  margin: number | null;
  /** the largest line discount, in percent */
  maxDiscountPercent: number;
}

/** A line's net: quantity × unit price × (1 − discount), rounded half away from zero to the minor unit. */
export function lineNet(line: Pick<QuoteLineInput, 'quantity' | 'unitPrice' | 'discountPercent'>): number {
  const exact = line.quantity * line.unitPrice * (1 - line.discountPercent / 100);
  return Math.sign(exact) * Math.round(Math.abs(exact) + Number.EPSILON * Math.abs(exact));
}

export function quoteTotals(lines: readonly QuoteLineInput[]): QuoteTotals {
  let list = 0;
  let net = 0;
  let cost = 0;
  let maxDiscount = 0;
  for (const l of lines) {
    list += l.quantity * l.unitPrice;
    net += lineNet(l);
    cost += l.quantity * l.estimatedUnitCost;
    maxDiscount = Math.max(maxDiscount, l.discountPercent);
  }
  return { listTotal: Math.round(list), netTotal: net, costTotal: Math.round(cost), margin: net === 0 ? null : (net - cost) / net, maxDiscountPercent: maxDiscount };
}

/** Whether a quote needs a sales manager's approval: any line's discount above the limit. */
export function needsApproval(lines: readonly Pick<QuoteLineInput, 'discountPercent'>[], limitPercent: number): boolean {
  return lines.some((l) => l.discountPercent > limitPercent);
}
