import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The sales core: settings, exchange rates, segments, competitors, shares routes (under /api/v1). */
export const salesCoreRoutes: FastifyPluginAsyncZod = async (_app) => {};
