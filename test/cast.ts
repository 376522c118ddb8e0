import { buildOrg, buildUser } from './factories.js';
import { Client, type TestApp } from './setup.js';

/**
 * The people of the delivery access tests: two project managers, the PMO, an executive, two team
 * members, someone on no team, a sales rep — and `foreign`, who holds every delivery role in another
 * organisation (and so must see nothing of this one).
 */
export const DELIVERY_CAST = {
  pm: { roles: ['project_manager'], jobRole: 'project_manager', name: 'PM One' },
  pm2: { roles: ['project_manager'], jobRole: 'project_manager', name: 'PM Two' },
  pmo: { roles: ['pmo'], jobRole: 'project_manager', name: 'PMO' },
  exec: { roles: ['executive'], jobRole: 'executive', name: 'Exec' },
  dev: { roles: ['team_member'], jobRole: 'delivery', name: 'Dev' },
  dev2: { roles: ['team_member'], jobRole: 'delivery', name: 'Dev Two' },
  outsider: { roles: ['team_member'], jobRole: 'delivery', name: 'Not on the team' },
  rep: { roles: ['sales_rep'], name: 'Rep' },
} satisfies Record<string, Parameters<typeof buildUser>[2]>;

export type CastKey = keyof typeof DELIVERY_CAST | 'foreign';

export interface Cast {
  orgId: string;
  /** A signed-in client per person. */
  c: Record<CastKey, Client>;
  id: Record<CastKey, string>;
  /** Their email and password. */
  login: Record<CastKey, { email: string; password: string }>;
}

/** Makes an organisation with the delivery cast (and a foreign one) and signs everyone in. */
export async function signInCast(t: TestApp): Promise<Cast> {
  const db = t.database.db;
  const orgId = (await buildOrg(db)).id;
  const cast = { orgId, c: {}, id: {}, login: {} } as Cast;
  const add = async (key: CastKey, u: { id: string; email: string; password: string }) => {
    cast.id[key] = u.id;
    cast.login[key] = { email: u.email, password: u.password };
    cast.c[key] = await new Client(t.app).signIn(u.email, u.password);
  };
  for (const [key, opts] of Object.entries(DELIVERY_CAST)) await add(key as CastKey, await buildUser(db, orgId, opts));
  const other = await buildOrg(db);
  await add('foreign', await buildUser(db, other.id, { roles: ['pmo', 'project_manager', 'executive'] }));
  return cast;
}
