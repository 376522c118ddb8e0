import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import i18n from '../i18n/index.js';

// The CSP has no 'unsafe-eval': zod must not compile parsers with new Function (nor even probe
// for it, which Chrome reports as a violation). This module runs before any schema is built.
z.config({ jitless: true });

const applyLocale = (lng: string) => z.config({ ...(lng === 'zh-CN' ? zhCN() : en()), jitless: true });
applyLocale(i18n.language);
i18n.on('languageChanged', applyLocale);
