import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Keyset pagination's "next page": there is no total count on purpose (no COUNT(*) on big tables). */
export function LoadMore({ shown, hasMore, loading, onMore, testId }: { shown: number; hasMore: boolean; loading: boolean; onMore: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('common.shown', { count: shown })}</Typography.Text>
      {hasMore ? (
        <Button onClick={onMore} loading={loading} data-testid={testId ?? 'load-more'}>
          {t('common.loadMore')}
        </Button>
      ) : shown > 0 ? (
        <Typography.Text type="secondary">{t('common.allShown')}</Typography.Text>
      ) : null}
    </Flex>
  );
}
