import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Segmented, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatMinor, formatPlanDate } from '../../../lib/format.js';
import type { Project } from '../types.js';
import { useDecideEntry, useProjectTimesheets, type TimesheetEntry } from './api.js';
import { ExpensesSection } from './ExpensesSection.js';

const STATUSES = ['submitted', 'approved', 'rejected', ''] as const;
const COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', approved: 'success', rejected: 'error' };

/** The project's time and cost records: hours and expenses, each approved by the PM. */
export default function ApprovalsTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <Tabs
      size="small"
      destroyOnHidden
      items={[
        { key: 'hours', label: <span data-testid="time-subtab-hours">{t('time.approvals.hoursTab')}</span>, children: <HoursSection project={project} /> },
        { key: 'expenses', label: <span data-testid="time-subtab-expenses">{t('time.expenses.tab')}</span>, children: <ExpensesSection project={project} /> },
      ]}
    />
  );
}

/** The project's timesheets: the PM approves or rejects submitted hours; others see what they may. */
function HoursSection({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string>('submitted');
  const list = useProjectTimesheets(project.id, status);
  const decide = useDecideEntry();
  const canDecide = project.abilities.update === true;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const act = async (e: TimesheetEntry, decision: 'approve' | 'reject') => {
    try {
      await decide.mutateAsync({ id: e.id, decision, version: e.version });
      message.success(t(decision === 'approve' ? 'time.approvals.approved' : 'time.approvals.rejected'));
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  const columns: TableColumnsType<TimesheetEntry> = [
    { title: t('time.approvals.date'), dataIndex: 'date', width: 120, render: (d: string) => formatPlanDate(d, locale) },
    { title: t('time.approvals.person'), dataIndex: 'userName', width: 160 },
    { title: t('time.task'), dataIndex: 'taskName', ellipsis: true },
    { title: t('time.approvals.hours'), dataIndex: 'hours', width: 90, align: 'right', render: (h: number) => h.toLocaleString(locale, { maximumFractionDigits: 2 }) },
    { title: t('time.approvals.cost'), dataIndex: 'cost', width: 130, align: 'right', render: (c: number) => `${formatMinor(c, locale)} ${project.currency}` },
    { title: t('time.approvals.note'), dataIndex: 'note', ellipsis: true },
    { title: t('time.approvals.status'), dataIndex: 'status', width: 120, render: (s: string) => <Tag color={COLORS[s]}>{t(`time.status.${s}` as 'time.status.draft')}</Tag> },
    ...(canDecide
      ? [
          {
            title: '',
            key: 'actions',
            width: 200,
            render: (_: unknown, e: TimesheetEntry) =>
              e.status === 'submitted' ? (
                <Space>
                  <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => void act(e, 'approve')} data-testid={`approve-${e.id}`}>
                    {t('time.approvals.approve')}
                  </Button>
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => void act(e, 'reject')} data-testid={`reject-${e.id}`}>
                    {t('time.approvals.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={STATUSES.map((s) => ({ value: s, label: s ? t(`time.status.${s}` as 'time.status.draft') : t('time.approvals.all') }))}
          data-testid="approvals-filter"
        />
        {canDecide ? null : <Typography.Text type="secondary">{t('time.approvals.readOnly')}</Typography.Text>}
      </Space>
      <div data-testid="approvals-table">
        <Table<TimesheetEntry> rowKey="id" size="small" loading={list.isPending} columns={columns} dataSource={items} pagination={false} />
      </div>
      <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
    </>
  );
}
