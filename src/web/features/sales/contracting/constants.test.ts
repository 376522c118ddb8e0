import { describe, expect, it } from 'vitest';
import { CONTRACT_STATUSES, PRODUCT_KINDS } from '../../../../contracts/contracting.js';
import { CONTRACT_STATUS_LIST, PRODUCT_KIND_LIST } from './constants.js';

describe('contracting value lists of the web app', () => {
  it('match the contracts', () => {
    expect(CONTRACT_STATUS_LIST).toEqual(CONTRACT_STATUSES);
    expect(PRODUCT_KIND_LIST).toEqual(PRODUCT_KINDS);
  });
});
