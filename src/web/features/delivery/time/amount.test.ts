import { describe, expect, it } from 'vitest';
import { parseAmount } from './amount.js';

describe('parseAmount: what a typed expense amount means', () => {
  it('turns major units into integer minor units', () => {
    expect(parseAmount('1280.50')).toEqual({ minor: 128050 });
    expect(parseAmount(' 1,280.5 ')).toEqual({ minor: 128050 });
    expect(parseAmount('0.01')).toEqual({ minor: 1 });
    expect(parseAmount('99')).toEqual({ minor: 9900 });
  });

  it('names what is wrong', () => {
    expect(parseAmount('')).toEqual({ error: 'required' });
    expect(parseAmount('twelve')).toEqual({ error: 'notNumber' });
    expect(parseAmount('12abc')).toEqual({ error: 'notNumber' });
    expect(parseAmount('-5')).toEqual({ error: 'negative' });
    expect(parseAmount('0')).toEqual({ error: 'zero' });
    expect(parseAmount('1.234')).toEqual({ error: 'decimals' });
    expect(parseAmount('1e3')).toEqual({ error: 'notNumber' });
    expect(parseAmount('Infinity')).toEqual({ error: 'notNumber' });
    expect(parseAmount('-')).toEqual({ error: 'notNumber' });
    expect(parseAmount('123456789012')).toEqual({ error: 'decimals' });
  });
});
