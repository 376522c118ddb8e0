import { FileAddOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, List, Popconfirm, Row, Select, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { currentLocale } from '../../../i18n/index.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant, formatMinor, formatPlanDate } from '../../../lib/format.js';
import type { Project } from '../types.js';
import { HEALTH_LIST, useReport, useReportMutations, useReports, type Health, type StatusReport } from './api.js';

type Severity = 'low' | 'medium' | 'high' | 'critical';
const SEVERITY_COLOR: Record<string, string> = { low: 'default', medium: 'gold', high: 'orange', critical: 'red' };
const HEALTH_COLOR: Record<Health, string> = { on_track: 'green', at_risk: 'gold', off_track: 'red' };
const ratio = (v: number | null | undefined) => (v === null || v === undefined ? null : v.toFixed(2));
const ratioColor = (v: number | null | undefined) => (v === null || v === undefined ? undefined : v >= 1 ? '#389e0d' : v >= 0.9 ? '#d48806' : '#cf1322');

// Printing shows the report alone: the navigation, the tabs and the history are left off paper.
const PRINT_CSS = `@media print {
  .ant-layout-sider, .tandem-header, .ant-tabs-nav, [data-print="hide"], .ant-page-header { display: none !important; }
  .tandem-content { padding: 0 !important; }
  [data-testid="report-view"] { box-shadow: none !important; border: none !important; }
}`;

/** Weekly status reports: drafted from the data, edited and submitted by the PM; history and print. */
export default function ReportsTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const reports = useReports(project.id);
  const mutations = useReportMutations(project.id);
  const [selected, setSelected] = useState<string | null>(null);
  const first = reports.data?.pages[0];
  const rows = reports.data?.pages.flatMap((p) => p.items) ?? [];
  const current = selected ?? first?.thisWeekReportId ?? rows[0]?.id ?? null;

  const draft = () =>
    mutations.draft.mutate(undefined, {
      onSuccess: (r) => {
        void message.success(t('reports.drafted'));
        setSelected(r.id);
      },
      onError: (err) => {
        const existing = isApiError(err) && err.isConflict ? (err.details as { existingId?: string } | undefined)?.existingId : undefined;
        if (existing) setSelected(existing);
        void message.error(errorMessage(err, t));
      },
    });

  const columns: TableColumnsType<StatusReport> = [
    { title: t('reports.col.week'), dataIndex: 'weekOf', render: (d: string) => <span data-testid="report-week-cell">{formatPlanDate(d, locale)}</span> },
    { title: t('reports.col.status'), dataIndex: 'status', render: (s: StatusReport['status']) => <Tag color={s === 'submitted' ? 'blue' : 'default'} data-testid="report-status-cell">{t(`reports.status.${s}`)}</Tag> },
    { title: t('reports.col.health'), dataIndex: 'health', render: (h: Health) => <Tag color={HEALTH_COLOR[h]}>{t(`reports.health.${h}`)}</Tag> },
    { title: t('reports.col.spi'), key: 'spi', render: (_: unknown, r) => ratio(r.snapshot.earnedValue.spi) ?? '—' },
    { title: t('reports.col.cpi'), key: 'cpi', render: (_: unknown, r) => ratio(r.snapshot.earnedValue.cpi) ?? '—' },
  ];

  return (
    <div data-testid="reports-tab">
      <style>{PRINT_CSS}</style>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8} data-print="hide">
          <Card
            title={t('reports.history')}
            size="small"
            extra={
              first?.abilities.create && !first.thisWeekReportId ? (
                <Button type="primary" icon={<FileAddOutlined />} loading={mutations.draft.isPending} onClick={draft} data-testid="report-draft">
                  {t('reports.draftThisWeek')}
                </Button>
              ) : null
            }
          >
            {reports.error ? <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} /> : null}
            {first && !first.abilities.create && project.abilities.update && !['planning', 'executing', 'closing', 'on_hold'].includes(project.status) ? (
              <Alert type="info" showIcon title={t('reports.notReporting')} style={{ marginBottom: 12 }} />
            ) : null}
            <Table<StatusReport>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={reports.isLoading}
              pagination={false}
              onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer', background: r.id === current ? '#e6f4ff' : undefined } })}
              locale={{ emptyText: <Empty description={t('reports.empty')} /> }}
              data-testid="report-history"
            />
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          {current ? <ReportView key={current} project={project} id={current} /> : <Card size="small"><Empty description={t('reports.select')} /></Card>}
        </Col>
      </Row>
    </div>
  );
}

interface Values {
  health: Health;
  summary: string;
  accomplishments: string;
  nextSteps: string;
}

