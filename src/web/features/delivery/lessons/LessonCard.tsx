import { Card, Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Lesson } from '../closing/api.js';

function Part({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation();
  if (!text.trim()) return null;
  return (
    <div>
      <Typography.Text type="secondary">{t('lessons.labelled', { label })}</Typography.Text>
      <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span>
    </div>
  );
}

/** One lesson learned: what happened, why, the recommendation, with its category, tags, industry and project. */
export function LessonCard({ lesson, hideProject, actions, extra }: { lesson: Lesson; hideProject?: boolean; actions?: ReactNode; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card size="small" style={{ width: '100%' }} data-testid="lesson-card" data-lesson-id={lesson.id}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong data-testid="lesson-title">
          {lesson.title}
        </Typography.Text>
        {actions}
      </Flex>
      <Flex vertical gap={2} style={{ marginTop: 4 }}>
        <Part label={t('lessons.fields.whatHappened')} text={lesson.whatHappened} />
        <Part label={t('lessons.fields.why')} text={lesson.why} />
        <Part label={t('lessons.fields.recommendation')} text={lesson.recommendation} />
      </Flex>
      <Space size={[4, 4]} wrap style={{ marginTop: 8 }}>
        <Tag color="blue">{t(`lessons.categories.${lesson.category}`)}</Tag>
        {lesson.industry ? <Tag color="purple">{lesson.industry}</Tag> : null}
        {lesson.tags.map((x) => (
          <Tag key={x}>{x}</Tag>
        ))}
        {extra}
      </Space>
      {hideProject ? null : (
        <div style={{ marginTop: 6, fontSize: 12 }}>
          <Link to={`/delivery/projects/${lesson.projectId}?tab=closing`} data-testid="lesson-project">
            {lesson.projectCode} · {lesson.projectName}
          </Link>
          {lesson.createdByName ? <Typography.Text type="secondary"> · {t('lessons.by', { name: lesson.createdByName })}</Typography.Text> : null}
        </div>
      )}
    </Card>
  );
}
