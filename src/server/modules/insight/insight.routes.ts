import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The market insight, quotas, forecast, sales dashboard routes (under /api/v1). */
export const insightRoutes: FastifyPluginAsyncZod = async (_app) => {};
