import type { ReactNode } from 'react';
import type { Account } from './types.js';

/**
 * The tabs of the account page beyond crm's own (overview, contacts, opportunities, activities):
 * other areas add theirs here (contracts, satisfaction, feedback), e.g.
 *   accountTabs.push({ key: 'contracts', order: 50, label: (t) => t('contracting.tab'), render: (a) => <AccountContracts accountId={a.id} /> })
 * `order` places a tab among crm's own (overview 10, contacts 20, opportunities 30, activities 40).
 */
export interface AccountTab {
  key: string;
  order: number;
  label: (t: (key: string) => string) => ReactNode;
  render: (account: Account) => ReactNode;
}

export const accountTabs: AccountTab[] = [];
