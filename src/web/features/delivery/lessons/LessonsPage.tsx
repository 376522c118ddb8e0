import { Alert, Button, Card, Empty, Flex, Input, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';
import { errorMessage } from '../../../lib/errors.js';
import { LESSON_CATEGORY_LIST, useLessonFacets, useLessons, type LessonCategory, type LessonFilter } from '../closing/api.js';
import { LessonCard } from './LessonCard.js';

/** The organisation's library of lessons learned: search words, tag, industry and category. */
export default function LessonsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<LessonFilter>({});
  const facets = useLessonFacets();
  const lessons = useLessons(filter);
  const items = lessons.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (patch: Partial<LessonFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <>
      <PageHeader title={t('lessons.title')} description={t('lessons.description')} />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('lessons.searchPlaceholder')} onSearch={(v) => set({ q: v.trim() || undefined })} style={{ width: 300 }} data-testid="lessons-search" />
          <Select<string>
            allowClear
            showSearch
            placeholder={t('lessons.allIndustries')}
            value={filter.industry}
            onChange={(v) => set({ industry: v || undefined })}
            style={{ width: 220 }}
            data-testid="lessons-industry"
            options={(facets.data?.industries ?? []).map((i) => ({ value: i, label: i }))}
          />
          <Select<string>
            allowClear
            showSearch
            placeholder={t('lessons.tagFilter')}
            value={filter.tag}
            onChange={(v) => set({ tag: v || undefined })}
            style={{ width: 200 }}
            data-testid="lessons-tag"
            options={(facets.data?.tags ?? []).map((x) => ({ value: x, label: x }))}
          />
          <Select<LessonCategory>
            allowClear
            placeholder={t('lessons.allCategories')}
            value={filter.category}
            onChange={(v) => set({ category: v || undefined })}
            style={{ width: 160 }}
            data-testid="lessons-category"
            options={LESSON_CATEGORY_LIST.map((c) => ({ value: c, label: t(`lessons.categories.${c}`) }))}
          />
          {filter.q || filter.tag || filter.industry || filter.category ? <Button onClick={() => setFilter({})}>{t('common.clearFilters')}</Button> : null}
        </Flex>
        {lessons.isError ? <Alert type="error" showIcon title={errorMessage(lessons.error, t)} /> : null}
        {lessons.isPending ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty description={filter.q || filter.tag || filter.industry || filter.category ? t('common.noMatches') : t('lessons.empty')} data-testid="lessons-empty" />
        ) : (
          <Flex vertical gap={12} data-testid="lessons-list">
            {items.map((l) => (
              <LessonCard key={l.id} lesson={l} />
            ))}
          </Flex>
        )}
        <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">{t('lessons.count', { count: items.length })}</Typography.Text>
          {lessons.hasNextPage ? (
            <Button onClick={() => void lessons.fetchNextPage()} loading={lessons.isFetchingNextPage} data-testid="lessons-more">
              {t('common.loadMore')}
            </Button>
          ) : null}
        </Flex>
      </Card>
    </>
  );
}
