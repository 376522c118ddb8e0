import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { checkCsrf } from './http/csrf.js';
import { errorHandler } from './http/error-handler.js';
import { readSessionToken } from './http/request-context.js';
import { systemClock, type Clock } from './lib/clock.js';
import { AppError } from './lib/errors.js';
import { createMailer, type Mailer } from './lib/mail.js';
import { authenticate } from './modules/auth/auth.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { calendarRoutes } from './modules/calendars/calendar.routes.js';
import { teamRoutes } from './modules/teams/team.routes.js';
import { userRoutes } from './modules/users/user.routes.js';
import { calcRoutes } from './modules/projects/calc.routes.js';
import { projectRoutes } from './modules/projects/project.routes.js';
import { interchangeRoutes } from './modules/interchange/interchange.routes.js';
import { workloadRoutes } from './modules/workload/workload.routes.js';
import { riskRoutes } from './modules/risks/risk.routes.js';
import { timesheetRoutes } from './modules/timesheets/timesheet.routes.js';
import { evmRoutes } from './modules/evm/evm.routes.js';
import { qualityRoutes } from './modules/quality/quality.routes.js';
import { engagementRoutes } from './modules/engagement/engagement.routes.js';
import { closingRoutes } from './modules/closing/closing.routes.js';
import { salesCoreRoutes } from './modules/sales/sales.routes.js';
import { crmRoutes } from './modules/crm/crm.routes.js';
import { dealsRoutes } from './modules/deals/deals.routes.js';
import { contractingRoutes } from './modules/contracting/contracting.routes.js';
import { insightRoutes } from './modules/insight/insight.routes.js';
import { importRoutes } from './modules/imports/imports.routes.js';
import { sweepCommunicationReminders } from './modules/engagement/reminders.js';
import { sweepRenewalReminders } from './modules/contracting/reminders.js';
import { sweepActivityReminders } from './modules/crm/reminders.js';
import { failInterruptedImports } from './modules/imports/import.service.js';
import { takeForecastSnapshots } from './modules/insight/snapshots.js';

/** The built web app; TANDEM_WEB_DIST points elsewhere (as vite.config.ts does). */
export const WEB_DIST = process.env.TANDEM_WEB_DIST ? path.resolve(process.env.TANDEM_WEB_DIST) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  database: Database;
  config: Config;
  clock?: Clock;
  mailer?: Mailer;
  logger?: boolean | object;
  /** Serve the built web app from dist/web (when it exists). */
  serveWeb?: boolean;
  /** Run the periodic jobs (communication reminders) on a timer; off unless asked (tests build many apps). */
  jobs?: boolean;
}

/** Builds the Fastify instance; never listens, so tests drive it with inject(). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();

  const mailer = opts.mailer ?? createMailer(config.mail.transport, (m) => app.log.info(m, 'mail'));
  app.decorate('services', { db: opts.database.db, dialect: opts.database.dialect, clock: opts.clock ?? systemClock, config, mailer });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its CSS-in-JS into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.publicUrl?.startsWith('https:') ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('rate_limited', 'Too many attempts. Wait a minute and try again.'),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tandem API', version: '1', description: 'Sales and delivery, side by side. Sign in with POST /api/v1/auth/sign-in; the session cookie authenticates every other call.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    checkCsrf(req, config.publicUrl);
    const token = readSessionToken(req);
    if (token) {
      req.sessionToken = token;
      req.actor = await authenticate(app.services, token);
    }
  });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      api.get('/health', { schema: { hide: true } }, async () => ({ ok: true }));
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(teamRoutes);
      await api.register(calendarRoutes);
      await api.register(auditRoutes);
      await api.register(projectRoutes);
      await api.register(calcRoutes);
      await api.register(interchangeRoutes);
      await api.register(workloadRoutes);
      await api.register(riskRoutes);
      await api.register(timesheetRoutes);
      await api.register(evmRoutes);
      await api.register(qualityRoutes);
      await api.register(engagementRoutes);
      await api.register(closingRoutes);
      await api.register(salesCoreRoutes);
      await api.register(crmRoutes);
      await api.register(dealsRoutes);
      await api.register(contractingRoutes);
      await api.register(insightRoutes);
      await api.register(importRoutes);
    },
    { prefix: '/api/v1' },
  );

  if (opts.jobs) {
    // Reminders are idempotent (one per item and due date), so a lost or doubled tick is harmless.
    const sweepOpts = { mailer, baseUrl: config.publicUrl };
    const db = opts.database.db;
    const clock = app.services.clock;
    const jobs_ = [
      ['communication reminders', () => sweepCommunicationReminders(db, clock, sweepOpts)],
      ['follow-up reminders', () => sweepActivityReminders(db, clock, sweepOpts)],
      ['contract renewal reminders', () => sweepRenewalReminders(db, clock, sweepOpts)],
      ['forecast snapshots', () => takeForecastSnapshots(db, clock)],
    ] as const;
    // One after another, and never two rounds at once in this process, however slow one is.
    let sweeping: Promise<void> | null = null;
    const sweep = () => {
      sweeping ??= (async () => {
        for (const [name, run] of jobs_) await run().catch((err) => app.log.error({ err }, `${name} failed`));
      })().finally(() => (sweeping = null));
      return sweeping;
    };
    await failInterruptedImports(app.services).catch((err) => app.log.error({ err }, 'marking interrupted imports failed'));
    // The first round at start-up, without holding up the start.
    void sweep();
    const jobs = setInterval(sweep, 5 * 60_000);
    jobs.unref();
    app.addHook('onClose', async () => {
      clearInterval(jobs);
      await sweeping;
    });
  }

  const hasWeb = opts.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });

  app.setNotFoundHandler((req, reply) => {
    if (hasWeb && req.method === 'GET' && !req.url.startsWith('/api/')) {
      // The web app routes on the client: every unknown page loads it, and it shows its own 404.
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.` } });
  });

  return app;
}
