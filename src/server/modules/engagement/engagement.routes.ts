import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The engagement routes (under /api/v1). */
export const engagementRoutes: FastifyPluginAsyncZod = async () => {};
