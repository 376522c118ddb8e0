import { z } from 'zod';

/** Requests and responses of the CSV import and CSV/XLSX export of sales lists. */
export const _importsPlaceholder = z.never().optional();
