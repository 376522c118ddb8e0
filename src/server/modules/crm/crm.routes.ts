import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The accounts, contacts, leads, activities, my day, relationship upkeep routes (under /api/v1). */
export const crmRoutes: FastifyPluginAsyncZod = async (_app) => {};
