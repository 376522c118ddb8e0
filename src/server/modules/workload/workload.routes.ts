import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../../contracts/common.js';
import { WorkloadCellQuery, WorkloadCellResponse, WorkloadQuery, WorkloadResponse } from '../../../contracts/workload.js';
import { ctxOf } from '../../http/request-context.js';
import * as workload from './workload.service.js';

const tags = ['delivery'];

export const workloadRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/workload',
    {
      schema: {
        tags,
        summary: 'Planned hours per person per ISO week across all projects, against capacity (people keyset-paginated by name)',
        querystring: WorkloadQuery,
        response: { 200: WorkloadResponse, 400: ErrorResponse },
      },
    },
    (req) => workload.getWorkload(ctxOf(req), req.query),
  );
  app.get(
    '/workload/cell',
    {
      schema: {
        tags,
        summary: 'The tasks behind one person’s week, with their hours in it',
        querystring: WorkloadCellQuery,
        response: { 200: WorkloadCellResponse, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    (req) => workload.getWorkloadCell(ctxOf(req), req.query),
  );
};
