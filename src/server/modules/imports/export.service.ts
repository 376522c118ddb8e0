import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { z } from 'zod';
import { ListContractsQuery } from '../../../contracts/contracting.js';
import { ListAccountsQuery, ListLeadsQuery } from '../../../contracts/crm.js';
import { ListOpportunitiesQuery } from '../../../contracts/deals.js';
import type { Ctx } from '../../lib/context.js';
import { validationFailed } from '../../lib/errors.js';
import { authorize } from '../../lib/policy.js';
import { listContracts } from '../contracting/contract.service.js';
import { listAccounts } from '../crm/account.service.js';
import { listLeads } from '../crm/lead.service.js';
import { listOpportunities } from '../deals/opportunity.service.js';
import * as repo from './export.repository.js';

/**
 * Export of a sales list as the user filtered it: the list's own service is asked page by page
 * (so scope and filters are exactly the list's), and each page is written out as it arrives, so
 * the download starts at once and memory stays flat however long the list is.
 */
type Row = Record<string, unknown>;
interface Column {
  en: string;
  zh: string;
  value: (r: Row) => string | number | null;
  /** minor units: written as major units (a number in Excel) */
  money?: boolean;
}
interface ListDef {
  query: z.ZodType<Record<string, unknown>>;
  page: (ctx: Ctx, q: Record<string, unknown>) => Promise<{ items: Row[]; nextCursor: string | null }>;
  columns: Column[];
}

const col = (key: string, en: string, zh: string, money = false): Column => ({ en, zh, value: (r) => (r[key] ?? null) as string | number | null, money });
const noPage = <T extends z.ZodObject>(q: T) => q.omit({ limit: true, cursor: true } as never) as unknown as z.ZodType<Record<string, unknown>>;

export const EXPORT_LISTS: Record<string, ListDef> = {
  accounts: {
    query: noPage(ListAccountsQuery),
    page: (ctx, q) => listAccounts(ctx, q as never) as never,
    columns: [col('name', 'Name', '名称'), col('status', 'Status', '状态'), col('industry', 'Industry', '行业'), col('size', 'Size', '规模'), col('region', 'Region', '区域'), col('ownerName', 'Owner', '负责人'), col('website', 'Website', '网站'), col('phone', 'Phone', '电话'), col('cadenceDays', 'Cadence (days)', '联系周期（天）'), col('lastActivityAt', 'Last activity', '最近活动'), col('nextContactDue', 'Next contact due', '下次联系')],
  },
  contacts: {
    query: z.object({ q: z.string().trim().max(200).optional() }),
    page: (ctx, q) => repo.contactsPage(ctx, q as { q?: string; limit: number; cursor?: string }),
    columns: [col('accountName', 'Account', '客户'), col('name', 'Name', '姓名'), col('title', 'Title', '职位'), col('email', 'Email', '邮箱'), col('phone', 'Phone', '电话'), col('buyingRole', 'Buying role', '采购角色')],
  },
  leads: {
    query: noPage(ListLeadsQuery),
    page: (ctx, q) => listLeads(ctx, q as never) as never,
    columns: [col('company', 'Company', '公司'), col('name', 'Name', '姓名'), col('title', 'Title', '职位'), col('email', 'Email', '邮箱'), col('phone', 'Phone', '电话'), col('status', 'Status', '状态'), col('source', 'Source', '来源'), col('campaign', 'Campaign', '市场活动'), col('budgetAmount', 'Budget', '预算', true), col('budgetCurrency', 'Currency', '币种'), col('timelineDate', 'Timeline', '时间'), col('ownerName', 'Owner', '负责人')],
  },
  opportunities: {
    query: noPage(ListOpportunitiesQuery),
    page: (ctx, q) => listOpportunities(ctx, q as never) as never,
    columns: [col('name', 'Name', '名称'), col('accountName', 'Account', '客户'), col('stageName', 'Stage', '阶段'), col('status', 'Status', '状态'), col('amount', 'Amount', '金额', true), col('currency', 'Currency', '币种'), col('amountBase', 'Amount (org currency)', '金额（本币）', true), col('closeDate', 'Close date', '预计成交日期'), col('probability', 'Probability %', '赢率 %'), col('forecastCategory', 'Forecast category', '预测类别'), col('ownerName', 'Owner', '负责人'), col('lostReason', 'Lost reason', '输单原因'), col('nextStep', 'Next step', '下一步')],
  },
  contracts: {
    query: noPage(ListContractsQuery),
    page: (ctx, q) => listContracts(ctx, q as never) as never,
    columns: [col('number', 'Number', '编号'), col('title', 'Title', '标题'), col('accountName', 'Account', '客户'), col('status', 'Status', '状态'), col('value', 'Value', '金额', true), col('currency', 'Currency', '币种'), col('valueBase', 'Value (org currency)', '金额（本币）', true), col('signedOn', 'Signed on', '签订日期'), col('startDate', 'Start', '开始'), col('endDate', 'End', '结束'), col('renewalDate', 'Renewal', '续约日期'), col('ownerName', 'Owner', '负责人')],
  },
};

export const ExportParams = z.object({ list: z.enum(['accounts', 'contacts', 'leads', 'opportunities', 'contracts']) });
export const ExportFormat = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

/** Checks the filters (400 with field paths, like the list itself) and answers the file as a stream. */
export function exportList(ctx: Ctx, list: keyof typeof EXPORT_LISTS, raw: Record<string, unknown>): { stream: Readable; fileName: string; contentType: string } {
  authorize(ctx.actor, 'list', 'salesRecord');
  const def = EXPORT_LISTS[list]!;
  const { format, ...rest } = raw;
  const f = ExportFormat.safeParse({ format });
  const q = def.query.safeParse(rest);
  const issues = [...(f.success ? [] : f.error.issues), ...(q.success ? [] : q.error.issues)];
  if (issues.length) throw validationFailed(issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const zh = ctx.actor.locale === 'zh-CN';
  const header = def.columns.map((c) => (zh ? c.zh : c.en));
  const cell = (c: Column, r: Row) => {
    const v = c.value(r);
    return c.money && typeof v === 'number' ? v / 100 : v;
  };
  const pages = async function* () {
    let cursor: string | undefined;
    do {
      const page = await def.page(ctx, { ...q.data, limit: 200, cursor });
      yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  };
  const out = new PassThrough();
  const day = ctx.clock.now().toISOString().slice(0, 10);
  const fail = (err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err)));
  if (f.data!.format === 'csv') {
    // A BOM, so that Excel opens the UTF-8 file with its Chinese intact.
    (async () => {
      out.write(`\uFEFF${Papa.unparse([header])}\r\n`);
      for await (const items of pages()) {
        if (items.length) out.write(`${Papa.unparse(items.map((r) => def.columns.map((c) => cell(c, r) ?? '')), { newline: '\r\n' })}\r\n`);
      }
      out.end();
    })().catch(fail);
    return { stream: out, fileName: `${list}-${day}.csv`, contentType: 'text/csv; charset=utf-8' };
  }
  (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(list, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = def.columns.map((c, i) => ({ header: header[i], width: Math.max(12, header[i]!.length + 4), style: c.money ? { numFmt: '#,##0.00' } : {} }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const items of pages()) for (const r of items) ws.addRow(def.columns.map((c) => cell(c, r))).commit();
    ws.commit();
    await wb.commit();
  })().catch(fail);
  return { stream: out, fileName: `${list}-${day}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
