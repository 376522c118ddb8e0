import { BulbOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSuggestedLessons } from '../closing/api.js';
import { LessonCard } from './LessonCard.js';

/**
 * Lessons of other projects like this one (same industry, shared tags): shown on the closing tab
 * and on the charter of projects still being proposed or planned.
 */
export function SuggestedLessons({ projectId, max = 5 }: { projectId: string; max?: number }) {
  const { t } = useTranslation();
  const q = useSuggestedLessons(projectId);
  // Without the library (no delivery workspace) the card is simply left out.
  if (q.isError) return null;
  return (
    <Card
      size="small"
      title={
        <span>
          <BulbOutlined style={{ color: '#d48806', marginInlineEnd: 8 }} />
          {t('lessons.suggestedTitle')}
        </span>
      }
      data-testid="suggested-lessons"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('lessons.suggestedHelp')}
      </Typography.Paragraph>
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : q.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lessons.suggestedEmpty')} />
      ) : (
        <Flex vertical gap={8}>
          {q.data.slice(0, max).map((s) => (
            <div key={s.lesson.id} data-testid="suggested-lesson">
              <LessonCard
                lesson={s.lesson}
                extra={
                  <>
                    {s.sameIndustry ? <Tag color="gold">{t('lessons.sameIndustry')}</Tag> : null}
                    {s.sharedTags.length ? (
                      <Tag color="gold">
                        {t('lessons.sharedTags')}: {s.sharedTags.join(t('common.listSeparator'))}
                      </Tag>
                    ) : null}
                  </>
                }
              />
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}
