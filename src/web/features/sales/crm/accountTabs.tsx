import type { ReactNode } from 'react';
import { AccountContractsPanel } from '../contracting/AccountContractsPanel.js';
import { SurveysPanel } from '../contracting/SurveysPanel.js';
import { SharePanel } from '../SharePanel.js';
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

export const accountTabs: AccountTab[] = [
  { key: 'contracts', order: 50, label: (t) => t('salesAccount.contracts'), render: (a) => <AccountContractsPanel accountId={a.id} /> },
  { key: 'surveys', order: 60, label: (t) => t('salesAccount.surveys'), render: (a) => <SurveysPanel accountId={a.id} /> },
  { key: 'sharing', order: 70, label: (t) => t('salesAccount.sharing'), render: (a) => <SharePanel entity="account" id={a.id} ownerId={a.ownerId} /> },
];
