import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The products, quotes, contracts, orders, satisfaction surveys routes (under /api/v1). */
export const contractingRoutes: FastifyPluginAsyncZod = async (_app) => {};
