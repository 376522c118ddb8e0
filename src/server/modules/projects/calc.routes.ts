import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../../contracts/common.js';
import { EarnedValueRequest, EarnedValueResponse, ScheduleRequest, ScheduleResponse } from '../../../contracts/schedule.js';
import { calculateSchedule } from '../../../domain/schedule/index.js';
import { earnedValue } from '../../../domain/evm/earned-value.js';
import { ctxOf } from '../../http/request-context.js';
import { todayFor } from './project.service.js';
import { scheduleError } from './schedule.service.js';

/** Pure calculators for what-if use and integrations (signed-in users). */
export const calcRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/calc/schedule',
    {
      // 100,000 tasks with 200,000 links is some 15 MB of JSON.
      bodyLimit: 64 * 1024 * 1024,
      schema: { tags: ['calculators'], summary: 'Critical path over FS/SS/FF/SF links with lags on a working calendar', body: ScheduleRequest, response: { 200: ScheduleResponse, 400: ErrorResponse, 422: ErrorResponse } },
    },
    async (req) => {
      const ctx = ctxOf(req);
      try {
        return calculateSchedule(req.body, todayFor(ctx));
      } catch (err) {
        throw scheduleError(err);
      }
    },
  );
  app.post('/calc/earned-value', { schema: { tags: ['calculators'], summary: 'Earned value figures at full precision', body: EarnedValueRequest, response: { 200: EarnedValueResponse } } }, async (req) => {
    ctxOf(req);
    return earnedValue(req.body);
  });
};
