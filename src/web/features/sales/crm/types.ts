/** Wire types of the crm API, inferred from the shared contracts (types only: no zod in the bundle). */
import type { z } from 'zod';
import type {
  AccountOpportunity as AccountOpportunitySchema, AccountPage as AccountPageSchema, AccountResponse, ActivityPage as ActivityPageSchema, ActivityResponse, ContactPage as ContactPageSchema,
  ContactResponse, ConvertLeadRequest, ConvertLeadResponse, CreateAccountRequest, CreateActivityRequest, CreateContactRequest, CreateLeadRequest, DuplicateAccount as DuplicateAccountSchema,
  DuplicateContact as DuplicateContactSchema, LeadDuplicatesResponse, LeadPage as LeadPageSchema, LeadResponse, MyDayResponse, UpdateAccountRequest, UpdateActivityRequest, UpdateContactRequest,
  UpdateLeadRequest,
} from '../../../../contracts/crm.js';

export type Account = z.infer<typeof AccountResponse>;
export type AccountPage = z.infer<typeof AccountPageSchema>;
export type CreateAccount = z.input<typeof CreateAccountRequest>;
export type UpdateAccount = z.input<typeof UpdateAccountRequest>;
export type AccountOpportunity = z.infer<typeof AccountOpportunitySchema>;
export type DuplicateAccount = z.infer<typeof DuplicateAccountSchema>;
export type DuplicateContact = z.infer<typeof DuplicateContactSchema>;
export type Contact = z.infer<typeof ContactResponse>;
export type ContactPage = z.infer<typeof ContactPageSchema>;
export type CreateContact = z.input<typeof CreateContactRequest>;
export type UpdateContact = z.input<typeof UpdateContactRequest>;
export type Lead = z.infer<typeof LeadResponse>;
export type LeadPage = z.infer<typeof LeadPageSchema>;
export type CreateLead = z.input<typeof CreateLeadRequest>;
export type UpdateLead = z.input<typeof UpdateLeadRequest>;
export type ConvertLead = z.input<typeof ConvertLeadRequest>;
export type ConvertedLead = z.infer<typeof ConvertLeadResponse>;
export type LeadDuplicates = z.infer<typeof LeadDuplicatesResponse>;
export type Activity = z.infer<typeof ActivityResponse>;
export type ActivityPage = z.infer<typeof ActivityPageSchema>;
export type CreateActivity = z.input<typeof CreateActivityRequest>;
export type UpdateActivity = z.input<typeof UpdateActivityRequest>;
export type MyDay = z.infer<typeof MyDayResponse>;

export type AccountStatus = Account['status'];
export type AccountSize = NonNullable<Account['size']>;
export type BuyingRole = NonNullable<Contact['buyingRole']>;
export type LeadStatus = Lead['status'];
export type ActivityKind = Activity['kind'];
export type ActivityParentType = Activity['parentType'];

/** The same lists as the contracts, as values (checked against them in types.test.ts). */
export const ACCOUNT_STATUS_LIST: readonly AccountStatus[] = ['prospect', 'customer', 'former'];
export const ACCOUNT_SIZE_LIST: readonly AccountSize[] = ['small', 'medium', 'large', 'enterprise'];
export const BUYING_ROLE_LIST: readonly BuyingRole[] = ['decision_maker', 'influencer', 'user', 'gatekeeper'];
export const LEAD_STATUS_LIST: readonly LeadStatus[] = ['new', 'working', 'qualified', 'disqualified'];
export const ACTIVITY_KIND_LIST: readonly ActivityKind[] = ['call', 'meeting', 'email', 'note', 'task'];
