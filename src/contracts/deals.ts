import { z } from 'zod';

/** Requests and responses of the pipelines, stages, opportunities, board, saved views. */
export const _dealsPlaceholder = z.never().optional();
