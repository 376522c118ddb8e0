import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSetLocale } from '../app/session.js';
import type { Locale } from '../lib/types.js';

/** 中文 / English. Signed in, the choice is saved on the user. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { setLocale } = useSetLocale();
  const value: Locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  return (
    <Segmented<Locale>
      data-testid="language-switch"
      aria-label={t('language.label')}
      size="small"
      value={value}
      onChange={setLocale}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh-CN" lang="zh-CN">{t('language.zh-CN')}</span> },
        { value: 'en', label: <span data-testid="lang-en" lang="en">{t('language.en')}</span> },
      ]}
    />
  );
}
