import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildContact, buildOpportunity, buildPipeline, signInSalesCast, type SalesCast, type SalesCastKey } from '../../../../test/sales-factories.js';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';
import { uuidv7 } from '../../lib/ids.js';
import { sweepActivityReminders } from './reminders.js';

let t: TestApp;
let s: SalesCast;

beforeAll(async () => {
  t = await createTestApp();
  s = await signInSalesCast(t);
});
afterAll(() => t.close());

const db = () => t.database.db;
const count = async (table: 'accounts' | 'contacts' | 'opportunities' | 'opportunity_stage_history' | 'leads' | 'activities' | 'audit_events') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** Who reads a rep's record, and who does not (404). */
const READERS: SalesCastKey[] = ['rep', 'mgr', 'director', 'exec'];
const HIDDEN: SalesCastKey[] = ['rep2', 'rep3', 'mgr2', 'pm', 'foreign'];

async function expectReadMatrix(url: string) {
  for (const k of READERS) expect((await s.c[k].get(url)).statusCode, `${k} reads ${url}`).toBe(200);
  for (const k of HIDDEN) expect((await s.c[k].get(url)).statusCode, `${k} reads ${url}`).toBe(404);
}
/** A write on a rep's record: hidden people get 404, the executive 403 (reads, cannot write). */
async function expectWriteDenied(send: (c: Client) => Promise<{ statusCode: number; body: string }>) {
  for (const k of HIDDEN) expect((await send(s.c[k])).statusCode, `${k} writes`).toBe(404);
  const res = await send(s.c.exec);
  expect(res.statusCode, `exec writes: ${res.body}`).toBe(403);
}

