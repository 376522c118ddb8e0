/**
 * What a CSV import of sales records understands: the fields of each kind of record, the column
 * names (English and Chinese) that map to them without help, and how each cell is read. Pure: the
 * server resolves names (accounts, stages, segments) and duplicates against the database.
 */
export type ImportEntity = 'accounts' | 'contacts' | 'leads' | 'opportunities';

export type FieldKind = 'text' | 'email' | 'integer' | 'money' | 'percent' | 'date' | 'enum';

export interface FieldDef {
  key: string;
  kind: FieldKind;
  required?: boolean;
  max?: number;
  /** accepted values, with other spellings (Chinese labels, capitals) mapping onto them */
  values?: Record<string, string>;
  min?: number;
  maxValue?: number;
  /** header names that map to this field without the user choosing */
  aliases: string[];
}

const enumOf = (values: string[], extra: Record<string, string> = {}) => ({ ...Object.fromEntries(values.map((v) => [v, v])), ...extra });

export const ACCOUNT_STATUS = enumOf(['prospect', 'customer', 'former'], { 潜在客户: 'prospect', 客户: 'customer', 老客户: 'former', 前客户: 'former', 流失客户: 'former' });
export const ACCOUNT_SIZE = enumOf(['small', 'medium', 'large', 'enterprise'], { 小型: 'small', 中型: 'medium', 大型: 'large', 集团: 'enterprise', 超大型: 'enterprise' });
export const BUYING_ROLE = enumOf(['decision_maker', 'influencer', 'user', 'gatekeeper'], { 决策者: 'decision_maker', 'decision maker': 'decision_maker', 影响者: 'influencer', 使用者: 'user', 用户: 'user', 把关者: 'gatekeeper' });
export const LEAD_STATUS = enumOf(['new', 'working', 'qualified'], { 新: 'new', 新建: 'new', 跟进中: 'working', 已认定: 'qualified', 合格: 'qualified' });

export const IMPORT_FIELDS: Record<ImportEntity, FieldDef[]> = {
  accounts: [
    { key: 'name', kind: 'text', required: true, max: 200, aliases: ['name', 'account', 'account name', 'company', 'company name', '客户', '客户名称', '公司', '公司名称', '名称'] },
    { key: 'industry', kind: 'text', max: 100, aliases: ['industry', '行业'] },
    { key: 'segment', kind: 'text', max: 100, aliases: ['segment', 'market segment', '细分市场', '市场细分'] },
    { key: 'size', kind: 'enum', values: ACCOUNT_SIZE, aliases: ['size', 'company size', '规模', '企业规模'] },
    { key: 'region', kind: 'text', max: 100, aliases: ['region', 'area', '区域', '地区'] },
    { key: 'status', kind: 'enum', values: ACCOUNT_STATUS, aliases: ['status', 'type', '状态', '客户状态', '类型'] },
    { key: 'website', kind: 'text', max: 300, aliases: ['website', 'web', 'url', '网站', '官网'] },
    { key: 'phone', kind: 'text', max: 50, aliases: ['phone', 'telephone', '电话', '联系电话'] },
    { key: 'cadenceDays', kind: 'integer', min: 1, maxValue: 730, aliases: ['cadence', 'cadence days', 'contact cadence', '联系周期', '联系周期（天）'] },
  ],
  contacts: [
    { key: 'account', kind: 'text', required: true, max: 200, aliases: ['account', 'account name', 'company', 'company name', '客户', '客户名称', '公司', '公司名称'] },
    { key: 'name', kind: 'text', required: true, max: 200, aliases: ['name', 'contact', 'contact name', 'full name', '姓名', '联系人', '联系人姓名'] },
    { key: 'title', kind: 'text', max: 200, aliases: ['title', 'job title', 'position', '职位', '职务'] },
    { key: 'email', kind: 'email', max: 254, aliases: ['email', 'e-mail', 'mail', '邮箱', '电子邮件', '邮件'] },
    { key: 'phone', kind: 'text', max: 50, aliases: ['phone', 'mobile', 'telephone', '电话', '手机', '联系电话'] },
    { key: 'buyingRole', kind: 'enum', values: BUYING_ROLE, aliases: ['buying role', 'role', '角色', '采购角色'] },
  ],
  leads: [
    { key: 'company', kind: 'text', required: true, max: 200, aliases: ['company', 'company name', 'organisation', 'organization', '公司', '公司名称', '单位'] },
    { key: 'name', kind: 'text', required: true, max: 200, aliases: ['name', 'contact', 'contact name', 'full name', '姓名', '联系人'] },
    { key: 'title', kind: 'text', max: 200, aliases: ['title', 'job title', '职位', '职务'] },
    { key: 'email', kind: 'email', max: 254, aliases: ['email', 'e-mail', '邮箱', '电子邮件'] },
    { key: 'phone', kind: 'text', max: 50, aliases: ['phone', 'mobile', '电话', '手机'] },
    { key: 'source', kind: 'text', max: 100, aliases: ['source', 'lead source', '来源', '线索来源'] },
    { key: 'campaign', kind: 'text', max: 200, aliases: ['campaign', '活动', '市场活动'] },
    { key: 'status', kind: 'enum', values: LEAD_STATUS, aliases: ['status', '状态'] },
    { key: 'budget', kind: 'money', aliases: ['budget', 'budget amount', '预算', '预算金额'] },
    { key: 'currency', kind: 'text', max: 3, aliases: ['currency', 'budget currency', '币种'] },
    { key: 'need', kind: 'text', max: 2000, aliases: ['need', 'needs', 'requirement', '需求'] },
    { key: 'timeline', kind: 'date', aliases: ['timeline', 'expected date', 'decision date', '时间', '预计时间', '决策时间'] },
  ],
  opportunities: [
    { key: 'name', kind: 'text', required: true, max: 200, aliases: ['name', 'opportunity', 'opportunity name', 'deal', 'deal name', '商机', '商机名称', '名称'] },
    { key: 'account', kind: 'text', required: true, max: 200, aliases: ['account', 'account name', 'company', 'customer', '客户', '客户名称', '公司'] },
    { key: 'amount', kind: 'money', required: true, aliases: ['amount', 'value', 'deal value', '金额', '商机金额'] },
    { key: 'currency', kind: 'text', max: 3, aliases: ['currency', '币种', '货币'] },
    { key: 'closeDate', kind: 'date', required: true, aliases: ['close date', 'expected close', 'expected close date', 'closing date', '预计成交日期', '成交日期', '结束日期'] },
    { key: 'stage', kind: 'text', max: 100, aliases: ['stage', 'sales stage', '阶段', '销售阶段'] },
    { key: 'probability', kind: 'percent', aliases: ['probability', 'win probability', '概率', '赢率'] },
  ],
};

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s_]+/g, ' ');

