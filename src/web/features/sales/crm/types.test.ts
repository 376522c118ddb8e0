import { describe, expect, it } from 'vitest';
import { ACCOUNT_SIZES, ACCOUNT_STATUSES, ACTIVITY_KINDS, BUYING_ROLES, LEAD_STATUSES } from '../../../../contracts/crm.js';
import { ACCOUNT_SIZE_LIST, ACCOUNT_STATUS_LIST, ACTIVITY_KIND_LIST, BUYING_ROLE_LIST, LEAD_STATUS_LIST } from './types.js';

describe('crm web lists', () => {
  it('match the contracts', () => {
    expect(ACCOUNT_STATUS_LIST).toEqual(ACCOUNT_STATUSES);
    expect(ACCOUNT_SIZE_LIST).toEqual(ACCOUNT_SIZES);
    expect(BUYING_ROLE_LIST).toEqual(BUYING_ROLES);
    expect(LEAD_STATUS_LIST).toEqual(LEAD_STATUSES);
    expect(ACTIVITY_KIND_LIST).toEqual(ACTIVITY_KINDS);
  });
});