async function newAccount(client: Client, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/accounts', { name: `Acme ${uuidv7().slice(-8)}`, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function newLead(client: Client, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/leads', { company: `Lead Co ${uuidv7().slice(-8)}`, name: 'Li Lei', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
/** A lead ready to convert: created, then qualified (version 2). */
async function qualifiedLead(client: Client, body: Record<string, unknown> = {}) {
  const l = await newLead(client, body);
  const res = await client.post(`/api/v1/leads/${l.id}/qualify`, { version: l.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('crm: accounts', () => {
  it('creates an account owned by the actor, reads it with abilities, and audits it', async () => {
    const a = await newAccount(s.c.rep, { name: 'Globex Ltd', industry: 'energy', region: 'North', cadenceDays: 14 });
    expect(a).toMatchObject({ name: 'Globex Ltd', ownerId: s.id.rep, ownerName: 'Rep One', status: 'prospect', cadenceDays: 14, lastActivityAt: null, version: 1 });
    expect(a.abilities).toEqual({ update: true, delete: true, reassign: true, share: true });
    // Never contacted: due a cadence after it was created.
    expect(a.nextContactDue).toBe(new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString());
    expect((await s.c.rep.get(`/api/v1/accounts/${a.id}`)).json()).toEqual(a);
    expect((await s.c.exec.get(`/api/v1/accounts/${a.id}`)).json().abilities).toEqual({ update: false, delete: false, reassign: false, share: false });
    const audit = await db().selectFrom('audit_events').selectAll().where('entity_id', '=', a.id).execute();
    expect(audit.map((e) => [e.action, e.entity_type])).toEqual([['create', 'account']]);
  });

  it('refuses a duplicate name (409 listing it) unless allowDuplicate', async () => {
    const a = await newAccount(s.c.rep, { name: 'Initech Co.' });
    const dup = await s.c.rep.post('/api/v1/accounts', { name: 'INITECH' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.duplicates).toEqual([expect.objectContaining({ id: a.id, name: 'Initech Co.', sameName: true })]);
    // Another team's rep cannot see it: told that one exists, not which.
    const hidden = await s.c.rep3.post('/api/v1/accounts', { name: 'Initech' });
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().error.details).toEqual({ duplicates: [], hidden: 1 });
    expect((await s.c.rep.post('/api/v1/accounts', { name: 'Initech', allowDuplicate: true })).statusCode).toBe(201);
  });

  it('lets a manager assign an account in their team tree, not outside it; a rep only to themselves', async () => {
    expect((await newAccount(s.c.mgr, { ownerId: s.id.rep2 })).ownerId).toBe(s.id.rep2);
    expect((await newAccount(s.c.director, { ownerId: s.id.rep3 })).ownerId).toBe(s.id.rep3);
    const outside = await s.c.mgr.post('/api/v1/accounts', { name: 'X outside', ownerId: s.id.rep3 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0].path).toBe('ownerId');
    expect((await s.c.rep.post('/api/v1/accounts', { name: 'X rep', ownerId: s.id.rep2 })).statusCode).toBe(400);
    expect((await s.c.exec.post('/api/v1/accounts', { name: 'X exec' })).statusCode).toBe(403);
    expect((await s.c.pm.post('/api/v1/accounts', { name: 'X pm' })).statusCode).toBe(403);
  });

  it('lists what the user may see, filtered and searched by name (literal % and _), by keyset', async () => {
    const mine = [];
    for (const name of ['Zeta 100%', 'Zeta_b', 'Zeta c', 'Zeta d']) mine.push(await newAccount(s.c.rep2, { name, industry: name.endsWith('d') ? 'retail' : 'energy', region: 'West' }));
    await newAccount(s.c.rep3, { name: 'Zeta other team' });
    // Sorted here: the order of punctuation differs between SQLite's and PostgreSQL's collations.
    const names = async (c: Client, q: string) => (await c.get(`/api/v1/accounts?${q}`)).json().items.map((a: { name: string }) => a.name).sort();
    expect(await names(s.c.rep2, 'q=zeta')).toEqual(['Zeta 100%', 'Zeta c', 'Zeta d', 'Zeta_b']);
    expect(await names(s.c.rep2, 'q=%25')).toEqual(['Zeta 100%']);
    expect(await names(s.c.rep2, 'q=a_')).toEqual(['Zeta_b']);
    expect(await names(s.c.rep2, 'q=zeta&industry=retail')).toEqual(['Zeta d']);
    expect(await names(s.c.mgr, 'q=zeta')).toEqual(['Zeta 100%', 'Zeta c', 'Zeta d', 'Zeta_b']);
    expect(await names(s.c.director, 'q=zeta')).toHaveLength(5);
    expect(await names(s.c.exec, 'q=zeta&region=West')).toHaveLength(4);
    expect(await names(s.c.rep, 'q=zeta')).toEqual([]);
    expect(await names(s.c.pm, 'q=zeta')).toEqual([]);
    expect(await names(s.c.foreign, 'q=zeta')).toEqual([]);
    const p1 = (await s.c.rep2.get('/api/v1/accounts?q=zeta&limit=3')).json();
    expect(p1.items).toHaveLength(3);
    const p2 = (await s.c.rep2.get(`/api/v1/accounts?q=zeta&limit=3&cursor=${p1.nextCursor}`)).json();
    expect(p2.items).toHaveLength(1);
    expect([...p1.items, ...p2.items].map((a: { name: string }) => a.name).sort()).toEqual(['Zeta 100%', 'Zeta c', 'Zeta d', 'Zeta_b']);
    expect(p2.nextCursor).toBeNull();
    // A manager's list carries the abilities of each row; the executive's are read-only.
    expect((await s.c.mgr.get('/api/v1/accounts?q=zeta')).json().items[0].abilities.update).toBe(true);
    expect((await s.c.exec.get('/api/v1/accounts?q=zeta')).json().items[0].abilities.update).toBe(false);
    expect((await s.c.rep.get('/api/v1/accounts?cursor=nonsense')).statusCode).toBe(400);
  });

  it('applies the access matrix to read, update, delete and contacts of an account', async () => {
    const a = await newAccount(s.c.rep);
    await expectReadMatrix(`/api/v1/accounts/${a.id}`);
    await expectReadMatrix(`/api/v1/accounts/${a.id}/contacts`);
    await expectReadMatrix(`/api/v1/accounts/${a.id}/opportunities`);
    await expectWriteDenied((c) => c.patch(`/api/v1/accounts/${a.id}`, { version: 1, notes: 'x' }));
    await expectWriteDenied((c) => c.delete(`/api/v1/accounts/${a.id}`, { version: 1 }));
    await expectWriteDenied((c) => c.post(`/api/v1/accounts/${a.id}/contacts`, { name: 'Someone' }));
    const up = await s.c.mgr.patch(`/api/v1/accounts/${a.id}`, { version: 1, notes: 'Managed', cadenceDays: 7 });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ notes: 'Managed', cadenceDays: 7, version: 2 });
    const stale = await s.c.rep.patch(`/api/v1/accounts/${a.id}`, { version: 1, notes: 'stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.version).toBe(2);
    // Handing it over is the owner's or the manager's, and only inside the team tree.
    expect((await s.c.mgr.patch(`/api/v1/accounts/${a.id}`, { version: 2, ownerId: s.id.rep3 })).statusCode).toBe(400);
    expect((await s.c.mgr.patch(`/api/v1/accounts/${a.id}`, { version: 2, ownerId: s.id.rep2 })).json().ownerId).toBe(s.id.rep2);
    expect((await s.c.rep.get(`/api/v1/accounts/${a.id}`)).statusCode).toBe(404);
  });

  it('deletes an account with its contacts, but not one with opportunities (422)', async () => {
    const a = await newAccount(s.c.rep);
    await buildContact(db(), s.orgId, a.id);
    await buildOpportunity(db(), s.orgId, { ownerId: s.id.rep, accountId: a.id, pipeline: s.pipeline });
    expect((await s.c.rep.delete(`/api/v1/accounts/${a.id}`, { version: 1 })).statusCode).toBe(422);
    // Market feedback (like contracts and surveys) keeps the account too, instead of failing on its foreign key.
    const f = await newAccount(s.c.rep);
    const fb = await s.c.rep.post('/api/v1/market-feedback', { accountId: f.id, category: 'price', sentiment: 'negative', text: 'Too dear', source: 'call', recordedOn: '2026-03-01' });
    expect(fb.statusCode, fb.body).toBe(201);
    const refused = await s.c.rep.delete(`/api/v1/accounts/${f.id}`, { version: 1 });
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, 'rule_violated']);
    const b = await newAccount(s.c.rep);
    const bc = await buildContact(db(), s.orgId, b.id);
    await s.c.rep.post('/api/v1/activities', { kind: 'note', subject: 'on the contact', contactId: bc.id });
    expect((await s.c.rep.delete(`/api/v1/accounts/${b.id}`, { version: 9 })).statusCode).toBe(409);
    expect((await s.c.rep.delete(`/api/v1/accounts/${b.id}`, { version: 1 })).statusCode).toBe(204);
    expect((await s.c.rep.get(`/api/v1/accounts/${b.id}`)).statusCode).toBe(404);
    expect(await db().selectFrom('contacts').select('id').where('account_id', '=', b.id).execute()).toEqual([]);
    expect(await db().selectFrom('activities').select('id').where('account_id', '=', b.id).execute()).toEqual([]);
    const opps = (await s.c.mgr.get(`/api/v1/accounts/${a.id}/opportunities`)).json();
    expect(opps.items).toEqual([expect.objectContaining({ stageName: 'Qualification', status: 'open', amount: 10_000_00, ownerName: 'Rep One' })]);
  });

  it('rejects bad input with field paths', async () => {
    const bad = await s.c.rep.post('/api/v1/accounts', { name: '', cadenceDays: -3, status: 'gone' });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'cadenceDays', 'status']));
    expect((await s.c.rep.post('/api/v1/accounts', { name: 'Seg', segmentId: uuidv7() })).json().error.details[0].path).toBe('segmentId');
  });
});

