import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatMinor, formatPlanDate } from '../../../lib/format.js';
import { useChangeMutations, useChangeRequests } from '../quality/api.js';
import { ChangeStatusTag } from '../quality/labels.js';
import { CHANGE_REQUEST_STATUS_LIST, type ChangeRequest, type ChangeRequestStatus } from '../quality/types.js';
import type { Project } from '../types.js';
import { ChangeDrawer } from './ChangeDrawer.js';

/** "+5 d", "−3 d", "0 d": a schedule impact in days, signed. */
export const signedDays = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');
export const signedMoney = (minor: number, currency: string, locale: 'en' | 'zh-CN') => `${minor > 0 ? '+' : minor < 0 ? '−' : ''}${formatMinor(Math.abs(minor), locale)} ${currency}`;

/** A project's change requests: raise one, submit it, and (the PM or the PMO) decide it. */
export default function ChangesTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [status, setStatus] = useState<ChangeRequestStatus>();
  const [open, setOpen] = useState<{ change: ChangeRequest | null } | null>(null);
  const changes = useChangeRequests(project.id, { status });
  const mutations = useChangeMutations(project.id);
  const rows = changes.data?.pages.flatMap((p) => p.items) ?? [];
  const mayCreate = changes.data?.pages[0]?.abilities.create ?? false;

  const columns: TableColumnsType<ChangeRequest> = [
    { title: t('changes.field.code'), dataIndex: 'code', width: 80, render: (c: string) => <span data-testid="change-code">{c}</span> },
    {
      title: t('changes.field.title'),
      dataIndex: 'title',
      render: (_: string, c) => (
        <Space orientation="vertical" size={0}>
          <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => setOpen({ change: c })} data-testid="change-open">
            {c.title}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('changes.requestedBy', { name: c.requestedByName ?? '—' })}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('changes.field.status'), dataIndex: 'status', render: (_: string, c) => <ChangeStatusTag status={c.status} /> },
    {
      title: t('changes.field.schedule'),
      dataIndex: 'scheduleImpactDays',
      render: (n: number) => (
        <Typography.Text type={n > 0 ? 'warning' : undefined} data-testid="change-schedule">
          {t('changes.days', { days: signedDays(n) })}
        </Typography.Text>
      ),
    },
    {
      title: t('changes.field.cost'),
      dataIndex: 'costImpact',
      render: (n: number, c) => (
        <Typography.Text type={n > 0 ? 'warning' : undefined} data-testid="change-cost">
          {signedMoney(n, c.currency, locale)}
        </Typography.Text>
      ),
    },
    {
      title: t('changes.field.decision'),
      key: 'decision',
      render: (_: unknown, c) =>
        c.decisionDate ? (
          <Space orientation="vertical" size={0}>
            <span>{c.decidedByName ?? '—'}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatPlanDate(c.decisionDate, locale)}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div data-testid="changes-tab">
      <Card
        title={t('changes.title')}
        size="small"
        extra={
          <Flex gap={8}>
            <Select<ChangeRequestStatus | 'all'>
              value={status ?? 'all'}
              onChange={(v) => setStatus(v === 'all' ? undefined : v)}
              style={{ width: 160 }}
              data-testid="change-filter-status"
              options={[{ value: 'all', label: t('changes.allStatuses') }, ...CHANGE_REQUEST_STATUS_LIST.map((s) => ({ value: s, label: t(`changes.status.${s}`) }))]}
            />
            {mayCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen({ change: null })} data-testid="change-create">
                {t('changes.create')}
              </Button>
            ) : null}
          </Flex>
        }
      >
        {changes.error ? <ErrorAlert error={changes.error} onRetry={() => void changes.refetch()} /> : null}
        <Table<ChangeRequest>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={changes.isPending}
          pagination={false}
          scroll={{ x: 760 }}
          data-testid="change-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status ? t('changes.emptyFiltered') : t('changes.empty')} /> }}
        />
        <LoadMore shown={rows.length} hasMore={!!changes.hasNextPage} loading={changes.isFetchingNextPage} onMore={() => void changes.fetchNextPage()} testId="changes-load-more" />
      </Card>
      {open ? <ChangeDrawer key={open.change?.id ?? 'new'} project={project} change={open.change} mutations={mutations} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
