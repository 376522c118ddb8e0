import path from 'node:path';
import { z } from 'zod';

/** Every setting Tandem reads from the environment, parsed in one place. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  TANDEM_DATA_DIR: z.string().default('./data'),
  TANDEM_DATABASE_URL: z.string().optional(),
  TANDEM_PUBLIC_URL: z.url().optional(),
  TANDEM_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  TANDEM_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  TANDEM_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  TANDEM_LOCKOUT_THRESHOLD: z.coerce.number().int().positive().default(5),
  TANDEM_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  TANDEM_SIGN_IN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  TANDEM_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  TANDEM_MAIL_TRANSPORT: z.enum(['log', 'none']).default('log'),
  TANDEM_MAIL_FROM: z.string().default('Tandem <no-reply@tandem.local>'),
  TANDEM_DEMO_PASSWORD: z.string().min(8).max(128).optional(),
  TANDEM_DEMO: z.enum(['true', 'false']).default('true'),
  TANDEM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… when set; otherwise the embedded SQLite file in dataDir. */
  databaseUrl: string | undefined;
  sqlitePath: string;
  publicUrl: string | undefined;
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  lockout: { threshold: number; minutes: number };
  signInRatePerMinute: number;
  bodyLimitBytes: number;
  /** log2 of scrypt's N. 17 is OWASP's recommendation; only tests lower it. */
  passwordCost: number;
  mail: { transport: 'log' | 'none'; from: string };
  demo: { enabled: boolean; password: string; passwordFromEnv: boolean };
  logLevel: string;
};

export const DEFAULT_DEMO_PASSWORD = 'tandem-demo';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.TANDEM_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.TANDEM_DATABASE_URL || undefined,
    sqlitePath: path.join(dataDir, 'tandem.db'),
    publicUrl: e.TANDEM_PUBLIC_URL,
    trustProxy: e.TANDEM_TRUST_PROXY === 'true',
    session: { idleMinutes: e.TANDEM_SESSION_IDLE_MINUTES, absoluteHours: e.TANDEM_SESSION_ABSOLUTE_HOURS },
    lockout: { threshold: e.TANDEM_LOCKOUT_THRESHOLD, minutes: e.TANDEM_LOCKOUT_MINUTES },
    signInRatePerMinute: e.TANDEM_SIGN_IN_RATE_PER_MINUTE,
    bodyLimitBytes: e.TANDEM_BODY_LIMIT_BYTES,
    passwordCost: 17,
    mail: { transport: e.TANDEM_MAIL_TRANSPORT, from: e.TANDEM_MAIL_FROM },
    demo: {
      enabled: e.TANDEM_DEMO === 'true',
      password: e.TANDEM_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
      passwordFromEnv: e.TANDEM_DEMO_PASSWORD !== undefined,
    },
    logLevel: e.TANDEM_LOG_LEVEL,
  };
}
