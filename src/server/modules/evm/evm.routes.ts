import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id } from '../../../contracts/common.js';
import { EarnedValueQuery, EarnedValueResponse } from '../../../contracts/timesheets.js';
import { ctxOf } from '../../http/request-context.js';
import { getEarnedValue } from './evm.service.js';

const Params = z.object({ id: Id });

export const evmRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/projects/:id/earned-value',
    { schema: { tags: ['delivery'], summary: 'Earned value (BAC, PV, EV, AC and the indices) at a status date, with a weekly S-curve', params: Params, querystring: EarnedValueQuery, response: { 200: EarnedValueResponse, 400: ErrorResponse, 404: ErrorResponse } } },
    (req) => getEarnedValue(ctxOf(req), req.params.id, req.query.statusDate),
  );
};
