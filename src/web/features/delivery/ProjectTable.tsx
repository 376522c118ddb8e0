import { Empty, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadMore } from '../../components/LoadMore.js';
import { currentLocale } from '../../i18n/index.js';
import { formatPlanDate } from '../../lib/format.js';
import { useProjectList, type ProjectFilter } from './api.js';
import { HealthTag, PercentComplete, StatusTag } from './labels.js';
import type { Project } from './types.js';

/** A keyset-paginated list of projects (no total count: "load more" asks for the next page). */
export function ProjectTable({ filter, empty, testId }: { filter: ProjectFilter; empty: string; testId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const list = useProjectList(filter);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const columns: TableColumnsType<Project> = [
    {
      title: t('delivery.project.name'),
      key: 'name',
      render: (_, p) => (
        <Flex vertical>
          <Link to={`/delivery/projects/${p.id}`} data-testid={`project-link-${p.code}`}>
            <Typography.Text strong style={{ color: 'inherit' }}>
              {p.name}
            </Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.code}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('delivery.project.manager'), dataIndex: 'managerName', width: 160, render: (n: string | null) => n ?? '—', responsive: ['lg'] },
    { title: t('delivery.project.status'), dataIndex: 'status', width: 110, render: (s: Project['status']) => <StatusTag status={s} /> },
    { title: t('delivery.project.health'), dataIndex: 'health', width: 110, render: (h: Project['health']) => <HealthTag health={h} /> },
    { title: t('delivery.project.percentComplete'), dataIndex: 'percentComplete', width: 140, render: (v: number) => <PercentComplete value={v} /> },
    { title: t('delivery.project.plannedStart'), dataIndex: 'plannedStart', width: 130, render: (d: string) => formatPlanDate(d, locale) },
    { title: t('delivery.project.plannedFinish'), dataIndex: 'plannedFinish', width: 130, render: (d: string | null) => (d ? formatPlanDate(d, locale) : '—') },
  ];
  return (
    <>
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<Project>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 860 }}
        data-testid={testId}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      />
      {rows.length > 0 || list.hasNextPage ? (
        <LoadMore shown={rows.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} testId={`${testId}-more`} />
      ) : null}
    </>
  );
}
