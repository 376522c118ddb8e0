import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildContact, signInSalesCast, type SalesCast } from '../../../../test/sales-factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/setup.js';
import { uuidv7 } from '../../lib/ids.js';

let t: TestApp;
let cast: SalesCast;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-import-test-'));
  t = await createTestApp({ dataDir });
  cast = await signInSalesCast(t);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const gbk = (text: string) => {
  // GBK bytes of the text, built from the decoder's table (Node has no GBK encoder).
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) {
    if (lo === 0x7f) continue;
    const ch = dec.decode(new Uint8Array([hi, lo]));
    if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
  }
  const out: number[] = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch) ?? [0x3f]));
  return Buffer.from(out);
};

async function upload(client: Client, entity: string, body: Buffer | string, contentType = 'text/csv', fileName = 'x.csv') {
  return client.request({ method: 'POST', url: `/api/v1/imports?entity=${entity}&fileName=${encodeURIComponent(fileName)}`, headers: { 'content-type': contentType }, payload: typeof body === 'string' ? Buffer.from(body) : body });
}

async function settle(client: Client, id: string) {
  for (let i = 0; i < 500; i++) {
    const job = (await client.get(`/api/v1/imports/${id}`)).json();
    if (!['checking', 'importing'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('import did not finish');
}

const rejectionsOf = async (client: Client, id: string) => (await client.get(`/api/v1/imports/${id}/rejections?limit=200`)).json().items as { row: number; field: string | null; kind: string; reason: string; cells: string[] }[];
const contactsOf = (accountId: string) => t.database.db.selectFrom('contacts').select(['name', 'email']).where('account_id', '=', accountId).orderBy('name').execute();

describe('import of contacts', () => {
  it('maps the headers, checks without writing, lists each rejected row with its reason, then writes only the valid rows', async () => {
    const acme = await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Acme Import Ltd' });
    await buildContact(t.database.db, cast.orgId, acme.id, { name: 'Existing', email: 'taken@acme.test' });
    const csv = [
      '\uFEFFCompany,Full name,E-mail,Job title',
      'Acme Import Ltd,Ann Lee,ann@acme.test,CTO',
      'ACME import ltd.,Bo Chen,bo@acme.test,CFO',
      'Acme Import Ltd,Bad Mail,not-an-email,',
      'Nobody Inc,Cy Wu,cy@nobody.test,',
      'Acme Import Ltd,Taken,TAKEN@acme.test,',
      'Acme Import Ltd,Ann Again,ann@acme.test,',
      'Acme Import Ltd,Too,many,cells,here',
      '"Acme Import Ltd","Dee ""The Closer"" Fox",dee@acme.test,"Head of\nSales"',
    ].join('\r\n');
    const up = await upload(cast.c.rep, 'contacts', csv);
    expect(up.statusCode, up.body).toBe(201);
    const job = up.json();
    expect(job).toMatchObject({ entity: 'contacts', encoding: 'utf-8', status: 'uploaded', dryRun: true, header: ['Company', 'Full name', 'E-mail', 'Job title'], mapping: ['account', 'name', 'email', 'title'] });
    expect(job.sample[0]).toEqual(['Acme Import Ltd', 'Ann Lee', 'ann@acme.test', 'CTO']);

    expect((await cast.c.rep.post(`/api/v1/imports/${job.id}/run`)).statusCode).toBe(422);
    const check = await cast.c.rep.post(`/api/v1/imports/${job.id}/check`);
    expect(check.statusCode, check.body).toBe(202);
    const checked = await settle(cast.c.rep, job.id);
    expect(checked).toMatchObject({ status: 'checked', totalRows: 8, processedRows: 8, validRows: 3, rejectedRows: 3, duplicateRows: 2, insertedRows: 0, dryRun: true });
    expect((await contactsOf(acme.id)).map((c) => c.name)).toEqual(['Existing']);
    const rejected = await rejectionsOf(cast.c.rep, job.id);
    expect(rejected.map((r) => [r.row, r.kind, r.field])).toEqual([
      [4, 'invalid', 'email'],
      [5, 'invalid', 'account'],
      [6, 'duplicate', 'email'],
      [7, 'duplicate', 'email'],
      [8, 'invalid', null],
    ]);
    expect(rejected[0]!.reason).toContain('not-an-email');
    expect(rejected[1]!.reason).toBe('No account named "Nobody Inc" that you may add to.');
    expect(rejected[2]!.reason).toBe('A contact with the email taken@acme.test exists already.');
    expect(rejected[3]!.reason).toBe('An earlier row of this file has the email ann@acme.test.');
    expect(rejected[4]!.reason).toBe('The row has 5 cells; the header has 4.');
    expect(rejected[1]!.cells).toEqual(['Nobody Inc', 'Cy Wu', 'cy@nobody.test', '']);

    const run = await cast.c.rep.post(`/api/v1/imports/${job.id}/run`);
    expect(run.statusCode, run.body).toBe(202);
    const done = await settle(cast.c.rep, job.id);
    expect(done).toMatchObject({ status: 'done', dryRun: false, insertedRows: 3, rejectedRows: 3, duplicateRows: 2 });
    expect(await contactsOf(acme.id)).toEqual([
      { name: 'Ann Lee', email: 'ann@acme.test' },
      { name: 'Bo Chen', email: 'bo@acme.test' },
      { name: 'Dee "The Closer" Fox', email: 'dee@acme.test' },
      { name: 'Existing', email: 'taken@acme.test' },
    ]);
    expect((await cast.c.rep.post(`/api/v1/imports/${job.id}/run`)).statusCode).toBe(422);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'entity_type']).where('entity_id', '=', job.id).execute();
    expect(audit).toEqual([{ action: 'import', entity_type: 'contacts' }]);
    // and each written record is in the audit log, with the import that made it
    const created = await t.database.db.selectFrom('audit_events').select('changes').where('action', '=', 'create').where('entity_type', '=', 'contacts').execute();
    const batch = created.map((e) => JSON.parse(e.changes!)).find((c) => c.importId === job.id);
    const written = await t.database.db.selectFrom('contacts').select('id').where('account_id', '=', acme.id).where('name', '!=', 'Existing').execute();
    expect([...batch.ids].sort()).toEqual(written.map((w) => w.id).sort());
  });

  it('adds contacts only to accounts the importer may change: the owner\'s manager may, another rep may not', async () => {
    await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Guarded Co' });
    const csv = 'Account,Name\nGuarded Co,Someone\n';
    for (const [key, valid] of [['rep2', 0], ['rep3', 0], ['mgr', 1]] as const) {
      const job = (await upload(cast.c[key], 'contacts', csv)).json();
      await cast.c[key].post(`/api/v1/imports/${job.id}/check`);
      expect((await settle(cast.c[key], job.id)).validRows, key).toBe(valid);
    }
  });

  it('keeps each import to its uploader, and refuses those who may not create sales records', async () => {
    const job = (await upload(cast.c.rep, 'accounts', 'Name\nPrivate Co\n')).json();
    for (const key of ['rep2', 'mgr', 'exec', 'pm', 'foreign'] as const) {
      expect((await cast.c[key].get(`/api/v1/imports/${job.id}`)).statusCode, key).toBe(404);
      expect((await cast.c[key].post(`/api/v1/imports/${job.id}/check`)).statusCode, key).toBe(404);
      expect((await cast.c[key].get(`/api/v1/imports/${job.id}/rejections`)).statusCode, key).toBe(404);
    }
    expect((await upload(cast.c.exec, 'accounts', 'Name\nX\n')).statusCode).toBe(403);
    expect((await upload(cast.c.pm, 'accounts', 'Name\nX\n')).statusCode).toBe(403);
    const mine = (await cast.c.rep.get('/api/v1/imports')).json();
    expect(mine.items.some((j: { id: string }) => j.id === job.id)).toBe(true);
    expect((await cast.c.rep2.get('/api/v1/imports')).json().items.some((j: { id: string }) => j.id === job.id)).toBe(false);
  });
});

describe('import of accounts', () => {
  it('reads a GBK file with Chinese headers and values, and skips names that exist', async () => {
    await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: '华东电力有限公司' });
    const file = gbk('客户名称,行业,状态,规模,联系周期\r\n华东电力,能源,客户,大型,30\r\n江南制造股份有限公司,制造,潜在客户,中型,\r\n西湖软件,软件,合作伙伴,小型,\r\n');
    const up = await upload(cast.c.rep2, 'accounts', file, 'application/vnd.ms-excel', '客户.csv');
    expect(up.statusCode, up.body).toBe(201);
    const job = up.json();
    expect(job).toMatchObject({ encoding: 'gbk', fileName: '客户.csv', header: ['客户名称', '行业', '状态', '规模', '联系周期'], mapping: ['name', 'industry', 'status', 'size', 'cadenceDays'] });
    await cast.c.rep2.post(`/api/v1/imports/${job.id}/check`);
    expect(await settle(cast.c.rep2, job.id)).toMatchObject({ validRows: 1, duplicateRows: 1, rejectedRows: 1 });
    const rejected = await rejectionsOf(cast.c.rep2, job.id);
    expect(rejected.map((r) => [r.row, r.kind, r.field])).toEqual([[2, 'duplicate', 'name'], [4, 'invalid', 'status']]);
    await cast.c.rep2.post(`/api/v1/imports/${job.id}/run`);
    expect(await settle(cast.c.rep2, job.id)).toMatchObject({ status: 'done', insertedRows: 1 });
    const row = await t.database.db.selectFrom('accounts').selectAll().where('name', '=', '江南制造股份有限公司').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner_id: cast.id.rep2, industry: '制造', status: 'prospect', size: 'medium', cadence_days: null });
  });

  it('refuses a file with broken quoting, naming the row, and writes nothing', async () => {
    const csv = 'Name,Industry\nGood One,IT\n"Broken, "quote" Co",IT\nAfter Broken,IT\n';
    const job = (await upload(cast.c.rep, 'accounts', csv)).json();
    await cast.c.rep.post(`/api/v1/imports/${job.id}/check`);
    const failed = await settle(cast.c.rep, job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^Row 3: /);
    expect((await cast.c.rep.post(`/api/v1/imports/${job.id}/run`)).statusCode).toBe(422);
    expect(await t.database.db.selectFrom('accounts').select('id').where('name', 'in', ['Good One', 'After Broken']).execute()).toEqual([]);
  });

  it('answers a clear 400 for an empty file, a file that is not text, and a bad mapping; 413 over 100 MB', async () => {
    const empty = await upload(cast.c.rep, 'accounts', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const binary = await upload(cast.c.rep, 'accounts', Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x00, 0x42]));
    expect(binary.statusCode).toBe(400);
    expect(binary.json().error.details[0].message).toContain('neither UTF-8 nor GBK');
    const job = (await upload(cast.c.rep, 'accounts', 'Name,Industry\nA,B\n')).json();
    const noName = await cast.c.rep.put(`/api/v1/imports/${job.id}/mapping`, { mapping: [null, 'industry'] });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.details[0].message).toBe('No column is mapped to the required field "name".');
    expect((await cast.c.rep.put(`/api/v1/imports/${job.id}/mapping`, { mapping: ['name'] })).statusCode).toBe(400);
    expect((await cast.c.rep.put(`/api/v1/imports/${job.id}/mapping`, { mapping: ['name', 'name'] })).statusCode).toBe(400);
    expect((await cast.c.rep.put(`/api/v1/imports/${job.id}/mapping`, { mapping: ['name', null] })).json().mapping).toEqual(['name', null]);
    expect((await upload(cast.c.rep, 'widgets', 'Name\nA\n')).statusCode).toBe(400);
    const big = await upload(cast.c.rep, 'accounts', Buffer.alloc(100 * 1024 * 1024 + 1, 0x41));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
  });
});

