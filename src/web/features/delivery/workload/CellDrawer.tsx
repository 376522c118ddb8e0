import { Descriptions, Drawer, Empty, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatPlanDate } from '../../../lib/format.js';
import { useWorkloadCell } from './api.js';
import { formatHours, HEAT_STYLE, heatBand } from './heat.js';
import type { WorkloadCellItem } from './types.js';
import type { CellRef } from './WorkloadGrid.js';

/** The tasks behind one cell of the heat map: where the person's hours in that week come from. */
export function CellDrawer({ cell, onClose }: { cell: CellRef | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const q = useWorkloadCell(cell?.person.id ?? null, cell?.weekStart ?? null);
  const data = q.data;
  const columns: TableColumnsType<WorkloadCellItem> = [
    {
      key: 'project',
      title: t('workload.project'),
      render: (_, i) =>
        i.visible ? (
          <Link to={`/delivery/projects/${i.projectId}`} data-testid="workload-item-project">
            <Typography.Text type="secondary">{i.projectCode}</Typography.Text> {i.projectName}
          </Link>
        ) : (
          <Typography.Text type="secondary" italic data-testid="workload-item-hidden">
            {t('workload.hiddenProjects')}
          </Typography.Text>
        ),
    },
    { key: 'task', title: t('workload.task'), render: (_, i) => (i.visible ? <span data-testid="workload-item-task">{`${i.wbs} ${i.taskName}`}</span> : null) },
    {
      key: 'dates',
      title: t('workload.dates'),
      render: (_, i) => (i.start && i.finish ? `${formatPlanDate(i.start, locale)} – ${formatPlanDate(i.finish, locale)}` : null),
    },
    { key: 'units', title: t('workload.units'), align: 'right', render: (_, i) => (i.units === null ? null : `${Math.round(i.units * 100)}%`) },
    { key: 'work', title: t('workload.workHours'), align: 'right', render: (_, i) => (i.workHours === null ? null : formatHours(i.workHours)) },
    { key: 'hours', title: t('workload.hoursThisWeek'), align: 'right', render: (_, i) => <Typography.Text strong>{formatHours(i.hours)}</Typography.Text> },
  ];
  const band = data ? heatBand(data) : 'free';
  return (
    <Drawer
      open={!!cell}
      onClose={onClose}
      size="large"
      destroyOnHidden
      title={cell ? t('workload.cellTitle', { name: cell.person.name, date: formatPlanDate(cell.weekStart, locale) }) : null}
      data-testid="workload-drawer"
    >
      {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {!data ? (
        q.isError ? null : <Skeleton active />
      ) : (
        <>
          <Descriptions
            size="small"
            column={3}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'hours', label: t('workload.hours'), children: <span data-testid="workload-cell-hours">{formatHours(data.hours)}</span> },
              { key: 'capacity', label: t('workload.capacityHours'), children: formatHours(data.capacityHours) },
              {
                key: 'allocation',
                label: t('workload.allocation'),
                children: (
                  <Tag style={{ background: HEAT_STYLE[band].background, color: HEAT_STYLE[band].color, border: 0 }} data-testid="workload-cell-allocation">
                    {data.allocation === null ? t('workload.noCapacity') : `${Math.round(data.allocation * 100)}%`}
                    {data.overAllocated ? ` · ${t('workload.overAllocated')}` : ''}
                  </Tag>
                ),
              },
            ]}
          />
          {data.items.length ? (
            <Table<WorkloadCellItem>
              size="small"
              rowKey={(i) => i.taskId ?? 'hidden'}
              columns={columns}
              dataSource={data.items}
              pagination={false}
              onRow={() => ({ 'data-testid': 'workload-cell-item' }) as HTMLAttributes<HTMLElement>}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workload.noTasks')} />
          )}
        </>
      )}
    </Drawer>
  );
}