describe('crm: contacts', () => {
  it('adds, edits and deletes contacts through the account, deduplicating emails in the organisation', async () => {
    const a = await newAccount(s.c.rep);
    const res = await s.c.rep.post(`/api/v1/accounts/${a.id}/contacts`, { name: 'Han Meimei', email: 'Han@Example.com', buyingRole: 'decision_maker' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ accountId: a.id, email: 'Han@Example.com', buyingRole: 'decision_maker', abilities: { update: true, delete: true } });
    const dup = await s.c.rep.post(`/api/v1/accounts/${a.id}/contacts`, { name: 'Han again', email: 'HAN@example.COM' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.existing).toMatchObject({ id: c.id, accountId: a.id });
    // Someone who cannot see that account is told it exists, not where.
    const other = await newAccount(s.c.rep3);
    const hidden = await s.c.rep3.post(`/api/v1/accounts/${other.id}/contacts`, { name: 'Han', email: 'han@example.com' });
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().error.details.existing).toBeNull();
    expect((await s.c.rep.get(`/api/v1/accounts/${a.id}/contacts`)).json().items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    await expectWriteDenied((cl) => cl.patch(`/api/v1/contacts/${c.id}`, { version: 1, title: 'CEO' }));
    await expectWriteDenied((cl) => cl.delete(`/api/v1/contacts/${c.id}`, { version: 1 }));
    const up = await s.c.mgr.patch(`/api/v1/contacts/${c.id}`, { version: 1, title: 'CEO' });
    expect(up.json()).toMatchObject({ title: 'CEO', version: 2 });
    expect((await s.c.rep.patch(`/api/v1/contacts/${c.id}`, { version: 1, title: 'x' })).statusCode).toBe(409);
    expect((await s.c.rep.delete(`/api/v1/contacts/${c.id}`, { version: 2 })).statusCode).toBe(204);
    expect((await s.c.rep.post(`/api/v1/accounts/${a.id}/contacts`, { name: 'Bad', email: 'not-an-email' })).statusCode).toBe(400);
  });
});

describe('crm: leads', () => {
  it('captures a lead with its BANT and applies the access matrix', async () => {
    const l = await newLead(s.c.rep, { source: 'web', budgetAmount: 50_000_00, authority: 'Signs up to 1M', authorityConfirmed: true, need: 'New ERP', timelineDate: '2026-06-30' });
    expect(l).toMatchObject({ status: 'new', budgetAmount: 50_000_00, budgetCurrency: 'CNY', authorityConfirmed: true, ownerId: s.id.rep, abilities: { update: true, qualify: true, convert: false } });
    // Only a qualified lead converts.
    const early = await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: 1 });
    expect([early.statusCode, early.json().error.message]).toEqual([422, 'Qualify the lead first (budget, authority, need, timeline), then convert it.']);
    await expectReadMatrix(`/api/v1/leads/${l.id}`);
    await expectReadMatrix(`/api/v1/leads/${l.id}/duplicates`);
    await expectWriteDenied((c) => c.patch(`/api/v1/leads/${l.id}`, { version: 1, need: 'x' }));
    await expectWriteDenied((c) => c.post(`/api/v1/leads/${l.id}/qualify`, { version: 1 }));
    await expectWriteDenied((c) => c.post(`/api/v1/leads/${l.id}/disqualify`, { version: 1, reason: 'no' }));
    await expectWriteDenied((c) => c.post(`/api/v1/leads/${l.id}/convert`, { version: 1 }));
    const up = await s.c.mgr.patch(`/api/v1/leads/${l.id}`, { version: 1, status: 'working' });
    expect(up.json()).toMatchObject({ status: 'working', version: 2 });
    const list = async (c: Client) => (await c.get(`/api/v1/leads?q=${encodeURIComponent(l.company)}`)).json().items.map((x: { id: string }) => x.id);
    expect(await list(s.c.rep)).toEqual([l.id]);
    expect(await list(s.c.mgr)).toEqual([l.id]);
    expect(await list(s.c.exec)).toEqual([l.id]);
    for (const k of HIDDEN) expect(await list(s.c[k])).toEqual([]);
    expect((await s.c.rep.get('/api/v1/leads?status=working')).json().items.map((x: { id: string }) => x.id)).toContain(l.id);
    for (const k of ['exec', 'pm'] as const) expect((await s.c[k].post('/api/v1/leads', { company: 'No', name: 'No' })).statusCode).toBe(403);
    expect((await s.c.foreign.post('/api/v1/leads', { company: 'Theirs', name: 'Theirs' })).statusCode).toBe(201);
    // A manager hands a lead to someone in their team tree, not outside it.
    expect((await s.c.mgr.patch(`/api/v1/leads/${l.id}`, { version: 2, ownerId: s.id.rep3 })).statusCode).toBe(400);
    expect((await s.c.mgr.post('/api/v1/leads', { company: 'For rep2', name: 'X', ownerId: s.id.rep2 })).json().ownerId).toBe(s.id.rep2);
  });

  it('rejects a negative or non-numeric budget and a timeline that is not a date', async () => {
    for (const body of [{ budgetAmount: -1 }, { budgetAmount: 'lots' }, { budgetAmount: 1.5 }, { timelineDate: '2026-02-30x' }, { timelineDate: 'next spring' }, { budgetCurrency: 'yuan' }]) {
      const res = await s.c.rep.post('/api/v1/leads', { company: 'Bad', name: 'Bad', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details[0].path).toBe(Object.keys(body)[0]);
    }
    const l = await newLead(s.c.rep);
    expect((await s.c.rep.patch(`/api/v1/leads/${l.id}`, { version: 1, budgetAmount: -5 })).statusCode).toBe(400);
    expect((await s.c.rep.patch(`/api/v1/leads/${l.id}`, { version: 1, status: 'qualified' })).statusCode).toBe(400);
  });

  it('qualifies and disqualifies (a reason is required); a disqualified lead is not converted (422)', async () => {
    const l = await newLead(s.c.rep);
    expect((await s.c.rep.post(`/api/v1/leads/${l.id}/disqualify`, { version: 1, reason: '  ' })).statusCode).toBe(400);
    const q = await s.c.rep.post(`/api/v1/leads/${l.id}/qualify`, { version: 1 });
    expect(q.json()).toMatchObject({ status: 'qualified', version: 2 });
    expect((await s.c.rep.post(`/api/v1/leads/${l.id}/qualify`, { version: 2 })).statusCode).toBe(422);
    const d = await s.c.rep.post(`/api/v1/leads/${l.id}/disqualify`, { version: 2, reason: 'No budget this year' });
    expect(d.json()).toMatchObject({ status: 'disqualified', disqualifiedReason: 'No budget this year', disqualifiedAt: t.clock.now().toISOString(), abilities: { convert: false, qualify: false } });
    const conv = await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: 3 });
    expect(conv.statusCode).toBe(422);
    expect((await s.c.rep.post(`/api/v1/leads/${l.id}/qualify`, { version: 3 })).statusCode).toBe(422);
    const audit = await db().selectFrom('audit_events').select('action').where('entity_id', '=', l.id).orderBy('created_at').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'qualify', 'disqualify']);
  });

  it('converts in one step: new account + contact + opportunity in the default pipeline, with its first stage history', async () => {
    const l = await qualifiedLead(s.c.rep, { company: 'Umbrella Corp', name: 'Alice', email: 'alice@umbrella.test', budgetAmount: 120_000_00, need: 'Cold storage', timelineDate: '2026-09-30', source: 'fair' });
    const res = await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: l.version });
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out.lead).toMatchObject({ status: 'qualified', convertedAccountId: out.accountId, convertedContactId: out.contactId, convertedOpportunityId: out.opportunityId, abilities: { update: false, convert: false } });
    const account = (await s.c.rep.get(`/api/v1/accounts/${out.accountId}`)).json();
    expect(account).toMatchObject({ name: 'Umbrella Corp', ownerId: s.id.rep, status: 'prospect' });
    const contact = await db().selectFrom('contacts').selectAll().where('id', '=', out.contactId).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ account_id: out.accountId, name: 'Alice', email_key: 'alice@umbrella.test' });
    const opp = await db().selectFrom('opportunities').selectAll().where('id', '=', out.opportunityId).executeTakeFirstOrThrow();
    expect({ ...opp, amount: Number(opp.amount), amount_base: Number(opp.amount_base) }).toMatchObject({
      account_id: out.accountId, contact_id: out.contactId, owner_id: s.id.rep, pipeline_id: s.pipeline.id, stage_id: s.pipeline.stages.prospecting.id, status: 'open',
      amount: 120_000_00, currency: 'CNY', amount_base: 120_000_00, close_date: '2026-09-30', probability: 10, forecast_category: 'pipeline', needs: 'Cold storage', lead_source: 'fair', source_lead_id: l.id,
    });
    const history = await db().selectFrom('opportunity_stage_history').selectAll().where('opportunity_id', '=', out.opportunityId).execute();
    expect(history).toEqual([expect.objectContaining({ from_stage_id: null, to_stage_id: s.pipeline.stages.prospecting.id, changed_by: s.id.rep })]);
    // Converted once: never again, and no more edits.
    expect((await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: out.lead.version })).statusCode).toBe(422);
    expect((await s.c.rep.patch(`/api/v1/leads/${l.id}`, { version: out.lead.version, need: 'x' })).statusCode).toBe(422);
  });

  it('offers visible duplicates and links an existing account and contact; closes 90 days out without a timeline', async () => {
    const acc = await newAccount(s.c.rep, { name: 'Wayne Enterprises Inc.' });
    const ct = (await s.c.rep.post(`/api/v1/accounts/${acc.id}/contacts`, { name: 'Bruce', email: 'bruce@wayne.test' })).json();
    await buildAccount(db(), s.orgId, s.id.rep3, { name: 'Wayne Enterprises' });
    const l = await qualifiedLead(s.c.rep, { company: 'Wayne Enterprises', name: 'Bruce W', email: 'BRUCE@wayne.test' });
    const dups = (await s.c.rep.get(`/api/v1/leads/${l.id}/duplicates`)).json();
    expect(dups.accounts).toEqual([expect.objectContaining({ id: acc.id, sameName: true })]);
    expect(dups.contacts).toEqual([expect.objectContaining({ id: ct.id, accountId: acc.id })]);
    // Creating a new account of that name is refused (409) unless asked for.
    expect((await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: l.version })).statusCode).toBe(409);
    const res = await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: l.version, contactId: ct.id, opportunityName: 'Wayne – Batcave retrofit' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ accountId: acc.id, contactId: ct.id });
    const opp = await db().selectFrom('opportunities').selectAll().where('id', '=', res.json().opportunityId).executeTakeFirstOrThrow();
    expect(opp).toMatchObject({ name: 'Wayne – Batcave retrofit', account_id: acc.id, close_date: '2026-05-31' });
    expect(Number(opp.amount)).toBe(0);
  });

  it('answers 404 when linking an account or contact the user cannot see, and 400 for a contact of another account', async () => {
    const theirs = await buildAccount(db(), s.orgId, s.id.rep3);
    const theirContact = await buildContact(db(), s.orgId, theirs.id);
    const l = await qualifiedLead(s.c.rep);
    expect((await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: l.version, accountId: theirs.id })).statusCode).toBe(404);
    expect((await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: l.version, contactId: theirContact.id })).statusCode).toBe(404);
    const mine = await newAccount(s.c.rep);
    const other = await newAccount(s.c.rep);
    const c = (await s.c.rep.post(`/api/v1/accounts/${other.id}/contacts`, { name: 'Elsewhere' })).json();
    const mismatch = await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: l.version, accountId: mine.id, contactId: c.id });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.details[0].path).toBe('contactId');
    expect((await s.c.rep.get(`/api/v1/leads/${l.id}`)).json()).toMatchObject({ version: l.version, convertedAt: null });
  });

  it('does not add a contact to an account the rep may only read (review)', async () => {
    const theirs = await buildAccount(db(), s.orgId, s.id.rep3, { name: 'Read-only Co' });
    expect((await s.c.rep3.put(`/api/v1/sales-shares/account/${theirs.id}/${s.id.rep}`, { access: 'read' })).statusCode).toBe(200);
    // the shared account is in the rep's list (read-only), and nobody else's of rep3's is
    const listed = (await s.c.rep.get('/api/v1/accounts?limit=200')).json().items as { id: string; ownerId: string; abilities: { update: boolean } }[];
    expect(listed.find((a) => a.id === theirs.id)?.abilities.update).toBe(false);
    expect(listed.filter((a) => a.ownerId === s.id.rep3).map((a) => a.id)).toEqual([theirs.id]);
    const l = await qualifiedLead(s.c.rep, { company: 'Read-only Co', name: 'New Person' });
    const res = await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: l.version, accountId: theirs.id });
    expect(res.statusCode).toBe(403);
    expect(await db().selectFrom('contacts').select('id').where('account_id', '=', theirs.id).execute()).toEqual([]);
  });

  it('leaves nothing behind when the conversion fails half-way (no rate for the budget currency)', async () => {
    const l = await qualifiedLead(s.c.rep, { company: 'Half Way Ltd', name: 'Bob', email: 'bob@halfway.test', budgetAmount: 1000_00, budgetCurrency: 'USD' });
    const before = await Promise.all((['accounts', 'contacts', 'opportunities', 'opportunity_stage_history', 'audit_events'] as const).map(count));
    const res = await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: l.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('budgetCurrency');
    expect(await Promise.all((['accounts', 'contacts', 'opportunities', 'opportunity_stage_history', 'audit_events'] as const).map(count))).toEqual(before);
    expect((await s.c.rep.get(`/api/v1/leads/${l.id}`)).json()).toMatchObject({ version: l.version, status: 'qualified', convertedAt: null });
    // With a rate it converts, at that rate.
    await db().insertInto('exchange_rates').values({ id: uuidv7(), org_id: s.orgId, currency: 'USD', rate: 7.2, effective_from: '2026-01-01', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', version: 1 }).execute();
    const ok = await s.c.rep.post(`/api/v1/leads/${l.id}/convert`, { version: l.version });
    expect(ok.statusCode, ok.body).toBe(201);
    const opp = await db().selectFrom('opportunities').select(['amount', 'amount_base', 'currency']).where('id', '=', ok.json().opportunityId).executeTakeFirstOrThrow();
    expect([Number(opp.amount), Number(opp.amount_base), opp.currency]).toEqual([1000_00, 7200_00, 'USD']);
  });

  it('refuses conversion (422, nothing written) when the organisation has no default pipeline', async () => {
    const org = await buildOrg(db());
    const u = await buildUser(db(), org.id, { roles: ['sales_rep'] });
    const c = await new Client(t.app).signIn(u.email, u.password);
    const l = await qualifiedLead(c);
    const before = await count('accounts');
    expect((await c.post(`/api/v1/leads/${l.id}/convert`, { version: l.version })).statusCode).toBe(422);
    expect(await count('accounts')).toBe(before);
    await buildPipeline(db(), org.id);
    expect((await c.post(`/api/v1/leads/${l.id}/convert`, { version: l.version })).statusCode).toBe(201);
  });
});

