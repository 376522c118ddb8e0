import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** An honest empty state: which records this workspace will hold, and that they are not here yet. */
export function ComingSoonCard({ title, empty, topics }: { title: string; empty: string; topics: string[] }) {
  const { t } = useTranslation();
  return (
    <Card title={title} data-testid="workspace-empty">
      <Empty description={empty} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 8 }}>
        {t('workspace.comingTopics')}
      </Typography.Paragraph>
      <Flex wrap gap={8}>
        {topics.map((x) => (
          <Tag key={x}>{x}</Tag>
        ))}
      </Flex>
    </Card>
  );
}