describe('import of opportunities', () => {
  it('places deals in the default pipeline by stage name, converts currencies, and rejects bad amounts, dates and stages', async () => {
    const acct = await buildAccount(t.database.db, cast.orgId, cast.id.rep3, { name: 'Deal Import Co' });
    const at = '2026-01-01T00:00:00.000Z';
    await t.database.db.insertInto('exchange_rates').values({ id: uuidv7(), org_id: cast.orgId, currency: 'USD', rate: 7.2, effective_from: '2020-01-01', created_at: at, updated_at: at, version: 1 }).execute();
    const csv = [
      'Deal name,Customer,Amount,Currency,Expected close date,Stage,Probability',
      'Platform,Deal Import Co,"12,000.50",USD,2026-09-30,Proposal,',
      'Support,Deal Import Co,5000,,2026/10/15,,',
      'Negative,Deal Import Co,-1,,2026-10-15,,',
      'Words,Deal Import Co,lots,,2026-10-15,,',
      'Bad date,Deal Import Co,1,,2026-02-30,,',
      'Bad stage,Deal Import Co,1,,2026-10-15,Dreaming,',
      'Pounds,Deal Import Co,1,GBP,2026-10-15,,',
      'Won one,Deal Import Co,300,,2026-03-01,Closed won,',
    ].join('\n');
    const job = (await upload(cast.c.rep3, 'opportunities', csv)).json();
    expect(job.mapping).toEqual(['name', 'account', 'amount', 'currency', 'closeDate', 'stage', 'probability']);
    await cast.c.rep3.post(`/api/v1/imports/${job.id}/check`);
    expect(await settle(cast.c.rep3, job.id)).toMatchObject({ validRows: 3, rejectedRows: 5 });
    const reasons = (await rejectionsOf(cast.c.rep3, job.id)).map((r) => [r.row, r.field, r.reason]);
    expect(reasons).toEqual([
      [4, 'amount', 'amount may not be negative.'],
      [5, 'amount', 'amount "lots" is not an amount.'],
      [6, 'closeDate', 'closeDate "2026-02-30" is not a date (use 2026-03-31).'],
      [7, 'stage', 'No stage named "Dreaming" in the pipeline (Prospecting, Qualification, Proposal, Negotiation, Closed won, Closed lost).'],
      [8, 'currency', 'No exchange rate for GBP; add one in the sales settings first.'],
    ]);
    await cast.c.rep3.post(`/api/v1/imports/${job.id}/run`);
    expect(await settle(cast.c.rep3, job.id)).toMatchObject({ status: 'done', insertedRows: 3 });
    const deals = await t.database.db.selectFrom('opportunities').selectAll().where('account_id', '=', acct.id).orderBy('name').execute();
    expect(deals.map((d) => [d.name, Number(d.amount), d.currency, Number(d.amount_base), d.close_date, d.stage_id, d.status, d.probability, d.owner_id])).toEqual([
      ['Platform', 1200050, 'USD', 8640360, '2026-09-30', cast.pipeline.stages.proposal.id, 'open', 50, cast.id.rep3],
      ['Support', 500000, 'CNY', 500000, '2026-10-15', cast.pipeline.stages.prospecting.id, 'open', 10, cast.id.rep3],
      ['Won one', 30000, 'CNY', 30000, '2026-03-01', cast.pipeline.stages.won.id, 'won', 100, cast.id.rep3],
    ]);
    const history = await t.database.db.selectFrom('opportunity_stage_history').select(['to_stage_id', 'changed_by']).where('opportunity_id', 'in', deals.map((d) => d.id)).execute();
    expect(history).toHaveLength(3);
  });
});

