import type { CONTRACT_STATUSES as ServerContractStatuses, PRODUCT_KINDS as ServerProductKinds } from '../../../../contracts/contracting.js';

// The value lists the pages offer, kept here rather than imported from the contracts at run time:
// importing a contracts module builds its zod schemas in the page, before zod's no-eval setting
// (lib/zod-setup.ts) applies, which the app's CSP reports. constants.test.ts keeps them equal.
export const CONTRACT_STATUS_LIST: readonly (typeof ServerContractStatuses)[number][] = ['draft', 'negotiating', 'awaiting_signature', 'signed', 'active', 'completed', 'terminated'];
export const PRODUCT_KIND_LIST: readonly (typeof ServerProductKinds)[number][] = ['service_hours', 'fixed_deliverable', 'licence'];
