import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { Dialect } from '../db/database.js';
import type { Clock } from './clock.js';
import type { Mailer } from './mail.js';
import type { Actor } from './policy.js';

/** What every service needs besides its arguments; built once per app. */
export interface Services {
  db: Kysely<DB>;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  mailer: Mailer;
}

/** A request's view: the app's services plus who is asking and from where. */
export interface Ctx extends Services {
  actor: Actor;
  ip: string | null;
  /** Where users reach this server (TANDEM_PUBLIC_URL, else the request's own origin): for links in mail. */
  baseUrl: string;
}

export const nowIso = (s: { clock: Clock }) => s.clock.now().toISOString();
