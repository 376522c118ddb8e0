/** Kysely row types of this sales area's tables (see migrations/20261128300000_sales_contracts.ts). */
interface Row {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export type ProductKind = 'service_hours' | 'fixed_deliverable' | 'licence';
export type QuoteStatus = 'draft' | 'pending_approval' | 'approved' | 'sent' | 'accepted' | 'rejected' | 'superseded';
export type ContractStatus = 'draft' | 'negotiating' | 'awaiting_signature' | 'signed' | 'active' | 'completed' | 'terminated';
export type OrderStatus = 'open' | 'fulfilled' | 'cancelled';
export type SurveyKind = 'csat' | 'nps';

export interface ProductTable extends Row {
  code: string;
  name: string;
  kind: ProductKind;
  unit: string;
  list_price: number;
  currency: string;
  estimated_unit_cost: number;
  active: 0 | 1;
}

export interface QuoteTable extends Row {
  opportunity_id: string;
  number: string;
  /** the quote's version number (1, 2, …); `version` is the row's concurrency counter */
  quote_version: number;
  status: QuoteStatus;
  valid_until: string | null;
  currency: string;
  list_total: number;
  net_total: number;
  cost_total: number;
  margin: number | null;
  max_discount_percent: number;
  approved_by: string | null;
  approved_at: string | null;
  approval_note: string | null;
  sent_at: string | null;
  decided_at: string | null;
}

export interface QuoteLineTable extends Row {
  quote_id: string;
  position: number;
  product_id: string | null;
  description: string;
  quantity: number;
  unit: string;
  unit_price: number;
  discount_percent: number;
  estimated_unit_cost: number;
  net_amount: number;
}

export interface ContractTable extends Row {
  account_id: string;
  opportunity_id: string | null;
  quote_id: string | null;
  owner_id: string;
  number: string;
  title: string;
  value: number;
  currency: string;
  value_base: number;
  status: ContractStatus;
  customer_signed_on: string | null;
  company_signed_on: string | null;
  signed_on: string | null;
  start_date: string | null;
  end_date: string | null;
  renewal_date: string | null;
  renewal_reminded_for: string | null;
}

export interface ContractRoundTable extends Row {
  contract_id: string;
  round: number;
  date: string;
  summary: string;
  reason: string;
  value_before: number;
  value_after: number;
  by_id: string;
}

export interface OrderTable extends Row {
  contract_id: string;
  number: string;
  value: number;
  currency: string;
  status: OrderStatus;
}

export interface OrderLineTable extends Row {
  order_id: string;
  position: number;
  product_id: string | null;
  description: string;
  quantity: number;
  unit: string;
  unit_price: number;
  discount_percent: number;
  estimated_unit_cost: number;
  net_amount: number;
}

export interface BillingMilestoneTable extends Row {
  order_id: string;
  position: number;
  name: string;
  amount: number;
  due_date: string;
  invoiced_on: string | null;
  paid_on: string | null;
}

export interface SurveyTable extends Row {
  kind: SurveyKind;
  account_id: string;
  contract_id: string | null;
  project_id: string | null;
  sent_to_email: string;
  token_hash: string;
  sent_by: string;
  sent_at: string;
  expires_at: string;
  answered_at: string | null;
  csat: number | null;
  nps: number | null;
  comment: string | null;
}

export interface SalesContractsTables {
  products: ProductTable;
  quotes: QuoteTable;
  quote_lines: QuoteLineTable;
  contracts: ContractTable;
  contract_rounds: ContractRoundTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  billing_milestones: BillingMilestoneTable;
  surveys: SurveyTable;
}
