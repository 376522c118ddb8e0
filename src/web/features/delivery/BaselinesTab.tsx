import { SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Input, Row, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { currentLocale } from '../../i18n/index.js';
import { errorMessage } from '../../lib/errors.js';
import { formatInstant, formatMinor, formatPlanDate } from '../../lib/format.js';
import { useBaselines, useCreateBaseline, useVariance } from './api.js';
import type { Baseline, BaselineVariance, Project } from './types.js';

type VarianceRow = BaselineVariance['tasks'][number];

/** Days late (+, red) or early (−, green). */
function Days({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const type = value > 0 ? 'danger' : value < 0 ? 'success' : undefined;
  return <Typography.Text type={type}>{t('delivery.gantt.days', { count: value })}</Typography.Text>;
}

const hours = (h: number, locale: string) => h.toLocaleString(locale, { maximumFractionDigits: 1 });

function VarianceTable({ baselineId, project }: { baselineId: string; project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const variance = useVariance(baselineId);
  const date = (d: string | null) => (d ? formatPlanDate(d, locale) : '—');
  const money = (m: number) => formatMinor(m, locale);
  const columns: TableColumnsType<VarianceRow> = [
    { title: t('delivery.gantt.wbs'), dataIndex: 'wbs', width: 70, fixed: 'left' },
    { title: t('delivery.gantt.name'), dataIndex: 'name', width: 220, fixed: 'left', ellipsis: true },
    { title: t('delivery.baselines.baselineStart'), dataIndex: 'baselineStart', render: date },
    { title: t('delivery.gantt.start'), dataIndex: 'start', render: date },
    { title: t('delivery.baselines.startVariance'), dataIndex: 'startVarianceDays', align: 'right', render: (v: number | null) => <Days value={v} /> },
    { title: t('delivery.baselines.baselineFinish'), dataIndex: 'baselineFinish', render: date },
    { title: t('delivery.gantt.finish'), dataIndex: 'finish', render: date },
    { title: t('delivery.baselines.finishVariance'), dataIndex: 'finishVarianceDays', align: 'right', render: (v: number | null) => <Days value={v} /> },
    { title: t('delivery.baselines.baselineWork'), dataIndex: 'baselineWorkHours', align: 'right', render: (h: number) => hours(h, locale) },
    { title: t('delivery.baselines.work'), dataIndex: 'workHours', align: 'right', render: (h: number) => hours(h, locale) },
    { title: t('delivery.baselines.baselineCost', { currency: project.currency }), dataIndex: 'baselineCost', align: 'right', render: money },
    { title: t('delivery.baselines.cost', { currency: project.currency }), dataIndex: 'cost', align: 'right', render: money },
  ];
  if (variance.error) return <ErrorAlert error={variance.error} onRetry={() => void variance.refetch()} />;
  return (
    <Table<VarianceRow>
      rowKey="taskId"
      size="small"
      columns={columns}
      dataSource={variance.data?.tasks ?? []}
      loading={variance.isPending}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 1300 }}
      data-testid="variance-table"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delivery.baselines.noTasks')} /> }}
    />
  );
}

/** Baselines: named snapshots of the plan, and the variance of today's plan against one. */
export default function BaselinesTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const locale = currentLocale();
  const baselines = useBaselines(project.id);
  const create = useCreateBaseline(project.id);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const selected = picked ?? baselines.data?.[0]?.id ?? null;
  const save = () => {
    const n = name.trim();
    if (!n) return;
    create.mutate(n, {
      onSuccess: (b) => {
        void message.success(t('delivery.baselines.saved', { name: b.name }));
        setName('');
        setPicked(b.id);
      },
    });
  };
  const columns: TableColumnsType<Baseline> = [
    { title: t('delivery.baselines.name'), dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: t('delivery.baselines.takenAt'), dataIndex: 'takenAt', render: (at: string) => formatInstant(at, locale, me.user.timeZone) },
    { title: t('delivery.baselines.takenBy'), dataIndex: 'takenBy', render: (by: string | null) => by ?? '—' },
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={t('delivery.baselines.title')} data-testid="baselines">
          {project.abilities.editPlan ? (
            <>
              <Typography.Paragraph type="secondary">{t('delivery.baselines.help')}</Typography.Paragraph>
              <Flex gap={8} style={{ marginBottom: 16, maxWidth: 520 }}>
                <Input value={name} onChange={(e) => setName(e.target.value)} onPressEnter={save} maxLength={120} placeholder={t('delivery.baselines.namePlaceholder')} data-testid="baseline-name" />
                <Button type="primary" icon={<SaveOutlined />} loading={create.isPending} disabled={!name.trim()} onClick={save} data-testid="baseline-save">
                  {t('delivery.baselines.save')}
                </Button>
              </Flex>
              {create.error ? <Alert type="error" showIcon title={errorMessage(create.error, t)} style={{ marginBottom: 16 }} /> : null}
            </>
          ) : null}
          {baselines.error ? <ErrorAlert error={baselines.error} onRetry={() => void baselines.refetch()} /> : null}
          <Table<Baseline>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={baselines.data ?? []}
            loading={baselines.isPending}
            pagination={false}
            data-testid="baselines-table"
            rowSelection={{ type: 'radio', selectedRowKeys: selected ? [selected] : [], onChange: (keys) => setPicked((keys[0] as string) ?? null) }}
            onRow={(b) => ({ onClick: () => setPicked(b.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delivery.baselines.empty')} /> }}
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('delivery.baselines.variance')}>
          {selected ? (
            <VarianceTable baselineId={selected} project={project} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delivery.baselines.pickOne')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
