import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zhCN } from './messages.js';
import type { Locale } from '../lib/types.js';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** The language chosen on the sign-in page (before anyone is signed in) on this device. */
const PRE_SIGN_IN_KEY = 'tandem.locale';

export function normaliseLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const t = tag.toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return null;
}

/** Before sign-in: the language picked on this device, else the browser's, else English. */
export function initialLocale(): Locale {
  try {
    const saved = normaliseLocale(window.localStorage.getItem(PRE_SIGN_IN_KEY));
    if (saved) return saved;
  } catch {
    // storage may be unavailable (private mode): fall through to the browser's language
  }
  const langs = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    const found = normaliseLocale(l);
    if (found) return found;
  }
  return 'en';
}

export function rememberPreSignInLocale(locale: Locale) {
  try {
    window.localStorage.setItem(PRE_SIGN_IN_KEY, locale);
  } catch {
    // not remembered; harmless
  }
}

export function currentLocale(): Locale {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: typeof window === 'undefined' ? 'en' : initialLocale(),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

export default i18n;
