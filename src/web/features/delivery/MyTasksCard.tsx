import { Card, Col, Empty, Flex, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadMore } from '../../components/LoadMore.js';
import { currentLocale } from '../../i18n/index.js';
import { formatPlanDate } from '../../lib/format.js';
import { PercentComplete } from './labels.js';
import { useMyTasks, type MyTask, type MyTaskFilter } from './myTasksApi.js';

const TASK_STATUS_COLOR: Record<MyTask['status'], string> = { not_started: 'default', in_progress: 'processing', done: 'success', blocked: 'error' };

/**
 * The signed-in user's own assigned tasks across their projects, soonest finish first. Shows
 * itself only to people who have open tasks (or who have switched the filter).
 */
export function MyTasksCard() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [status, setStatus] = useState<MyTaskFilter>('open');
  const [touched, setTouched] = useState(false);
  const list = useMyTasks(status);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  if (!touched && (list.isPending || (!list.error && rows.length === 0))) return null;

  const columns: TableColumnsType<MyTask> = [
    {
      title: t('myTasks.task'),
      key: 'name',
      render: (_, x) => (
        <Flex vertical>
          <Link to={`/delivery/projects/${x.projectId}`} data-testid={`my-task-link-${x.id}`}>
            <Typography.Text strong style={{ color: 'inherit' }}>
              {x.name}
            </Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {x.wbs} · {x.projectName}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('myTasks.project'), dataIndex: 'projectCode', width: 110 },
    {
      title: t('myTasks.finish'),
      dataIndex: 'earlyFinish',
      width: 170,
      render: (d: string | null, x) => (
        <Flex gap={6} align="center" wrap>
          <span>{d ? formatPlanDate(d, locale) : '—'}</span>
          {x.late ? (
            <Tag color="red" data-testid="my-task-late" style={{ marginInlineEnd: 0 }}>
              {t('myTasks.late')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('myTasks.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: MyTask['status']) => (
        <Tag color={TASK_STATUS_COLOR[s]} data-testid="my-task-status" style={{ marginInlineEnd: 0 }}>
          {t(`delivery.taskStatus.${s}`)}
        </Tag>
      ),
    },
    { title: t('myTasks.progress'), dataIndex: 'percentComplete', width: 140, render: (v: number) => <PercentComplete value={v} /> },
  ];

  return (
    <Col span={24}>
      <Card
        title={t('myTasks.title')}
        styles={{ body: { paddingTop: 8 } }}
        data-testid="my-tasks-card"
        extra={
          <Segmented<MyTaskFilter>
            value={status}
            onChange={(v) => {
              setTouched(true);
              setStatus(v);
            }}
            options={[
              { value: 'open', label: <span data-testid="my-tasks-open">{t('myTasks.open')}</span> },
              { value: 'done', label: <span data-testid="my-tasks-done">{t('myTasks.done')}</span> },
            ]}
            data-testid="my-tasks-filter"
          />
        }
      >
        {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<MyTask>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
          pagination={false}
          scroll={{ x: 720 }}
          data-testid="my-tasks"
          onRow={(x) => ({ 'data-testid': 'my-task-row', 'data-task-id': x.id }) as React.HTMLAttributes<HTMLTableRowElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status === 'open' ? t('myTasks.emptyOpen') : t('myTasks.emptyDone')} /> }}
        />
        {rows.length > 0 || list.hasNextPage ? (
          <LoadMore shown={rows.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} testId="my-tasks-more" />
        ) : null}
      </Card>
    </Col>
  );
}
