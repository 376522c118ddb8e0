import { Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A page's title (also the document title), what the page is for, and its main actions. */
export function PageHeader({ title, description, extra }: { title: string; description?: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title, t('app.name'));
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 20 }}>
      <div style={{ minWidth: 0, flex: '1 1 420px' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: description ? 4 : 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {description ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 820 }}>
            {description}
          </Typography.Paragraph>
        ) : null}
      </div>
      {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
    </Flex>
  );
}

export function usePageTitle(title: string, appName: string) {
  useEffect(() => {
    document.title = `${title} · ${appName}`;
  }, [title, appName]);
}
