/**
 * The translations: the shared files plus one pair per feature area under parts/, so that work on
 * different areas never edits the same file. Each part owns its own top-level keys.
 */
import enBase from './en.json';
import zhBase from './zh-CN.json';
import closingEn from './parts/closing.en.json';
import closingZh from './parts/closing.zh-CN.json';
import engagementEn from './parts/engagement.en.json';
import engagementZh from './parts/engagement.zh-CN.json';
import myTasksEn from './parts/mytasks.en.json';
import myTasksZh from './parts/mytasks.zh-CN.json';
import qualityEn from './parts/quality.en.json';
import qualityZh from './parts/quality.zh-CN.json';
import salesEn from './parts/sales.en.json';
import salesZh from './parts/sales.zh-CN.json';
import crmEn from './parts/crm.en.json';
import crmZh from './parts/crm.zh-CN.json';
import dealsEn from './parts/deals.en.json';
import dealsZh from './parts/deals.zh-CN.json';
import contractingEn from './parts/contracting.en.json';
import contractingZh from './parts/contracting.zh-CN.json';
import insightEn from './parts/insight.en.json';
import insightZh from './parts/insight.zh-CN.json';
import importsEn from './parts/imports.en.json';
import importsZh from './parts/imports.zh-CN.json';

export const en = { ...enBase, ...qualityEn, ...engagementEn, ...closingEn, ...myTasksEn, ...salesEn, ...crmEn, ...dealsEn, ...contractingEn, ...insightEn, ...importsEn };
export const zhCN = { ...zhBase, ...qualityZh, ...engagementZh, ...closingZh, ...myTasksZh, ...salesZh, ...crmZh, ...dealsZh, ...contractingZh, ...insightZh, ...importsZh };

export const enFiles = [enBase, qualityEn, engagementEn, closingEn, myTasksEn, salesEn, crmEn, dealsEn, contractingEn, insightEn, importsEn];
export const zhFiles = [zhBase, qualityZh, engagementZh, closingZh, myTasksZh, salesZh, crmZh, dealsZh, contractingZh, insightZh, importsZh];

/** Top-level keys defined by more than one of the files (a part must not override another). */
export function clashingKeys(files: object[]): string[] {
  const seen = new Set<string>();
  const clashes = new Set<string>();
  for (const f of files) for (const k of Object.keys(f)) (seen.has(k) ? clashes : seen).add(k);
  return [...clashes];
}
