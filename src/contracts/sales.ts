import { z } from 'zod';

/** Requests and responses of the sales core: settings, exchange rates, segments, competitors, shares. */
export const _salesPlaceholder = z.never().optional();
