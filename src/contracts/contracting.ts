import { z } from 'zod';
import { Abilities, Id, IsoDate, PageQuery, Version, pageOf } from './common.js';

/** Requests and responses of the products, quotes, contracts, orders, satisfaction surveys. */

export const PRODUCT_KINDS = ['service_hours', 'fixed_deliverable', 'licence'] as const;
export const QUOTE_STATUSES = ['draft', 'pending_approval', 'approved', 'sent', 'accepted', 'rejected', 'superseded'] as const;
export const CONTRACT_STATUSES = ['draft', 'negotiating', 'awaiting_signature', 'signed', 'active', 'completed', 'terminated'] as const;
export const ORDER_STATUSES = ['open', 'fulfilled', 'cancelled'] as const;
export const SURVEY_KINDS = ['csat', 'nps'] as const;

export const ProductKind = z.enum(PRODUCT_KINDS);
export const QuoteStatus = z.enum(QUOTE_STATUSES);
export const ContractStatus = z.enum(CONTRACT_STATUSES);
export const OrderStatus = z.enum(ORDER_STATUSES);
export const SurveyKind = z.enum(SURVEY_KINDS);

/** An amount in minor units: a whole number, not negative. */
export const Money = z.number({ error: 'An amount in minor units (a whole number).' }).int('A whole number of minor units.').min(0, 'Not negative.').max(1e15, 'Too large.');
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'A three-letter ISO currency code.');
export const Percent = z.number({ error: 'A percentage from 0 to 100.' }).min(0, 'At least 0.').max(100, 'At most 100.');

// ---------------------------------------------------------------- products

export const ProductResponse = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: ProductKind,
  unit: z.string(),
  listPrice: z.number().int(),
  currency: z.string(),
  estimatedUnitCost: z.number().int(),
  active: z.boolean(),
  version: Version,
});
export type ProductResponse = z.infer<typeof ProductResponse>;

const ProductFields = {
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(200),
  kind: ProductKind,
  unit: z.string().trim().min(1).max(30),
  listPrice: Money,
  currency: Currency,
  estimatedUnitCost: Money,
  active: z.boolean(),
};
export const CreateProductRequest = z.object({ ...ProductFields, active: ProductFields.active.default(true) });
export const UpdateProductRequest = z.object({ version: Version, ...ProductFields }).partial().required({ version: true });
export const ListProductsQuery = z.object({ active: z.enum(['true', 'false']).optional(), q: z.string().max(100).optional() });
export const ProductList = z.object({ items: z.array(ProductResponse), abilities: Abilities });

// ---------------------------------------------------------------- quotes

export const QuoteLine = z.object({
  id: Id,
  position: z.number().int(),
  productId: Id.nullable(),
  description: z.string(),
  quantity: z.number(),
  unit: z.string(),
  unitPrice: z.number().int(),
  discountPercent: z.number(),
  estimatedUnitCost: z.number().int(),
  netAmount: z.number().int(),
});

export const QuoteResponse = z.object({
  id: Id,
  opportunityId: Id,
  opportunityName: z.string(),
  accountId: Id,
  accountName: z.string(),
  ownerId: Id,
  number: z.string(),
  quoteVersion: z.number().int(),
  status: QuoteStatus,
  validUntil: IsoDate.nullable(),
  currency: z.string(),
  listTotal: z.number().int(),
  netTotal: z.number().int(),
  costTotal: z.number().int(),
  margin: z.number().nullable(),
  maxDiscountPercent: z.number(),
  discountApprovalPercent: z.number(),
  approvedBy: Id.nullable(),
  approvedAt: z.string().nullable(),
  approvalNote: z.string().nullable(),
  sentAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  version: Version,
  lines: z.array(QuoteLine),
  abilities: Abilities,
});
export type QuoteResponse = z.infer<typeof QuoteResponse>;
export const QuoteSummary = QuoteResponse.omit({ lines: true });
export const QuoteList = z.object({ items: z.array(QuoteSummary), abilities: Abilities });

export const CreateQuoteRequest = z.object({
  fromQuoteId: Id.optional(),
  currency: Currency.optional(),
  validUntil: IsoDate.nullable().optional(),
});

export const QuoteLineInput = z.object({
  productId: Id.nullable().optional(),
  description: z.string().trim().min(1).max(500),
  quantity: z.number({ error: 'A quantity (a number).' }).positive('More than 0.').max(1e9),
  unit: z.string().trim().min(1).max(30),
  unitPrice: Money,
  discountPercent: Percent.default(0),
  estimatedUnitCost: Money.default(0),
});
export const ReplaceQuoteLinesRequest = z.object({
  version: Version,
  validUntil: IsoDate.nullable().optional(),
  lines: z.array(QuoteLineInput).max(200),
});
export const QuoteActionRequest = z.object({ version: Version, note: z.string().trim().max(2000).optional() });

// ---------------------------------------------------------------- contracts

export const ContractRound = z.object({
  id: Id,
  round: z.number().int(),
  date: IsoDate,
  summary: z.string(),
  reason: z.string(),
  valueBefore: z.number().int(),
  valueAfter: z.number().int(),
  byId: Id,
  byName: z.string(),
});

