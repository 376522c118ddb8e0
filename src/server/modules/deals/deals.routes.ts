import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The pipelines, stages, opportunities, board, saved views routes (under /api/v1). */
export const dealsRoutes: FastifyPluginAsyncZod = async (_app) => {};
