import { z } from 'zod';
import { Abilities, Id, Instant, IsoDate, PageQuery, Version, pageOf } from './common.js';

/** Requests and responses of the accounts, contacts, leads, activities, my day, relationship upkeep. */

export const ACCOUNT_STATUSES = ['prospect', 'customer', 'former'] as const;
export const ACCOUNT_SIZES = ['small', 'medium', 'large', 'enterprise'] as const;
export const BUYING_ROLES = ['decision_maker', 'influencer', 'user', 'gatekeeper'] as const;
export const LEAD_STATUSES = ['new', 'working', 'qualified', 'disqualified'] as const;
export const ACTIVITY_KINDS = ['call', 'meeting', 'email', 'note', 'task'] as const;
export const ACTIVITY_PARENTS = ['account', 'contact', 'lead', 'opportunity'] as const;

export const AccountStatus = z.enum(ACCOUNT_STATUSES);
export const AccountSize = z.enum(ACCOUNT_SIZES);
export const BuyingRole = z.enum(BUYING_ROLES);
export const LeadStatus = z.enum(LEAD_STATUSES);
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export const ActivityParentType = z.enum(ACTIVITY_PARENTS);

const text = (max: number) => z.string().max(max);
const optText = (max: number) => z.string().trim().max(max).nullable();
/** Minor units (cents, fen): a whole number, never negative. */
export const MinorAmount = z.number({ error: 'An amount in minor units (a whole number).' }).int('A whole number of minor units.').min(0, 'Not negative.').max(Number.MAX_SAFE_INTEGER);
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'A three-letter ISO currency code, e.g. CNY.');
export const CadenceDays = z.number().int().min(1, 'At least one day.').max(3650);

// ---- accounts ----

