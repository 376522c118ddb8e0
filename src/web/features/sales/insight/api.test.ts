import { describe, expect, it } from 'vitest';
import { currentPeriod, opportunitiesLink, periodEnd, periodLabel, shiftPeriod } from './api.js';

describe('insight periods on the client', () => {
  it('finds, shifts, ends and labels periods', () => {
    expect(currentPeriod('quarter', new Date(2026, 10, 27))).toEqual({ kind: 'quarter', start: '2026-10-01' });
    expect(currentPeriod('month', new Date(2026, 10, 27))).toEqual({ kind: 'month', start: '2026-11-01' });
    expect(shiftPeriod({ kind: 'quarter', start: '2026-10-01' }, 1)).toEqual({ kind: 'quarter', start: '2027-01-01' });
    expect(shiftPeriod({ kind: 'month', start: '2026-01-01' }, -1)).toEqual({ kind: 'month', start: '2025-12-01' });
    expect(periodEnd({ kind: 'quarter', start: '2026-10-01' })).toBe('2026-12-31');
    expect(periodEnd({ kind: 'month', start: '2028-02-01' })).toBe('2028-02-29');
    expect(periodLabel({ kind: 'quarter', start: '2026-10-01' })).toBe('2026-Q4');
    expect(opportunitiesLink({ ownerId: 'u1', status: 'won', stageId: undefined })).toBe('/sales/opportunities?ownerId=u1&status=won');
  });
});
