import type { Executor } from '../../db/transaction.js';
import { orgCurrency } from './settings.repository.js';
import { validationFailed } from '../../lib/errors.js';

/**
 * Currencies whose minor unit is not a hundredth (ISO 4217 exponent 0 or 3). Amounts are kept and
 * shown in hundredths throughout (DESIGN.md: integer minor units), so these are refused with a clear
 * message rather than converted or displayed a hundred times off.
 */
const NOT_HUNDREDTHS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF', 'BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** Why a currency cannot be used, or null when it can (three letters, minor unit of a hundredth). */
export function currencyProblem(currency: string): string | null {
  if (!/^[A-Z]{3}$/.test(currency)) return `"${currency}" is not a currency code such as CNY or USD.`;
  if (NOT_HUNDREDTHS.has(currency)) return `${currency} does not divide into hundredths; Tandem keeps amounts in hundredths and does not take ${currency} yet.`;
  return null;
}

/**
 * Converts an amount in minor units of `currency` to the organisation's currency at the rate in
 * force on `date` (the latest exchange rate effective on or before it). The organisation's own
 * currency converts 1:1. An unknown currency is a 400 on `path`: nothing is written with a guess.
 */
export async function toBaseAmount(db: Executor, orgId: string, amount: number, currency: string, date: string, path = 'currency'): Promise<number> {
  const problem = currencyProblem(currency);
  if (problem) throw validationFailed([{ path, message: problem }]);
  const rate = await rateToBase(db, orgId, currency, date);
  if (rate === null) throw validationFailed([{ path, message: `No exchange rate for ${currency} on or before ${date}. Add one in the sales settings.` }]);
  return Math.round(amount * rate);
}

/** Units of the organisation's currency per unit of `currency` on `date`, or null if none is known. */
export async function rateToBase(db: Executor, orgId: string, currency: string, date: string): Promise<number | null> {
  if ((await orgCurrency(db, orgId)) === currency) return 1;
  const row = await db
    .selectFrom('exchange_rates')
    .select('rate')
    .where('org_id', '=', orgId)
    .where('currency', '=', currency)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.rate) : null;
}

/** What duplicate detection compares of a company name: case, width, spaces and punctuation folded. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
    .replace(/(inc|ltd|llc|gmbh|co|corp|limited|有限公司|有限责任公司|股份有限公司|公司)$/u, '');
}

export const emailKey = (email: string | null | undefined) => (email ? email.trim().toLowerCase() : null);