export const ContractResponse = z.object({
  id: Id,
  accountId: Id,
  accountName: z.string(),
  opportunityId: Id.nullable(),
  quoteId: Id.nullable(),
  ownerId: Id,
  ownerName: z.string(),
  number: z.string(),
  title: z.string(),
  value: z.number().int(),
  currency: z.string(),
  valueBase: z.number().int(),
  status: ContractStatus,
  customerSignedOn: IsoDate.nullable(),
  companySignedOn: IsoDate.nullable(),
  signedOn: IsoDate.nullable(),
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  renewalDate: IsoDate.nullable(),
  orderId: Id.nullable(),
  createdAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type ContractResponse = z.infer<typeof ContractResponse>;
export const ContractDetail = ContractResponse.extend({ rounds: z.array(ContractRound), nextEvents: z.array(z.string()) });
export type ContractDetail = z.infer<typeof ContractDetail>;
export const ContractPage = pageOf(ContractResponse).extend({ abilities: Abilities });

export const ListContractsQuery = PageQuery.extend({
  status: ContractStatus.optional(),
  ownerId: Id.optional(),
  accountId: Id.optional(),
  signedFrom: IsoDate.optional(),
  signedTo: IsoDate.optional(),
});

const dateOrder = (v: { startDate?: string | null; endDate?: string | null }) => !v.startDate || !v.endDate || v.startDate <= v.endDate;
export const CreateContractRequest = z
  .object({
    opportunityId: Id.optional(),
    quoteId: Id.optional(),
    accountId: Id.optional(),
    number: z.string().trim().min(1).max(40).optional(),
    title: z.string().trim().min(1).max(300),
    value: Money.optional(),
    currency: Currency.optional(),
    startDate: IsoDate.nullable().optional(),
    endDate: IsoDate.nullable().optional(),
    renewalDate: IsoDate.nullable().optional(),
  })
  .refine(dateOrder, { path: ['endDate'], message: 'The end is before the start.' });
export const UpdateContractRequest = z
  .object({
    version: Version,
    title: z.string().trim().min(1).max(300).optional(),
    value: Money.optional(),
    currency: Currency.optional(),
    startDate: IsoDate.nullable().optional(),
    endDate: IsoDate.nullable().optional(),
    renewalDate: IsoDate.nullable().optional(),
  })
  .refine(dateOrder, { path: ['endDate'], message: 'The end is before the start.' });
export const AddRoundRequest = z.object({
  version: Version,
  date: IsoDate,
  summary: z.string().trim().min(1).max(5000),
  reason: z.string().trim().max(5000).default(''),
  valueAfter: Money.optional(),
});
export const SignContractRequest = z.object({ version: Version, side: z.enum(['customer', 'company']), date: IsoDate });
export const ContractActionRequest = z.object({ version: Version, date: IsoDate.optional() });

// ---------------------------------------------------------------- orders

export const OrderLine = QuoteLine;
export const Milestone = z.object({
  id: Id,
  position: z.number().int(),
  name: z.string(),
  amount: z.number().int(),
  dueDate: IsoDate,
  invoicedOn: IsoDate.nullable(),
  paidOn: IsoDate.nullable(),
  version: Version,
});
export const OrderResponse = z.object({
  id: Id,
  contractId: Id,
  number: z.string(),
  value: z.number().int(),
  currency: z.string(),
  status: OrderStatus,
  invoicedTotal: z.number().int(),
  paidTotal: z.number().int(),
  lines: z.array(OrderLine),
  milestones: z.array(Milestone),
  version: Version,
  abilities: Abilities,
});
export type OrderResponse = z.infer<typeof OrderResponse>;
export const CreateOrderRequest = z.object({ version: Version });
export const ReplaceMilestonesRequest = z.object({
  version: Version,
  milestones: z.array(z.object({ name: z.string().trim().min(1).max(200), amount: Money, dueDate: IsoDate })).min(1).max(100),
});
export const MilestoneActionRequest = z.object({ version: Version, date: IsoDate });

// ---------------------------------------------------------------- surveys

export const SurveyResponse = z.object({
  id: Id,
  kind: SurveyKind,
  accountId: Id,
  contractId: Id.nullable(),
  projectId: Id.nullable(),
  sentToEmail: z.string(),
  sentBy: Id,
  sentByName: z.string(),
  sentAt: z.string(),
  expiresAt: z.string(),
  answeredAt: z.string().nullable(),
  csat: z.number().int().nullable(),
  nps: z.number().int().nullable(),
  comment: z.string().nullable(),
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;
export const CreateSurveyRequest = z.object({
  kind: SurveyKind,
  accountId: Id,
  contractId: Id.nullable().optional(),
  projectId: Id.nullable().optional(),
  email: z.email().max(254),
  expiresInDays: z.number().int().min(1).max(365).default(30),
});
/** The link carries the token; it is shown once and never stored. */
export const CreatedSurveyResponse = z.object({ survey: SurveyResponse, token: z.string(), link: z.string() });
export const ListSurveysQuery = PageQuery.extend({ accountId: Id });
export const SurveyPage = pageOf(SurveyResponse).extend({ abilities: Abilities });

export const SurveyToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
export const PublicSurveyResponse = z.object({ kind: SurveyKind, companyName: z.string(), answered: z.boolean() });
export const AnswerSurveyRequest = z.object({
  csat: z.number().int('A whole number.').min(1, 'From 1 to 5.').max(5, 'From 1 to 5.').optional(),
  nps: z.number().int('A whole number.').min(0, 'From 0 to 10.').max(10, 'From 0 to 10.').optional(),
  comment: z.string().trim().max(5000).optional(),
});
