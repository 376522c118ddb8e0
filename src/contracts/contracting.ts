import { z } from 'zod';

/** Requests and responses of the products, quotes, contracts, orders, satisfaction surveys. */
export const _contractingPlaceholder = z.never().optional();
