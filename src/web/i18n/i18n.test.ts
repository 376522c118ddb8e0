import { clashingKeys, en, enFiles, zhCN, zhFiles } from './messages.js';

type Tree = { [key: string]: string | Tree };

/** Every leaf as a dotted key → value. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of flatten(v as Tree, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('never define a top-level key in two files', () => {
    expect({ en: clashingKeys(enFiles), zh: clashingKeys(zhFiles) }).toEqual({ en: [], zh: [] });
  });

  const enKeys = flatten(en as Tree);
  const zhKeys = flatten(zhCN as Tree);

  it('have exactly the same keys in English and Chinese', () => {
    const missingInZh = [...enKeys.keys()].filter((k) => !zhKeys.has(k));
    const missingInEn = [...zhKeys.keys()].filter((k) => !enKeys.has(k));
    expect({ missingInZh, missingInEn }).toEqual({ missingInZh: [], missingInEn: [] });
  });

  it('have no empty or non-string values', () => {
    for (const [name, keys] of [['en', enKeys], ['zh-CN', zhKeys]] as const) {
      const bad = [...keys].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect(bad, `empty values in ${name}`).toEqual([]);
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    const differ = [...enKeys].filter(([k, v]) => JSON.stringify(placeholders(String(v))) !== JSON.stringify(placeholders(String(zhKeys.get(k) ?? '')))).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('have Chinese text in the Chinese file (not untranslated English)', () => {
    // Brand names and the language names are the same in both; everything else must differ.
    const same = [...enKeys].filter(([k, v]) => zhKeys.get(k) === v).map(([k]) => k);
    expect(same.sort()).toEqual(['app.name', 'language.en', 'language.zh-CN']);
  });
});