describe('crm: an account read by several people', () => {
  it('shows each reader only the deals, and the work on deals, that they may see (review)', async () => {
    const a = await newAccount(s.c.rep);
    // The director opens a deal for rep3 on rep's account; rep may not see rep3's deal.
    const theirs = await buildOpportunity(db(), s.orgId, { ownerId: s.id.rep3, accountId: a.id, pipeline: s.pipeline, name: 'Rep3 private deal' });
    const mine = await buildOpportunity(db(), s.orgId, { ownerId: s.id.rep, accountId: a.id, pipeline: s.pipeline, name: 'Rep own deal' });
    expect((await s.c.rep3.post('/api/v1/activities', { kind: 'note', subject: 'floor price 800k', opportunityId: theirs.id })).statusCode).toBe(201);
    expect((await s.c.rep.post('/api/v1/activities', { kind: 'note', subject: 'about the account', accountId: a.id })).statusCode).toBe(201);
    const deals = async (c: Client) => (await c.get(`/api/v1/accounts/${a.id}/opportunities`)).json().items.map((o: { name: string }) => o.name).sort();
    expect(await deals(s.c.rep)).toEqual([mine.name]);
    expect(await deals(s.c.director)).toEqual([mine.name, theirs.name].sort());
    const timeline = async (c: Client) => (await c.get(`/api/v1/activities?accountId=${a.id}`)).json().items.map((x: { subject: string }) => x.subject).sort();
    expect(await timeline(s.c.rep)).toEqual(['about the account']);
    expect(await timeline(s.c.director)).toEqual(['about the account', 'floor price 800k']);
  });
});

