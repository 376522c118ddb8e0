import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The quality routes (under /api/v1). */
export const qualityRoutes: FastifyPluginAsyncZod = async () => {};
