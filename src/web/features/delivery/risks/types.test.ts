import { ISSUE_SEVERITIES, ISSUE_STATUSES, RISK_CATEGORIES, RISK_EDITABLE_STATUSES, RISK_RESPONSES, RISK_STATUSES } from '../../../../contracts/risks.js';
import { ISSUE_SEVERITY_LIST, ISSUE_STATUS_LIST, RISK_CATEGORY_LIST, RISK_EDITABLE_STATUS_LIST, RISK_RESPONSE_LIST, RISK_STATUS_LIST } from './types.js';
import en from '../../../i18n/en.json';

describe('risk lists in the web app', () => {
  it('match the contracts', () => {
    expect(RISK_CATEGORY_LIST).toEqual(RISK_CATEGORIES);
    expect(RISK_RESPONSE_LIST).toEqual(RISK_RESPONSES);
    expect(RISK_STATUS_LIST).toEqual(RISK_STATUSES);
    expect(RISK_EDITABLE_STATUS_LIST).toEqual(RISK_EDITABLE_STATUSES);
    expect(ISSUE_SEVERITY_LIST).toEqual(ISSUE_SEVERITIES);
    expect(ISSUE_STATUS_LIST).toEqual(ISSUE_STATUSES);
  });

  it('each have a label', () => {
    expect(Object.keys(en.risks.category)).toEqual([...RISK_CATEGORIES]);
    expect(Object.keys(en.risks.response)).toEqual([...RISK_RESPONSES]);
    expect(Object.keys(en.risks.status)).toEqual([...RISK_STATUSES]);
    expect(Object.keys(en.risks.issues.severity)).toEqual([...ISSUE_SEVERITIES]);
    expect(Object.keys(en.risks.issues.status)).toEqual([...ISSUE_STATUSES]);
  });
});
