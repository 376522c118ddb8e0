import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n/index.js';
import { useMe } from './session.js';

// Date pickers and relative dates follow the interface language.
const applyDayjsLocale = (lng: string) => dayjs.locale(lng === 'zh-CN' ? 'zh-cn' : 'en');
applyDayjsLocale(i18n.language);
i18n.on('languageChanged', applyDayjsLocale);

/** Keeps the interface in the signed-in user's saved language. */
function LocaleSync() {
  const { data: me } = useMe();
  const saved = me?.user.locale;
  useEffect(() => {
    if (saved && saved !== i18n.language) void i18n.changeLanguage(saved);
  }, [saved]);
  return null;
}

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { i18n: active } = useTranslation();
  const zh = active.language === 'zh-CN';
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#1668dc', borderRadius: 6 } }}>
      {/* at most three toasts at once: quick work stacks them over the page otherwise */}
      <AntApp message={{ maxCount: 3 }}>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <LocalizedAntd>
        <LocaleSync />
        {children}
      </LocalizedAntd>
    </QueryClientProvider>
  );
}