describe('import of leads', () => {
  it('writes leads with their budget and timeline, owned by the importer, and skips emails already among the leads', async () => {
    const first = (await upload(cast.c.rep, 'leads', 'Company,Name,Email\nKnown Co,Kim,kim@known.test\n')).json();
    await cast.c.rep.post(`/api/v1/imports/${first.id}/check`);
    await settle(cast.c.rep, first.id);
    await cast.c.rep.post(`/api/v1/imports/${first.id}/run`);
    expect(await settle(cast.c.rep, first.id)).toMatchObject({ status: 'done', insertedRows: 1 });
    const csv = ['公司,姓名,邮箱,来源,预算,币种,需求,预计时间,状态', '新客户科技,王五,wang@new.test,展会,"50,000",,新 ERP,2026-12-31,跟进中', 'Known Co,Kim Again,KIM@known.test,,,,,,', 'Bad Budget Co,Lo,lo@bad.test,,-5,,,,', 'Odd Co,Ann,ann@odd.test,,,,,,disqualified'].join('\n');
    const job = (await upload(cast.c.rep, 'leads', csv)).json();
    expect(job.mapping).toEqual(['company', 'name', 'email', 'source', 'budget', 'currency', 'need', 'timeline', 'status']);
    await cast.c.rep.post(`/api/v1/imports/${job.id}/check`);
    expect(await settle(cast.c.rep, job.id)).toMatchObject({ validRows: 1, duplicateRows: 1, rejectedRows: 2 });
    expect((await rejectionsOf(cast.c.rep, job.id)).map((r) => [r.row, r.kind, r.field])).toEqual([[3, 'duplicate', 'email'], [4, 'invalid', 'budget'], [5, 'invalid', 'status']]);
    await cast.c.rep.post(`/api/v1/imports/${job.id}/run`);
    expect(await settle(cast.c.rep, job.id)).toMatchObject({ status: 'done', insertedRows: 1 });
    const lead = await t.database.db.selectFrom('leads').selectAll().where('email_key', '=', 'wang@new.test').executeTakeFirstOrThrow();
    expect(lead).toMatchObject({ company: '新客户科技', name: '王五', source: '展会', status: 'working', budget_currency: 'CNY', need: '新 ERP', timeline_date: '2026-12-31', owner_id: cast.id.rep });
    expect(Number(lead.budget_amount)).toBe(5_000_000);
    // the lead is in the rep's list through the leads API
    const listed = (await cast.c.rep.get('/api/v1/leads?q=%E6%96%B0%E5%AE%A2%E6%88%B7')).json();
    expect(listed.items.map((l: { id: string }) => l.id)).toEqual([lead.id]);
  });
});

