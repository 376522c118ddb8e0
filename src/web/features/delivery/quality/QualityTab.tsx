import { BugOutlined, CheckCircleOutlined, EditOutlined, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Flex, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatPlanDate } from '../../../lib/format.js';
import type { Project } from '../types.js';
import { useDefects, useDeliverables, useQualityMutations, type DefectFilter, type QualityMutations } from './api.js';
import { DefectDrawer } from './DefectDrawer.js';
import { DeliverableDrawer } from './DeliverableDrawer.js';
import { DefectSeverityTag, DefectStatusTag, DeliverableStatusTag } from './labels.js';
import { ReviewModal } from './ReviewModal.js';
import { DEFECT_SEVERITY_LIST, DEFECT_STATUS_LIST, DELIVERABLE_STATUS_LIST, type Defect, type DefectSeverity, type Deliverable, type DeliverableStatus } from './types.js';

type Dialog = { kind: 'deliverable'; deliverable: Deliverable | null } | { kind: 'review'; deliverable: Deliverable } | { kind: 'defect'; deliverable: Deliverable | null; defect: Defect | null } | null;

/** The defects of a project, or of one deliverable (in its expanded row), with their actions. */
function DefectTable({ projectId, filter, mutations, onEdit, testId }: { projectId: string; filter: DefectFilter; mutations: QualityMutations; onEdit: (d: Defect) => void; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const defects = useDefects(projectId, filter);
  const rows = defects.data?.pages.flatMap((p) => p.items) ?? [];
  const markFixed = (d: Defect) =>
    mutations.updateDefect.mutate(
      { id: d.id, body: { version: d.version, status: 'fixed' } },
      { onSuccess: () => void message.success(t('quality.defect.markedFixed')), onError: (err) => void message.error(errorMessage(err, t)) },
    );
  const columns: TableColumnsType<Defect> = [
    { title: t('quality.defect.severity'), dataIndex: 'severity', width: 100, render: (_: string, d) => <DefectSeverityTag severity={d.severity} /> },
    {
      title: t('quality.defect.title'),
      dataIndex: 'title',
      render: (_: string, d) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="defect-title-cell">{d.title}</span>
          {!filter.deliverableId && d.deliverableName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.deliverableName}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('quality.defect.assignee'), dataIndex: 'assigneeName', render: (n: string | null) => n ?? '—' },
    { title: t('quality.defect.foundBy'), dataIndex: 'foundByName', render: (n: string | null) => n ?? '—' },
    { title: t('quality.defect.status'), dataIndex: 'status', render: (_: string, d) => <DefectStatusTag status={d.status} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, d) => (
        <Space size={2}>
          {d.abilities.update ? (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => onEdit(d)} data-testid="defect-edit" />
            </Tooltip>
          ) : null}
          {!d.abilities.update && d.abilities.fix && d.status === 'open' ? (
            <Button type="link" size="small" onClick={() => markFixed(d)} data-testid="defect-mark-fixed">
              {t('quality.defect.markFixed')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <>
      {defects.error ? <ErrorAlert error={defects.error} onRetry={() => void defects.refetch()} /> : null}
      <Table<Defect>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={defects.isPending}
        pagination={false}
        scroll={{ x: 680 }}
        data-testid={testId}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quality.defect.empty')} /> }}
      />
      <LoadMore shown={rows.length} hasMore={!!defects.hasNextPage} loading={defects.isFetchingNextPage} onMore={() => void defects.fetchNextPage()} testId={`${testId}-more`} />
    </>
  );
}

/**
 * A project's quality: its deliverables (status, due date, criteria met, open defects; expand a row
 * for its defects), reviews that accept or reject them, and the project's defects.
 */
export default function QualityTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [status, setStatus] = useState<DeliverableStatus>();
  const [defectStatus, setDefectStatus] = useState<DefectFilter['status']>('unresolved');
  const [severity, setSeverity] = useState<DefectSeverity>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const deliverables = useDeliverables(project.id, { status });
  const mutations = useQualityMutations(project.id);
  const rows = deliverables.data?.pages.flatMap((p) => p.items) ?? [];
  const mayCreate = deliverables.data?.pages[0]?.abilities.create ?? false;
  const today = dayjs().format('YYYY-MM-DD');
  const editDefect = (d: Defect) => setDialog({ kind: 'defect', deliverable: null, defect: d });

  const columns: TableColumnsType<Deliverable> = [
    {
      title: t('quality.field.name'),
      dataIndex: 'name',
      width: 320,
      render: (_: string, d) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="deliverable-name-cell">{d.name}</span>
          {d.taskName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('quality.field.task')}: {d.taskName}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('quality.field.owner'), dataIndex: 'ownerName', render: (n: string | null) => n ?? '—' },
    {
      title: t('quality.field.dueDate'),
      dataIndex: 'dueDate',
      width: 150,
      render: (d: string, r) => <Typography.Text type={r.status !== 'accepted' && d < today ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>{formatPlanDate(d, locale)}</Typography.Text>,
    },
    { title: t('quality.field.status'), dataIndex: 'status', render: (_: string, d) => <DeliverableStatusTag status={d.status} /> },
    {
      title: t('quality.field.criteria'),
      key: 'criteria',
      render: (_: unknown, d) =>
        d.criteriaTotal ? (
          <Typography.Text type={d.criteriaMet === d.criteriaTotal ? 'success' : undefined} data-testid="deliverable-criteria">
            <CheckCircleOutlined /> {d.criteriaMet}/{d.criteriaTotal}
          </Typography.Text>
        ) : (
          <span data-testid="deliverable-criteria">—</span>
        ),
    },
    {
      title: t('quality.field.openDefects'),
      key: 'defects',
      render: (_: unknown, d) => (
        <Tooltip title={d.blockingDefects ? t('quality.blockingHint', { count: d.blockingDefects }) : undefined}>
          <Badge count={d.openDefects} showZero color={d.blockingDefects ? 'red' : d.openDefects ? 'gold' : '#d9d9d9'} data-testid="deliverable-open-defects" data-count={d.openDefects} />
        </Tooltip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_: unknown, d) => (
        <Space size={2}>
          {d.abilities.update ? (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setDialog({ kind: 'deliverable', deliverable: d })} data-testid="deliverable-edit" />
            </Tooltip>
          ) : null}
          {d.abilities.review ? (
            <Tooltip title={t('quality.review.action')}>
              <Button type="text" size="small" icon={<FileSearchOutlined />} aria-label={t('quality.review.action')} onClick={() => setDialog({ kind: 'review', deliverable: d })} data-testid="deliverable-review" />
            </Tooltip>
          ) : null}
          {d.abilities.logDefect ? (
            <Tooltip title={t('quality.defect.log')}>
              <Button type="text" size="small" icon={<BugOutlined />} aria-label={t('quality.defect.log')} onClick={() => setDialog({ kind: 'defect', deliverable: d, defect: null })} data-testid="deliverable-log-defect" />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="quality-tab">
      <Flex vertical gap={16}>
        <Card
          title={t('quality.deliverables')}
          size="small"
          data-testid="deliverables-card"
          extra={
            <Flex gap={8}>
              <Select<DeliverableStatus | 'all'>
                value={status ?? 'all'}
                onChange={(v) => setStatus(v === 'all' ? undefined : v)}
                style={{ width: 160 }}
                data-testid="deliverable-filter-status"
                options={[{ value: 'all', label: t('quality.allStatuses') }, ...DELIVERABLE_STATUS_LIST.map((s) => ({ value: s, label: t(`quality.status.${s}`) }))]}
              />
              {mayCreate ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'deliverable', deliverable: null })} data-testid="deliverable-create">
                  {t('quality.create')}
                </Button>
              ) : null}
            </Flex>
          }
        >
          {deliverables.error ? <ErrorAlert error={deliverables.error} onRetry={() => void deliverables.refetch()} /> : null}
          <Table<Deliverable>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={deliverables.isPending}
            pagination={false}
            scroll={{ x: 1000 }}
            data-testid="deliverable-table"
            expandable={{
              expandedRowRender: (d) => <DefectTable projectId={project.id} filter={{ deliverableId: d.id }} mutations={mutations} onEdit={editDefect} testId={`deliverable-defects-${d.id}`} />,
              rowExpandable: (d) => d.openDefects > 0 || !!d.lastReviewedAt,
            }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status ? t('quality.emptyFiltered') : t('quality.empty')} /> }}
          />
          <LoadMore shown={rows.length} hasMore={!!deliverables.hasNextPage} loading={deliverables.isFetchingNextPage} onMore={() => void deliverables.fetchNextPage()} testId="deliverables-load-more" />
        </Card>

        <Card
          title={t('quality.defect.listTitle')}
          size="small"
          data-testid="defects-card"
          extra={
            <Flex gap={8}>
              <Select<NonNullable<DefectFilter['status']> | 'all'>
                value={defectStatus ?? 'all'}
                onChange={(v) => setDefectStatus(v === 'all' ? undefined : v)}
                style={{ width: 160 }}
                data-testid="defect-filter-status"
                options={[
                  { value: 'all', label: t('quality.allStatuses') },
                  { value: 'unresolved', label: t('quality.defect.unresolved') },
                  ...DEFECT_STATUS_LIST.map((s) => ({ value: s, label: t(`quality.defectStatus.${s}`) })),
                ]}
              />
              <Select<DefectSeverity | 'all'>
                value={severity ?? 'all'}
                onChange={(v) => setSeverity(v === 'all' ? undefined : v)}
                style={{ width: 140 }}
                data-testid="defect-filter-severity"
                options={[{ value: 'all', label: t('quality.defect.anySeverity') }, ...DEFECT_SEVERITY_LIST.map((s) => ({ value: s, label: t(`quality.severity.${s}`) }))]}
              />
            </Flex>
          }
        >
          <DefectTable projectId={project.id} filter={{ status: defectStatus, severity }} mutations={mutations} onEdit={editDefect} testId="defect-table" />
        </Card>
      </Flex>

      {dialog?.kind === 'deliverable' ? <DeliverableDrawer key={dialog.deliverable?.id ?? 'new'} projectId={project.id} deliverable={dialog.deliverable} mutations={mutations} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'review' ? <ReviewModal key={dialog.deliverable.id} project={project} deliverable={dialog.deliverable} mutations={mutations} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'defect' ? <DefectDrawer key={dialog.defect?.id ?? 'new'} projectId={project.id} deliverable={dialog.deliverable} defect={dialog.defect} mutations={mutations} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
