import { ATTITUDES, CHANNELS, FREQUENCIES, QUADRANTS } from '../../../../contracts/engagement.js';
import { HEALTHS, REPORT_STATUSES } from '../../../../contracts/reports.js';
import en from '../../../i18n/parts/engagement.en.json';
import zh from '../../../i18n/parts/engagement.zh-CN.json';
import { HEALTH_LIST } from '../reports/api.js';
import { ATTITUDE_LIST, CHANNEL_LIST, FREQUENCY_LIST, QUADRANT_LIST } from './api.js';

describe('engagement lists in the web app', () => {
  it('match the contracts', () => {
    expect(ATTITUDE_LIST).toEqual(ATTITUDES);
    expect(QUADRANT_LIST).toEqual(QUADRANTS);
    expect(CHANNEL_LIST).toEqual(CHANNELS);
    expect(FREQUENCY_LIST).toEqual(FREQUENCIES);
    expect(HEALTH_LIST).toEqual(HEALTHS);
  });

  it('each have a label in both languages', () => {
    for (const m of [en, zh]) {
      expect(Object.keys(m.stakeholders.attitude)).toEqual([...ATTITUDES]);
      expect(Object.keys(m.stakeholders.quadrant)).toEqual([...QUADRANTS]);
      expect(Object.keys(m.comms.channel)).toEqual([...CHANNELS]);
      expect(Object.keys(m.comms.frequency)).toEqual([...FREQUENCIES]);
      expect(Object.keys(m.reports.health)).toEqual([...HEALTHS]);
      expect(Object.keys(m.reports.status)).toEqual([...REPORT_STATUSES]);
    }
  });
});
