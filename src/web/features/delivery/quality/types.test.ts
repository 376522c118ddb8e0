import { CHANGE_REQUEST_STATUSES, DEFECT_SEVERITIES, DEFECT_STATUSES, DELIVERABLE_STATUSES, REVIEW_RESULTS } from '../../../../contracts/quality.js';
import { isFixMove, mayEditDeliverableStatus, mayMoveDefect } from '../../../../server/modules/quality/quality.rules.js';
import { CHANGE_REQUEST_STATUS_LIST, DEFECT_MOVES, DEFECT_SEVERITY_LIST, DEFECT_STATUS_LIST, DELIVERABLE_EDIT_MOVES, DELIVERABLE_STATUS_LIST, REVIEW_RESULT_LIST } from './types.js';
import en from '../../../i18n/parts/quality.en.json';

describe('quality lists in the web app', () => {
  it('match the contracts', () => {
    expect(DELIVERABLE_STATUS_LIST).toEqual(DELIVERABLE_STATUSES);
    expect(REVIEW_RESULT_LIST).toEqual(REVIEW_RESULTS);
    expect(DEFECT_SEVERITY_LIST).toEqual(DEFECT_SEVERITIES);
    expect(DEFECT_STATUS_LIST).toEqual(DEFECT_STATUSES);
    expect(CHANGE_REQUEST_STATUS_LIST).toEqual(CHANGE_REQUEST_STATUSES);
  });

  it('offer the same status moves as the server allows', () => {
    for (const from of DEFECT_STATUS_LIST) for (const to of DEFECT_STATUS_LIST) if (from !== to) expect(DEFECT_MOVES[from].includes(to), `${from} → ${to}`).toBe(mayMoveDefect(from, to));
    for (const from of DELIVERABLE_STATUS_LIST) for (const to of DELIVERABLE_STATUS_LIST) if (from !== to) expect(DELIVERABLE_EDIT_MOVES[from].includes(to), `${from} → ${to}`).toBe(mayEditDeliverableStatus(from, to));
    expect(isFixMove('open', 'fixed')).toBe(true);
    expect(isFixMove('fixed', 'verified')).toBe(false);
  });

  it('each have a label', () => {
    expect(Object.keys(en.quality.status)).toEqual([...DELIVERABLE_STATUSES]);
    expect(Object.keys(en.quality.result)).toEqual([...REVIEW_RESULTS]);
    expect(Object.keys(en.quality.severity)).toEqual([...DEFECT_SEVERITIES]);
    expect(Object.keys(en.quality.defectStatus)).toEqual([...DEFECT_STATUSES]);
    expect(Object.keys(en.changes.status)).toEqual([...CHANGE_REQUEST_STATUSES]);
  });
});
