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

export const en = { ...enBase, ...qualityEn, ...engagementEn, ...closingEn, ...myTasksEn };
export const zhCN = { ...zhBase, ...qualityZh, ...engagementZh, ...closingZh, ...myTasksZh };

export const enFiles = [enBase, qualityEn, engagementEn, closingEn, myTasksEn];
export const zhFiles = [zhBase, qualityZh, engagementZh, closingZh, myTasksZh];

/** Top-level keys defined by more than one of the files (a part must not override another). */
export function clashingKeys(files: object[]): string[] {
  const seen = new Set<string>();
  const clashes = new Set<string>();
  for (const f of files) for (const k of Object.keys(f)) (seen.has(k) ? clashes : seen).add(k);
  return [...clashes];
}
