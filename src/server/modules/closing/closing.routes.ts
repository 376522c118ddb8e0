import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The closing routes (under /api/v1). */
export const closingRoutes: FastifyPluginAsyncZod = async () => {};
