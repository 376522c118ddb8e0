import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The CSV import and CSV/XLSX export of sales lists routes (under /api/v1). */
export const importRoutes: FastifyPluginAsyncZod = async (_app) => {};
