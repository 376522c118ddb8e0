import { z } from 'zod';

/** Requests and responses of the market insight, quotas, forecast, sales dashboard. */
export const _insightPlaceholder = z.never().optional();