describe('export', () => {
  const download = (client: Client, url: string) => client.request({ method: 'GET', url });

  it('writes the list as filtered, only what the user may see, as CSV with a BOM and as a workbook', async () => {
    const mine = await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Export 甲 Co', industry: 'Export-test' });
    await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Export Other', industry: 'Elsewhere' });
    await buildAccount(t.database.db, cast.orgId, cast.id.rep3, { name: 'Export Hidden', industry: 'Export-test' });
    const csv = await download(cast.c.rep, '/api/v1/exports/accounts?format=csv&industry=Export-test');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="accounts-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Name,Status,Industry,Size,Region,Owner,Website,Phone,Cadence (days),Last activity,Next contact due');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([mine.name]);
    // the manager of the team sees both reps' rows; xlsx is a zip (PK) workbook
    const xlsx = await download(cast.c.director, '/api/v1/exports/accounts?industry=Export-test');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const names = wb.worksheets[0]!.getColumn(1).values.slice(2);
    expect(names).toEqual(['Export Hidden', 'Export 甲 Co']);
  });

  it('exports many pages and money as major units, and answers 400 for a bad filter and 403 to those outside sales', async () => {
    const acct = await buildAccount(t.database.db, cast.orgId, cast.id.rep2, { name: 'Export Deals Co' });
    const { buildOpportunity } = await import('../../../../test/sales-factories.js');
    for (let i = 0; i < 450; i++) await buildOpportunity(t.database.db, cast.orgId, { ownerId: cast.id.rep2, accountId: acct.id, pipeline: cast.pipeline, amount: 123_45, name: `Export deal ${String(i).padStart(3, '0')}` });
    const csv = await download(cast.c.rep2, `/api/v1/exports/opportunities?format=csv&accountId=${acct.id}`);
    expect(csv.statusCode, csv.body).toBe(200);
    const rows = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows).toHaveLength(451);
    expect(rows[1]!.split(',').slice(0, 5)).toEqual(['Export deal 000', 'Export Deals Co', 'Qualification', 'open', '123.45']);
    expect((await download(cast.c.rep2, '/api/v1/exports/opportunities?closeFrom=soon')).statusCode).toBe(400);
    expect((await download(cast.c.rep2, '/api/v1/exports/opportunities?format=pdf')).statusCode).toBe(400);
    expect((await download(cast.c.rep2, '/api/v1/exports/projects')).statusCode).toBe(400);
    expect((await download(cast.c.pm, '/api/v1/exports/opportunities')).statusCode).toBe(403);
    // another rep's export of the same account's deals is empty
    const other = await download(cast.c.rep3, `/api/v1/exports/opportunities?format=csv&accountId=${acct.id}`);
    expect(other.body.replace(/^\uFEFF/, '').trim().split('\r\n')).toHaveLength(1);
  });
});