/** Maps each column to the field its header names, when one does (each field at most once). */
export function suggestMapping(entity: ImportEntity, header: string[]): (string | null)[] {
  const used = new Set<string>();
  return header.map((h) => {
    const n = norm(h);
    const f = IMPORT_FIELDS[entity].find((d) => !used.has(d.key) && (d.key.toLowerCase() === n || d.aliases.some((a) => norm(a) === n)));
    if (!f) return null;
    used.add(f.key);
    return f.key;
  });
}

/** Problems with a mapping itself: unknown fields, a field mapped twice, required fields left out. */
export function mappingProblems(entity: ImportEntity, mapping: (string | null)[]): string[] {
  const defs = new Map(IMPORT_FIELDS[entity].map((d) => [d.key, d]));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of mapping) {
    if (m === null) continue;
    if (!defs.has(m)) out.push(`"${m}" is not a field of ${entity}.`);
    else if (seen.has(m)) out.push(`"${m}" is mapped from more than one column.`);
    seen.add(m);
  }
  for (const d of defs.values()) if (d.required && !seen.has(d.key)) out.push(`No column is mapped to the required field "${d.key}".`);
  return out;
}

export type CellValue = string | number | null;
export interface CellProblem {
  field: string;
  reason: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Money as typed in a spreadsheet ("1,234.50", "¥ 3000", "12 000") → minor units; null when not a number. */
export function parseMoney(text: string): number | null {
  const s = text.normalize('NFKC').replace(/[\s,¥$€£]|CNY|RMB|USD|EUR|元/gi, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole, frac = ''] = s.replace('-', '').split('.');
  const minor = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return s.startsWith('-') ? -minor : minor;
}

/** A calendar date as 2026-03-02, 2026/3/2 or 2026.3.2; null when not a real date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Reads one cell for a field: its value, or why it cannot be read. An empty cell is null. */
export function readCell(def: FieldDef, raw: string | undefined): { value: CellValue } | { problem: string } {
  const text = (raw ?? '').trim();
  if (text === '') return def.required ? { problem: `${def.key} is required.` } : { value: null };
  if (def.max !== undefined && text.length > def.max) return { problem: `${def.key} is longer than ${def.max} characters.` };
  switch (def.kind) {
    case 'text':
      return { value: text };
    case 'email':
      return EMAIL.test(text) ? { value: text } : { problem: `"${text}" is not an email address.` };
    case 'integer': {
      if (!/^-?\d+$/.test(text)) return { problem: `${def.key} "${text}" is not a whole number.` };
      const n = Number(text);
      if (def.min !== undefined && n < def.min) return { problem: `${def.key} must be at least ${def.min}.` };
      if (def.maxValue !== undefined && n > def.maxValue) return { problem: `${def.key} must be at most ${def.maxValue}.` };
      return { value: n };
    }
    case 'money': {
      const minor = parseMoney(text);
      if (minor === null) return { problem: `${def.key} "${text}" is not an amount.` };
      if (minor < 0) return { problem: `${def.key} may not be negative.` };
      return { value: minor };
    }
    case 'percent': {
      const n = Number(text.replace('%', ''));
      if (!Number.isFinite(n) || n < 0 || n > 100) return { problem: `${def.key} "${text}" is not a percentage from 0 to 100.` };
      return { value: Math.round(n) };
    }
    case 'date': {
      const d = parseDate(text);
      return d ? { value: d } : { problem: `${def.key} "${text}" is not a date (use 2026-03-31).` };
    }
    case 'enum': {
      const v = def.values?.[text] ?? def.values?.[text.toLowerCase()];
      return v ? { value: v } : { problem: `${def.key} "${text}" is not one of ${Object.keys(def.values ?? {}).filter((k) => /^[a-z_]+$/.test(k)).join(', ')}.` };
    }
  }
}

/** Reads a row through the mapping: the record's fields, or every problem found (all at once). */
export function readRow(entity: ImportEntity, mapping: (string | null)[], row: string[]): { record: Record<string, CellValue> } | { problems: CellProblem[] } {
  const defs = new Map(IMPORT_FIELDS[entity].map((d) => [d.key, d]));
  const record: Record<string, CellValue> = {};
  const problems: CellProblem[] = [];
  const mapped = new Set<string>();
  mapping.forEach((key, i) => {
    if (!key) return;
    const def = defs.get(key);
    if (!def) return;
    mapped.add(key);
    const r = readCell(def, row[i]);
    if ('problem' in r) problems.push({ field: key, reason: r.problem });
    else record[key] = r.value;
  });
  return problems.length ? { problems } : { record };
}
