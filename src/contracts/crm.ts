import { z } from 'zod';

/** Requests and responses of the accounts, contacts, leads, activities, my day, relationship upkeep. */
export const _crmPlaceholder = z.never().optional();
