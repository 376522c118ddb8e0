/** Wire types of the workload API, inferred from the shared zod contracts (types only). */
import type { z } from 'zod';
import type { WorkloadCellItem as CellItemSchema, WorkloadCellResponse as CellSchema, WorkloadPerson as PersonSchema, WorkloadResponse as ResponseSchema, WorkloadWeek as WeekSchema } from '../../../../contracts/workload.js';

export type WorkloadWeek = z.infer<typeof WeekSchema>;
export type WorkloadPerson = z.infer<typeof PersonSchema>;
export type WorkloadPage = z.infer<typeof ResponseSchema>;
export type WorkloadCell = z.infer<typeof CellSchema>;
export type WorkloadCellItem = z.infer<typeof CellItemSchema>;
