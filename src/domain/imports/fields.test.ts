import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mappingProblems, parseDate, parseMoney, readRow, suggestMapping } from './fields.js';

describe('import fields', () => {
  it('maps English and Chinese headers to fields, each field once', () => {
    expect(suggestMapping('contacts', ['客户名称', '姓名', 'E-mail', 'Job Title', 'Email', 'Notes'])).toEqual(['account', 'name', 'email', 'title', null, null]);
    expect(suggestMapping('opportunities', ['Deal name', 'Customer', 'Amount', 'Expected close date', '阶段'])).toEqual(['name', 'account', 'amount', 'closeDate', 'stage']);
  });

  it('names what a mapping lacks or repeats', () => {
    expect(mappingProblems('contacts', ['name', null])).toEqual(['No column is mapped to the required field "account".']);
    expect(mappingProblems('contacts', ['account', 'name', 'name', 'shoe size'])).toEqual(['"name" is mapped from more than one column.', '"shoe size" is not a field of contacts.']);
    expect(mappingProblems('accounts', ['name'])).toEqual([]);
  });

  it('reads money as spreadsheets write it, in minor units', () => {
    expect(parseMoney('1,234.5')).toBe(123450);
    expect(parseMoney('¥ 3000')).toBe(300000);
    expect(parseMoney('12 000.07')).toBe(1200007);
    expect(parseMoney('-5')).toBe(-500);
    expect(parseMoney('abc')).toBeNull();
    expect(parseMoney('1.234')).toBeNull();
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (minor) => parseMoney(`${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`) === minor));
  });

  it('reads real dates only', () => {
    expect(parseDate('2026-03-02')).toBe('2026-03-02');
    expect(parseDate('2026/3/2')).toBe('2026-03-02');
    expect(parseDate('2026年3月2日')).toBe('2026-03-02');
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('next week')).toBeNull();
    expect(parseDate('02/03/2026')).toBeNull();
  });

  it('reads a row, or lists every problem of it', () => {
    const mapping = ['name', 'account', 'amount', 'closeDate', 'probability'];
    expect(readRow('opportunities', mapping, ['Big deal', 'ACME', '1,000', '2026-06-30', '40%'])).toEqual({ record: { name: 'Big deal', account: 'ACME', amount: 100000, closeDate: '2026-06-30', probability: 40 } });
    expect(readRow('opportunities', mapping, ['', 'ACME', '-3', 'soon', '140'])).toEqual({
      problems: [
        { field: 'name', reason: 'name is required.' },
        { field: 'amount', reason: 'amount may not be negative.' },
        { field: 'closeDate', reason: 'closeDate "soon" is not a date (use 2026-03-31).' },
        { field: 'probability', reason: 'probability "140" is not a percentage from 0 to 100.' },
      ],
    });
    expect(readRow('accounts', ['name', 'status', 'size'], ['华为', '客户', 'huge'])).toEqual({ problems: [{ field: 'size', reason: 'size "huge" is not one of small, medium, large, enterprise.' }] });
    expect(readRow('contacts', ['account', 'name', 'email'], ['ACME', 'Ann', 'ann@'])).toEqual({ problems: [{ field: 'email', reason: '"ann@" is not an email address.' }] });
  });
});