function ReportView({ project, id }: { project: Project; id: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const report = useReport(project.id, id);
  const mutations = useReportMutations(project.id);
  const [form] = Form.useForm<Values>();
  const r = report.data;
  useEffect(() => {
    if (r) form.setFieldsValue({ health: r.health, summary: r.summary, accomplishments: r.accomplishments, nextSteps: r.nextSteps });
  }, [r, form]);

  if (report.error) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  if (!r) return <Card size="small" loading />;
  const editable = r.abilities.update;
  const s = r.snapshot;
  const ev = s.earnedValue;

  const save = async (then?: (fresh: StatusReport) => void) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    mutations.update.mutate(
      { id: r.id, body: { version: r.version, health: v.health, summary: v.summary ?? '', accomplishments: v.accomplishments ?? '', nextSteps: v.nextSteps ?? '' } },
      {
        onSuccess: (fresh) => (then ? then(fresh) : void message.success(t('common.saved'))),
        onError: (err) => void message.error(errorMessage(err, t)),
      },
    );
  };
  const submit = () =>
    void save((fresh) =>
      mutations.submit.mutate(
        { id: fresh.id, version: fresh.version },
        { onSuccess: () => void message.success(t('reports.submitted')), onError: (err) => void message.error(errorMessage(err, t)) },
      ),
    );

  return (
    <Card
      size="small"
      data-testid="report-view"
      data-status={r.status}
      title={
        <Space wrap>
          <span>{project.code} · {project.name}</span>
          <Typography.Text type="secondary">{t('reports.weekOf', { date: formatPlanDate(r.weekOf, locale) })}</Typography.Text>
          <Tag color={r.status === 'submitted' ? 'blue' : 'default'} data-testid="report-status">{t(`reports.status.${r.status}`)}</Tag>
        </Space>
      }
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-print="hide" data-testid="report-print">
          {t('reports.print')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('reports.reportDate', { date: formatPlanDate(r.reportDate, locale) })}
        {' · '}
        {r.submittedAt ? t('reports.submittedBy', { name: r.submittedByName ?? '—', date: formatInstant(r.submittedAt, locale) }) : t('reports.draftBy', { name: r.createdByName ?? '—' })}
      </Typography.Paragraph>

      <Typography.Title level={5}>{t('reports.figures.title')}</Typography.Title>
      <Row gutter={[16, 8]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic title={t('reports.figures.percentComplete')} value={s.percentComplete} precision={0} suffix="%" />
        </Col>
        <Col xs={12} md={6} data-testid="report-spi">
          <Statistic title={t('reports.figures.spi')} value={ratio(ev.spi) ?? t('reports.figures.notAvailable')} styles={{ content: { color: ratioColor(ev.spi) } }} />
        </Col>
        <Col xs={12} md={6} data-testid="report-cpi">
          <Statistic title={t('reports.figures.cpi')} value={ratio(ev.cpi) ?? t('reports.figures.notAvailable')} styles={{ content: { color: ratioColor(ev.cpi) } }} />
        </Col>
        <Col xs={12} md={6}>
          <Descriptions size="small" column={1} items={[
            { key: 'pv', label: t('reports.figures.pv'), children: `${formatMinor(ev.pv, locale)} ${s.currency}` },
            { key: 'ev', label: t('reports.figures.ev'), children: `${formatMinor(ev.ev, locale)} ${s.currency}` },
            { key: 'ac', label: t('reports.figures.ac'), children: `${formatMinor(ev.ac, locale)} ${s.currency}` },
          ]} />
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t('reports.milestonesDone')}</Typography.Title>
          <List size="small" dataSource={s.milestonesDone} locale={{ emptyText: t('reports.none') }} data-testid="report-milestones-done"
            renderItem={(m) => <List.Item>{m.name}<Typography.Text type="secondary">{m.date ? formatPlanDate(m.date, locale) : ''}</Typography.Text></List.Item>} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t('reports.milestonesDue')}</Typography.Title>
          <List size="small" dataSource={s.milestonesDue} locale={{ emptyText: t('reports.none') }} data-testid="report-milestones-due"
            renderItem={(m) => (
              <List.Item>
                <span>{m.name} {m.late ? <Tag color="red">{t('reports.late')}</Tag> : null}</span>
                <Typography.Text type="secondary">{m.date ? formatPlanDate(m.date, locale) : ''}</Typography.Text>
              </List.Item>
            )} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t('reports.topRisks')}</Typography.Title>
          <List size="small" dataSource={s.topRisks} locale={{ emptyText: t('reports.none') }} data-testid="report-top-risks"
            renderItem={(x) => (
              <List.Item>
                <span data-testid="report-risk-title">{x.title}</span>
                <Tag color={x.score >= 15 ? 'red' : x.score >= 10 ? 'orange' : x.score >= 5 ? 'gold' : 'green'}>{t('reports.score')} {x.score}</Tag>
              </List.Item>
            )} />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Title level={5}>{t('reports.openIssues', { count: s.openIssueCount })}</Typography.Title>
          <List size="small" dataSource={s.openIssues} locale={{ emptyText: t('reports.none') }} data-testid="report-open-issues"
            renderItem={(x) => <List.Item>{x.title}<Tag color={SEVERITY_COLOR[x.severity]}>{t(`risks.issues.severity.${x.severity as Severity}`)}</Tag></List.Item>} />
        </Col>
      </Row>

      {!editable && r.status === 'submitted' ? <Alert type="info" showIcon title={t('reports.readOnly')} style={{ marginBottom: 12 }} data-print="hide" /> : null}
      <Form<Values> form={form} layout="vertical" disabled={!editable} initialValues={{ health: r.health, summary: r.summary, accomplishments: r.accomplishments, nextSteps: r.nextSteps }}>
        <Form.Item name="health" label={t('reports.field.health')}>
          <Select style={{ maxWidth: 240 }} options={HEALTH_LIST.map((h) => ({ value: h, label: t(`reports.health.${h}`) }))} data-testid="report-health" />
        </Form.Item>
        <Form.Item name="summary" label={t('reports.field.summary')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} data-testid="report-summary" />
        </Form.Item>
        <Form.Item name="accomplishments" label={t('reports.field.accomplishments')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} data-testid="report-accomplishments" />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('reports.field.nextSteps')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} data-testid="report-next-steps" />
        </Form.Item>
      </Form>
      {editable ? (
        <Flex justify="flex-end" gap={8} data-print="hide">
          <Button loading={mutations.update.isPending} onClick={() => void save()} data-testid="report-save">
            {t('common.save')}
          </Button>
          <Popconfirm title={t('reports.submitConfirm')} onConfirm={submit} okText={t('reports.submit')} cancelText={t('common.cancel')}>
            <Button type="primary" loading={mutations.submit.isPending} data-testid="report-submit">
              {t('reports.submit')}
            </Button>
          </Popconfirm>
        </Flex>
      ) : null}
    </Card>
  );
}
