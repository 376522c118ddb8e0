/** Up to 10^11 in major units with at most two decimals: what the API takes as minor units. */
const AMOUNT = /^\d{1,11}(\.\d{1,2})?$/;

/** What a typed amount means: a message key when it is not a valid amount, else minor units. */
export function parseAmount(text: string): { minor: number } | { error: 'required' | 'notNumber' | 'negative' | 'zero' | 'decimals' } {
  const s = text.trim().replace(/[,\s]/g, '');
  if (!s) return { error: 'required' };
  // Digits with an optional point and sign only: no 1e3, 0x10 or Infinity.
  const n = /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
  if (!Number.isFinite(n)) return { error: 'notNumber' };
  if (n < 0) return { error: 'negative' };
  if (n === 0) return { error: 'zero' };
  if (!AMOUNT.test(s)) return { error: 'decimals' };
  return { minor: Math.round(n * 100) };
}
