import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import logoUrl from '../../favicon.svg';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';

/** The frame of the pages one sees before signing in. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="tandem-centered" style={{ flexDirection: 'column', gap: 16 }}>
      <Card className="tandem-auth-card" variant="outlined" styles={{ body: { padding: 32 } }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 24 }}>
          <Flex align="center" gap={10}>
            <img src={logoUrl} alt="" width={32} height={32} />
            <Typography.Text strong style={{ fontSize: 20 }}>
              {t('app.name')}
            </Typography.Text>
          </Flex>
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('app.tagline')}
      </Typography.Text>
    </div>
  );
}
