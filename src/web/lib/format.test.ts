import { describe, expect, it } from 'vitest';
import { formatMinor, formatMinorWhole } from './format.js';

describe('money formats', () => {
  it('writes minor units as major units, exactly or rounded to whole units', () => {
    expect(formatMinor(3_330_439_049, 'en')).toBe('33,304,390.49');
    expect(formatMinorWhole(3_330_439_049, 'en')).toBe('33,304,390');
    expect(formatMinorWhole(3_330_439_050, 'zh-CN')).toBe('33,304,391');
    expect(formatMinorWhole(-149, 'en')).toBe('-1');
    expect(formatMinorWhole(null, 'en')).toBe('—');
  });
});