export const AccountResponse = z.object({
  id: Id,
  name: z.string(),
  industry: z.string().nullable(),
  segmentId: Id.nullable(),
  size: AccountSize.nullable(),
  region: z.string().nullable(),
  website: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string(),
  notes: z.string(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  status: AccountStatus,
  cadenceDays: z.number().int().nullable(),
  lastActivityAt: z.string().nullable(),
  nextContactDue: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type AccountResponse = z.infer<typeof AccountResponse>;

const AccountFields = {
  name: z.string().trim().min(1).max(300),
  industry: optText(100),
  segmentId: Id.nullable(),
  size: AccountSize.nullable(),
  region: optText(100),
  website: optText(500),
  phone: optText(50),
  address: text(2000),
  notes: text(10_000),
  ownerId: Id,
  status: AccountStatus,
  cadenceDays: CadenceDays.nullable(),
};
export const CreateAccountRequest = z.object({
  ...AccountFields,
  industry: AccountFields.industry.default(null),
  segmentId: AccountFields.segmentId.default(null),
  size: AccountFields.size.default(null),
  region: AccountFields.region.default(null),
  website: AccountFields.website.default(null),
  phone: AccountFields.phone.default(null),
  address: AccountFields.address.default(''),
  notes: AccountFields.notes.default(''),
  ownerId: Id.optional(),
  status: AccountStatus.default('prospect'),
  cadenceDays: AccountFields.cadenceDays.default(null),
  /** Create it even when an account of the same name exists (otherwise 409 listing them). */
  allowDuplicate: z.boolean().default(false),
});
export const UpdateAccountRequest = z.object(AccountFields).partial().extend({ version: Version, allowDuplicate: z.boolean().optional() });

export const ListAccountsQuery = PageQuery.extend({
  ownerId: Id.optional(),
  status: AccountStatus.optional(),
  industry: z.string().max(100).optional(),
  segmentId: Id.optional(),
  region: z.string().max(100).optional(),
  /** part of the name */
  q: z.string().trim().max(200).optional(),
});
export const AccountPage = pageOf(AccountResponse).extend({ abilities: z.object({ create: z.boolean() }) });

/** A possible duplicate of a new account or contact (409 details, conversion dialog). */
export const DuplicateAccount = z.object({ id: Id, name: z.string(), ownerName: z.string().nullable(), status: AccountStatus, sameName: z.boolean() });
export const DuplicateContact = z.object({ id: Id, name: z.string(), email: z.string().nullable(), accountId: Id, accountName: z.string() });

export const OverdueAccountsQuery = PageQuery.extend({ ownerId: Id.optional() });
export const OverdueAccountPage = pageOf(AccountResponse);

/** An opportunity of the account, read-only (the opportunities area owns them). */
export const AccountOpportunity = z.object({
  id: Id,
  name: z.string(),
  stageName: z.string().nullable(),
  status: z.enum(['open', 'won', 'lost']),
  amount: z.number().int(),
  currency: z.string(),
  closeDate: IsoDate,
  ownerId: Id,
  ownerName: z.string().nullable(),
});
export const AccountOpportunityPage = pageOf(AccountOpportunity);

// ---- contacts ----

export const ContactResponse = z.object({
  id: Id,
  accountId: Id,
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  buyingRole: BuyingRole.nullable(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type ContactResponse = z.infer<typeof ContactResponse>;
const ContactFields = {
  name: z.string().trim().min(1).max(200),
  title: optText(200),
  email: z.email('An email address.').max(320).nullable(),
  phone: optText(50),
  buyingRole: BuyingRole.nullable(),
  notes: text(10_000),
};
export const CreateContactRequest = z.object({
  ...ContactFields,
  title: ContactFields.title.default(null),
  email: ContactFields.email.default(null),
  phone: ContactFields.phone.default(null),
  buyingRole: ContactFields.buyingRole.default(null),
  notes: ContactFields.notes.default(''),
  /** Add it even when a contact with this email exists (otherwise 409 with that contact). */
  allowDuplicate: z.boolean().default(false),
});
export const UpdateContactRequest = z.object(ContactFields).partial().extend({ version: Version, allowDuplicate: z.boolean().optional() });
export const ContactPage = pageOf(ContactResponse);

// ---- leads ----

export const LeadResponse = z.object({
  id: Id,
  source: z.string().nullable(),
  campaign: z.string().nullable(),
  company: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  status: LeadStatus,
  budgetAmount: z.number().int().nullable(),
  budgetCurrency: z.string().nullable(),
  authority: z.string(),
  authorityConfirmed: z.boolean(),
  need: z.string(),
  timelineDate: IsoDate.nullable(),
  timelineNote: z.string(),
  disqualifiedReason: z.string().nullable(),
  disqualifiedAt: z.string().nullable(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  convertedAt: z.string().nullable(),
  convertedAccountId: Id.nullable(),
  convertedContactId: Id.nullable(),
  convertedOpportunityId: Id.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type LeadResponse = z.infer<typeof LeadResponse>;
const LeadFields = {
  source: optText(100),
  campaign: optText(200),
  company: z.string().trim().min(1).max(300),
  name: z.string().trim().min(1).max(200),
  title: optText(200),
  email: z.email('An email address.').max(320).nullable(),
  phone: optText(50),
  status: z.enum(['new', 'working'], { error: 'New or working (qualify and disqualify have their own actions).' }),
  budgetAmount: MinorAmount.nullable(),
  budgetCurrency: Currency.nullable(),
  authority: text(2000),
  authorityConfirmed: z.boolean(),
  need: text(10_000),
  timelineDate: IsoDate.nullable(),
  timelineNote: text(2000),
  ownerId: Id,
};
export const CreateLeadRequest = z.object({
  ...LeadFields,
  source: LeadFields.source.default(null),
  campaign: LeadFields.campaign.default(null),
  title: LeadFields.title.default(null),
  email: LeadFields.email.default(null),
  phone: LeadFields.phone.default(null),
  status: LeadFields.status.default('new'),
  budgetAmount: LeadFields.budgetAmount.default(null),
  budgetCurrency: LeadFields.budgetCurrency.default(null),
  authority: LeadFields.authority.default(''),
  authorityConfirmed: z.boolean().default(false),
  need: LeadFields.need.default(''),
  timelineDate: LeadFields.timelineDate.default(null),
  timelineNote: LeadFields.timelineNote.default(''),
  ownerId: Id.optional(),
});
export const UpdateLeadRequest = z.object(LeadFields).partial().extend({ version: Version });
export const ListLeadsQuery = PageQuery.extend({ ownerId: Id.optional(), status: LeadStatus.optional(), q: z.string().trim().max(200).optional() });
export const LeadPage = pageOf(LeadResponse).extend({ abilities: z.object({ create: z.boolean() }) });
export const QualifyLeadRequest = z.object({ version: Version });
export const DisqualifyLeadRequest = z.object({ version: Version, reason: z.string().trim().min(1, 'Say why.').max(2000) });
export const ConvertLeadRequest = z.object({
  version: Version,
  /** link this existing account instead of creating one */
  accountId: Id.optional(),
  /** link this existing contact (of that account) instead of creating one */
  contactId: Id.optional(),
  accountName: z.string().trim().min(1).max(300).optional(),
  opportunityName: z.string().trim().min(1).max(300).optional(),
  /** Create a new account (or contact) even when one of that name (email) exists; otherwise 409 listing them. */
  allowDuplicate: z.boolean().default(false),
});
export const ConvertLeadResponse = z.object({ lead: LeadResponse, accountId: Id, contactId: Id, opportunityId: Id });
export const LeadDuplicatesResponse = z.object({ accounts: z.array(DuplicateAccount), contacts: z.array(DuplicateContact) });

// ---- activities ----

export const ActivityResponse = z.object({
  id: Id,
  kind: ActivityKind,
  subject: z.string(),
  notes: z.string(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  parentType: ActivityParentType,
  parentId: Id,
  parentName: z.string().nullable(),
  accountId: Id.nullable(),
  contactId: Id.nullable(),
  leadId: Id.nullable(),
  opportunityId: Id.nullable(),
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  outcome: z.string().nullable(),
  remindAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type ActivityResponse = z.infer<typeof ActivityResponse>;
export const CreateActivityRequest = z
  .object({
    kind: ActivityKind,
    subject: z.string().trim().min(1).max(300),
    notes: text(10_000).default(''),
    dueAt: Instant.nullable().default(null),
    doneAt: Instant.nullable().default(null),
    outcome: optText(2000).default(null),
    remindAt: Instant.nullable().default(null),
    accountId: Id.optional(),
    contactId: Id.optional(),
    leadId: Id.optional(),
    opportunityId: Id.optional(),
  })
  .refine((v) => [v.accountId, v.contactId, v.leadId, v.opportunityId].filter(Boolean).length === 1, { message: 'Link the activity to exactly one of accountId, contactId, leadId, opportunityId.', path: ['accountId'] });
export const UpdateActivityRequest = z.object({
  version: Version,
  kind: ActivityKind.optional(),
  subject: z.string().trim().min(1).max(300).optional(),
  notes: text(10_000).optional(),
  dueAt: Instant.nullable().optional(),
  doneAt: Instant.nullable().optional(),
  outcome: optText(2000).optional(),
  remindAt: Instant.nullable().optional(),
});
export const ListActivitiesQuery = PageQuery.extend({ accountId: Id.optional(), contactId: Id.optional(), leadId: Id.optional(), opportunityId: Id.optional() }).refine(
  (v) => [v.accountId, v.contactId, v.leadId, v.opportunityId].filter(Boolean).length === 1,
  { message: 'Name exactly one of accountId, contactId, leadId, opportunityId.', path: ['accountId'] },
);
export const ActivityPage = pageOf(ActivityResponse);

/** The signed-in user's follow-ups: open ones by due time, and what was done today. */
export const MyDayResponse = z.object({
  today: IsoDate,
  overdue: z.array(ActivityResponse),
  dueToday: z.array(ActivityResponse),
  upcoming: z.array(ActivityResponse),
  doneToday: z.array(ActivityResponse),
});
export type MyDayResponse = z.infer<typeof MyDayResponse>;
