/** Kysely row types of this sales area's tables (see migrations/20261128*_sales_crm.ts). */

export type LeadStatus = 'new' | 'working' | 'qualified' | 'disqualified';

export interface LeadTable {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
  source: string | null;
  campaign: string | null;
  company: string;
  company_key: string;
  name: string;
  title: string | null;
  email: string | null;
  email_key: string | null;
  phone: string | null;
  status: LeadStatus;
  /** minor units of budget_currency */
  budget_amount: number | null;
  budget_currency: string | null;
  authority: string;
  authority_confirmed: 0 | 1;
  need: string;
  timeline_date: string | null;
  timeline_note: string;
  disqualified_reason: string | null;
  disqualified_at: string | null;
  owner_id: string;
  converted_at: string | null;
  converted_account_id: string | null;
  converted_contact_id: string | null;
  converted_opportunity_id: string | null;
}

export interface SalesCrmTables {
  leads: LeadTable;
}