describe('crm: activities, my day, relationship upkeep', () => {
  it('logs activities against an account, contact, lead or opportunity, authorized through the parent', async () => {
    const a = await newAccount(s.c.rep);
    const ct = await buildContact(db(), s.orgId, a.id);
    const opp = await buildOpportunity(db(), s.orgId, { ownerId: s.id.rep, accountId: a.id, pipeline: s.pipeline });
    const l = await newLead(s.c.rep);
    for (const [key, id] of [['accountId', a.id], ['contactId', ct.id], ['leadId', l.id], ['opportunityId', opp.id]] as const) {
      const res = await s.c.rep.post('/api/v1/activities', { kind: 'call', subject: `Call on ${key}`, [key]: id });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ ownerId: s.id.rep, parentType: key.replace('Id', ''), parentId: id, abilities: { update: true } });
      await expectWriteDenied((c) => c.post('/api/v1/activities', { kind: 'note', subject: 'x', [key]: id }));
      await expectReadMatrix(`/api/v1/activities?${key}=${id}`);
      expect((await s.c.mgr.post('/api/v1/activities', { kind: 'note', subject: `Manager note on ${key}`, [key]: id })).statusCode).toBe(201);
    }
    // The account's timeline shows its contacts' and opportunities' activities too.
    const timeline = (await s.c.rep.get(`/api/v1/activities?accountId=${a.id}`)).json().items.map((x: { subject: string }) => x.subject);
    expect(timeline).toEqual(expect.arrayContaining(['Call on accountId', 'Call on contactId', 'Call on opportunityId']));
    expect(timeline).not.toContain('Call on leadId');
    expect((await s.c.rep.get(`/api/v1/activities?opportunityId=${opp.id}`)).json().items.map((x: { parentName: string }) => x.parentName)).toEqual([opp.name, opp.name]);
    // Exactly one parent, and one the user may see.
    expect((await s.c.rep.post('/api/v1/activities', { kind: 'call', subject: 'two', accountId: a.id, leadId: l.id })).statusCode).toBe(400);
    expect((await s.c.rep.post('/api/v1/activities', { kind: 'call', subject: 'none' })).statusCode).toBe(400);
    expect((await s.c.rep.post('/api/v1/activities', { kind: 'call', subject: 'x', accountId: uuidv7() })).statusCode).toBe(404);
    expect((await s.c.rep.post('/api/v1/activities', { kind: 'chat', subject: 'x', accountId: a.id })).statusCode).toBe(400);
    expect((await s.c.rep.post('/api/v1/activities', { kind: 'call', subject: 'x', accountId: a.id, dueAt: 'tomorrow' })).json().error.details[0].path).toBe('dueAt');
    expect((await s.c.rep.get('/api/v1/activities')).statusCode).toBe(400);
  });

  it('updates an activity with its version; a done one moves the account’s last contact and next due date', async () => {
    const a = await newAccount(s.c.rep, { cadenceDays: 10 });
    const planned = (await s.c.rep.post('/api/v1/activities', { kind: 'meeting', subject: 'Kick-off', accountId: a.id, dueAt: '2026-03-03T02:00:00.000Z' })).json();
    expect((await s.c.rep.get(`/api/v1/accounts/${a.id}`)).json().lastActivityAt).toBeNull();
    await expectWriteDenied((c) => c.patch(`/api/v1/activities/${planned.id}`, { version: 1, doneAt: '2026-03-02T08:00:00.000Z' }));
    const done = await s.c.rep.patch(`/api/v1/activities/${planned.id}`, { version: 1, doneAt: '2026-03-02T08:00:00.000Z', outcome: 'Agreed scope' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ doneAt: '2026-03-02T08:00:00.000Z', outcome: 'Agreed scope', version: 2 });
    expect((await s.c.rep.patch(`/api/v1/activities/${planned.id}`, { version: 1, subject: 'stale' })).statusCode).toBe(409);
    const acc = (await s.c.rep.get(`/api/v1/accounts/${a.id}`)).json();
    expect(acc).toMatchObject({ lastActivityAt: '2026-03-02T08:00:00.000Z', nextContactDue: '2026-03-12T08:00:00.000Z', version: 1 });
    // An older done activity never moves the last contact back; without its own cadence the org default counts.
    const b = await newAccount(s.c.rep);
    await db().insertInto('sales_settings').values({ id: uuidv7(), org_id: s.orgId, discount_approval_percent: 15, renewal_notice_days: 60, default_cadence_days: 21, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', version: 1 }).execute();
    const ct = await buildContact(db(), s.orgId, b.id);
    await s.c.rep.post('/api/v1/activities', { kind: 'email', subject: 'Sent deck', contactId: ct.id, doneAt: '2026-03-01T00:00:00.000Z' });
    await s.c.rep.post('/api/v1/activities', { kind: 'email', subject: 'Older', contactId: ct.id, doneAt: '2026-02-01T00:00:00.000Z' });
    expect((await s.c.rep.get(`/api/v1/accounts/${b.id}`)).json()).toMatchObject({ lastActivityAt: '2026-03-01T00:00:00.000Z', nextContactDue: '2026-03-22T00:00:00.000Z' });
    await db().deleteFrom('sales_settings').where('org_id', '=', s.orgId).execute();
    // The manager may change the rep's activity; another rep's own activity on a shared parent stays theirs.
    expect((await s.c.mgr.patch(`/api/v1/activities/${planned.id}`, { version: 2, notes: 'by manager' })).statusCode).toBe(200);
  });

  it('lists overdue accounts the user may see, most overdue first', async () => {
    const old = await buildAccount(db(), s.orgId, s.id.rep2, { name: 'Overdue old', cadenceDays: 30, lastActivityAt: '2025-12-01T00:00:00.000Z' });
    const newer = await buildAccount(db(), s.orgId, s.id.rep2, { name: 'Overdue newer', cadenceDays: 30, lastActivityAt: '2026-01-15T00:00:00.000Z' });
    await buildAccount(db(), s.orgId, s.id.rep2, { name: 'Not yet', cadenceDays: 30, lastActivityAt: '2026-02-25T00:00:00.000Z' });
    const other = await buildAccount(db(), s.orgId, s.id.rep3, { name: 'Overdue other team', cadenceDays: 30, lastActivityAt: '2025-11-01T00:00:00.000Z' });
    const ids = async (c: Client, q = '') => (await c.get(`/api/v1/accounts/overdue-contact?${q}`)).json().items.map((a: { id: string }) => a.id);
    expect(await ids(s.c.rep2)).toEqual([old.id, newer.id]);
    expect(await ids(s.c.mgr)).toEqual([old.id, newer.id]);
    expect(await ids(s.c.director)).toEqual([other.id, old.id, newer.id]);
    expect(await ids(s.c.exec, `ownerId=${s.id.rep2}`)).toEqual([old.id, newer.id]);
    expect(await ids(s.c.rep)).not.toContain(old.id);
    for (const k of ['rep3', 'mgr2', 'pm', 'foreign'] as const) expect(await ids(s.c[k])).not.toContain(old.id);
    const p1 = (await s.c.rep2.get('/api/v1/accounts/overdue-contact?limit=1')).json();
    expect((await s.c.rep2.get(`/api/v1/accounts/overdue-contact?limit=1&cursor=${p1.nextCursor}`)).json().items[0].id).toBe(newer.id);
  });

  it('shows my day in my time zone: overdue, due today, this week, done today', async () => {
    // The clock says 2026-03-02 09:00 UTC (17:00 in Shanghai, the users' zone).
    const u = await buildUser(db(), s.orgId, { roles: ['sales_rep'], name: 'Day Rep' });
    const c = await new Client(t.app).signIn(u.email, u.password);
    await db().updateTable('users').set({ time_zone: 'Asia/Shanghai' }).where('id', '=', u.id).execute();
    const a = await newAccount(c);
    const log = (subject: string, extra: Record<string, unknown>) => c.post('/api/v1/activities', { kind: 'task', subject, accountId: a.id, ...extra });
    await log('overdue', { dueAt: '2026-03-01T15:00:00.000Z' });
    await log('today early', { dueAt: '2026-03-01T16:30:00.000Z' });
    await log('today late', { dueAt: '2026-03-02T15:00:00.000Z' });
    await log('tomorrow', { dueAt: '2026-03-02T16:00:00.000Z' });
    await log('next week', { dueAt: '2026-03-10T00:00:00.000Z' });
    await log('done today', { doneAt: '2026-03-02T08:00:00.000Z' });
    await log('done yesterday', { doneAt: '2026-03-01T10:00:00.000Z' });
    await log('done tomorrow (typed ahead)', { doneAt: '2026-03-02T16:30:00.000Z' });
    await log('no due date', {});
    await s.c.rep.post('/api/v1/activities', { kind: 'task', subject: 'someone else', accountId: (await newAccount(s.c.rep)).id, dueAt: '2026-03-02T10:00:00.000Z' });
    const day = (await c.get('/api/v1/me/day')).json();
    const subjects = (xs: { subject: string }[]) => xs.map((x) => x.subject);
    expect(day.today).toBe('2026-03-02');
    expect(subjects(day.overdue)).toEqual(['overdue']);
    expect(subjects(day.dueToday)).toEqual(['today early', 'today late']);
    expect(subjects(day.upcoming)).toEqual(['tomorrow']);
    expect(subjects(day.doneToday)).toEqual(['done today']);
    const pm = (await s.c.pm.get('/api/v1/me/day')).json();
    expect(pm.overdue).toEqual([]);
  });

  it('reminds the owner once per activity when its reminder time comes', async () => {
    const a = await newAccount(s.c.rep2);
    const soon = (await s.c.rep2.post('/api/v1/activities', { kind: 'call', subject: 'Call back Zhang', accountId: a.id, dueAt: '2026-03-03T02:00:00.000Z', remindAt: '2026-03-02T10:00:00.000Z' })).json();
    await s.c.rep2.post('/api/v1/activities', { kind: 'call', subject: 'Done already', accountId: a.id, doneAt: '2026-03-02T08:00:00.000Z', remindAt: '2026-03-02T08:00:00.000Z' });
    const notes = () => db().selectFrom('notifications').selectAll().where('user_id', '=', s.id.rep2).where('kind', '=', 'activity_reminder').execute();
    expect(soon.remindAt).toBe('2026-03-02T10:00:00.000Z');
    expect(await sweepActivityReminders(db(), t.clock, { baseUrl: 'https://tandem.test' })).toBe(0);
    t.clock.set('2026-03-02T10:00:00.000Z');
    try {
      expect(await sweepActivityReminders(db(), t.clock, { baseUrl: 'https://tandem.test' })).toBe(1);
      expect(await sweepActivityReminders(db(), t.clock)).toBe(0);
      const got = await notes();
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ link: `/sales/accounts/${a.id}` });
      expect(got[0]!.title).toContain('Call back Zhang');
      // A new reminder time reminds again.
      const cur = (await s.c.rep2.get(`/api/v1/activities?accountId=${a.id}`)).json().items.find((x: { id: string }) => x.id === soon.id);
      await s.c.rep2.patch(`/api/v1/activities/${soon.id}`, { version: cur.version, remindAt: '2026-03-02T10:00:00.000Z' });
      expect(await sweepActivityReminders(db(), t.clock)).toBe(0);
      expect((await s.c.rep2.patch(`/api/v1/activities/${soon.id}`, { version: cur.version + 1, remindAt: '2026-03-02T09:30:00.000Z' })).statusCode).toBe(200);
      expect(await sweepActivityReminders(db(), t.clock)).toBe(1);
    } finally {
      t.clock.set('2026-03-02T09:00:00.000Z');
    }
  });
});
