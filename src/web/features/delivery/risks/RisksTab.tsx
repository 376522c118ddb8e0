import { AlertOutlined, EditOutlined, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatPlanDate } from '../../../lib/format.js';
import { useMembers } from '../api.js';
import type { Project } from '../types.js';
import { useIssues, useRiskMatrix, useRiskMutations, useRisks, type IssueFilter, type RiskFilter } from './api.js';
import { IssueDrawer } from './IssueDrawer.js';
import { IssueStatusTag, RiskStatusTag, ScoreTag, SeverityTag } from './labels.js';
import { OccurModal } from './OccurModal.js';
import { ReviewModal } from './ReviewModal.js';
import { RiskDrawer } from './RiskDrawer.js';
import { RiskHeatMap, type Cell } from './RiskHeatMap.js';
import { ISSUE_STATUS_LIST, RISK_STATUS_LIST, type Issue, type IssueStatus, type Risk, type RiskStatus } from './types.js';

const MIN_SCORES = [5, 10, 12, 15] as const;
const ACTIVE: readonly RiskStatus[] = ['open', 'monitoring'];

type Dialog = { kind: 'risk'; risk: Risk | null } | { kind: 'review'; risk: Risk } | { kind: 'occur'; risk: Risk } | { kind: 'issue'; issue: Issue | null } | null;

/**
 * A project's risks and issues: the 5×5 matrix (click a cell to filter), the register ordered by
 * score, and the issues that risks became (or that were raised directly).
 */
export default function RisksTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [status, setStatus] = useState<RiskFilter['status']>();
  const [minScore, setMinScore] = useState<number>();
  const [ownerId, setOwnerId] = useState<string>();
  const [cell, setCell] = useState<Cell | null>(null);
  const [issueStatus, setIssueStatus] = useState<IssueFilter['status']>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [highlightIssue, setHighlightIssue] = useState<string | null>(null);

  const filter: RiskFilter = useMemo(() => ({ status, minScore, ownerId, probability: cell?.probability, impact: cell?.impact }), [status, minScore, ownerId, cell]);
  const risks = useRisks(project.id, filter);
  const matrix = useRiskMatrix(project.id);
  const issues = useIssues(project.id, { status: issueStatus });
  const members = useMembers(project.id);
  const mutations = useRiskMutations(project.id);
  const riskRows = risks.data?.pages.flatMap((p) => p.items) ?? [];
  const issueRows = issues.data?.pages.flatMap((p) => p.items) ?? [];
  const mayCreate = risks.data?.pages[0]?.abilities.create ?? false;
  const mayCreateIssue = issues.data?.pages[0]?.abilities.create ?? false;
  const filtered = !!(status || minScore || ownerId || cell);
  const today = dayjs().format('YYYY-MM-DD');

  const selectCell = (c: Cell | null) => {
    setCell(c);
    // The matrix counts open and monitored risks: show the same ones in the register.
    if (c) setStatus('active');
  };
  const clearFilters = () => {
    setStatus(undefined);
    setMinScore(undefined);
    setOwnerId(undefined);
    setCell(null);
  };

  const riskColumns: TableColumnsType<Risk> = [
    { title: t('risks.field.score'), dataIndex: 'score', width: 80, render: (_: number, r) => <ScoreTag score={r.score} band={r.band} /> },
    {
      title: t('risks.field.title'),
      dataIndex: 'title',
      render: (_: string, r) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="risk-title-cell">{r.title}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`risks.category.${r.category}`)} · {r.probability} × {r.impact}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('risks.field.owner'), dataIndex: 'ownerName', render: (n: string | null) => n ?? '—' },
    { title: t('risks.field.response'), dataIndex: 'response', render: (_: string, r) => t(`risks.response.${r.response}`) },
    {
      title: t('risks.field.status'),
      dataIndex: 'status',
      render: (_: string, r) => (
        <Space size={0} orientation="vertical" align="start">
          <RiskStatusTag status={r.status} />
          {r.issueId ? (
            <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setHighlightIssue(r.issueId)} data-testid="risk-issue-link">
              {t('risks.occur.viewIssue')}
            </Button>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('risks.field.nextReviewDate'),
      dataIndex: 'nextReviewDate',
      render: (d: string | null, r) =>
        d ? (
          <Typography.Text type={ACTIVE.includes(r.status) && d < today ? 'danger' : undefined} data-testid="risk-next-review-cell">
            {formatPlanDate(d, locale)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 112,
      fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={2}>
          {r.abilities.update ? (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setDialog({ kind: 'risk', risk: r })} data-testid="risk-edit" />
            </Tooltip>
          ) : null}
          {r.abilities.review && ACTIVE.includes(r.status) ? (
            <Tooltip title={t('risks.review.action')}>
              <Button type="text" size="small" icon={<FileSearchOutlined />} aria-label={t('risks.review.action')} onClick={() => setDialog({ kind: 'review', risk: r })} data-testid="risk-review" />
            </Tooltip>
          ) : null}
          {r.abilities.occur && ACTIVE.includes(r.status) ? (
            <Tooltip title={t('risks.occur.action')}>
              <Button type="text" size="small" danger icon={<AlertOutlined />} aria-label={t('risks.occur.action')} onClick={() => setDialog({ kind: 'occur', risk: r })} data-testid="risk-occur" />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
  ];

  const issueColumns: TableColumnsType<Issue> = [
    { title: t('risks.issues.field.severity'), dataIndex: 'severity', width: 100, render: (_: string, i) => <SeverityTag severity={i.severity} /> },
    {
      title: t('risks.issues.field.title'),
      dataIndex: 'title',
      render: (_: string, i) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="issue-title-cell">{i.title}</span>
          {i.riskTitle ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="issue-from-risk">
              {t('risks.issues.fromRisk')}: {i.riskTitle}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('risks.issues.field.owner'), dataIndex: 'ownerName', render: (n: string | null) => n ?? '—' },
    { title: t('risks.issues.field.status'), dataIndex: 'status', render: (_: string, i) => <IssueStatusTag status={i.status} /> },
    {
      title: t('risks.issues.field.dueDate'),
      dataIndex: 'dueDate',
      render: (d: string | null, i) => (d ? <Typography.Text type={i.status !== 'resolved' && i.status !== 'closed' && d < today ? 'danger' : undefined}>{formatPlanDate(d, locale)}</Typography.Text> : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, i) =>
        i.abilities.update ? (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'issue', issue: i })} data-testid="issue-edit">
            {t('common.edit')}
          </Button>
        ) : null,
    },
  ];

  const m = matrix.data;
  return (
    <div data-testid="risks-tab">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={7}>
          <Card title={t('risks.matrix.title')} size="small" data-testid="risk-matrix-card">
            {matrix.error ? <ErrorAlert error={matrix.error} onRetry={() => void matrix.refetch()} /> : null}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t('risks.matrix.hint')}
            </Typography.Paragraph>
            {m ? <RiskHeatMap matrix={m} selected={cell} onSelect={selectCell} /> : <div style={{ minHeight: 260 }} />}
            <Flex vertical gap={4} style={{ marginTop: 12 }}>
              <Space size={12} wrap>
                <Typography.Text data-testid="risk-matrix-total">{t('risks.matrix.total', { count: m?.total ?? 0 })}</Typography.Text>
                <Typography.Text type={m?.highRisks ? 'danger' : 'secondary'} data-testid="risk-matrix-high">
                  {t('risks.matrix.highRisks', { count: m?.highRisks ?? 0 })}
                </Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('risks.matrix.bandsLegend')}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={17}>
          <Card
            title={t('risks.register')}
            size="small"
            data-testid="risk-register"
            extra={
              mayCreate ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'risk', risk: null })} data-testid="risk-create">
                  {t('risks.create')}
                </Button>
              ) : null
            }
          >
            <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
              <Select<NonNullable<RiskFilter['status']> | 'all'>
                value={status ?? 'all'}
                onChange={(v) => setStatus(v === 'all' ? undefined : v)}
                style={{ width: 180 }}
                data-testid="risk-filter-status"
                options={[
                  { value: 'all', label: t('risks.filter.allStatuses') },
                  { value: 'active', label: t('risks.filter.active') },
                  ...RISK_STATUS_LIST.map((s) => ({ value: s, label: t(`risks.status.${s}`) })),
                ]}
              />
              <Select<number | 0>
                value={minScore ?? 0}
                onChange={(v) => setMinScore(v || undefined)}
                style={{ width: 140 }}
                data-testid="risk-filter-score"
                options={[{ value: 0, label: t('risks.filter.anyScore') }, ...MIN_SCORES.map((s) => ({ value: s, label: t('risks.filter.minScore', { score: s }) }))]}
              />
              <Select<string>
                value={ownerId ?? ''}
                onChange={(v) => setOwnerId(v || undefined)}
                style={{ width: 180 }}
                data-testid="risk-filter-owner"
                options={[{ value: '', label: t('risks.filter.anyOwner') }, ...(members.data ?? []).map((x) => ({ value: x.userId, label: x.userName }))]}
              />
              {cell ? (
                <Tag closable onClose={() => setCell(null)} color="blue" data-testid="risk-filter-cell">
                  {t('risks.filter.cell', { probability: cell.probability, impact: cell.impact })}
                </Tag>
              ) : null}
              {filtered ? (
                <Button type="link" size="small" onClick={clearFilters} data-testid="risk-filter-clear">
                  {t('common.clearFilters')}
                </Button>
              ) : null}
            </Flex>
            {risks.error ? <ErrorAlert error={risks.error} onRetry={() => void risks.refetch()} /> : null}
            <Table<Risk>
              rowKey="id"
              size="small"
              columns={riskColumns}
              dataSource={riskRows}
              loading={risks.isPending}
              pagination={false}
              scroll={{ x: 760 }}
              data-testid="risk-table"
              onRow={(r) => ({ 'data-testid': `risk-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('risks.emptyFiltered') : t('risks.empty')} /> }}
            />
            <LoadMore shown={riskRows.length} hasMore={!!risks.hasNextPage} loading={risks.isFetchingNextPage} onMore={() => void risks.fetchNextPage()} testId="risks-load-more" />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            title={t('risks.issues.title')}
            size="small"
            data-testid="issue-register"
            extra={
              <Flex gap={8}>
                <Select<IssueStatus | 'unresolved' | 'all'>
                  value={issueStatus ?? 'all'}
                  onChange={(v) => setIssueStatus(v === 'all' ? undefined : v)}
                  style={{ width: 160 }}
                  data-testid="issue-filter-status"
                  options={[
                    { value: 'all', label: t('risks.issues.allStatuses') },
                    { value: 'unresolved', label: t('risks.issues.unresolved') },
                    ...ISSUE_STATUS_LIST.map((s) => ({ value: s, label: t(`risks.issues.status.${s}`) })),
                  ]}
                />
                {mayCreateIssue ? (
                  <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'issue', issue: null })} data-testid="issue-create">
                    {t('risks.issues.create')}
                  </Button>
                ) : null}
              </Flex>
            }
          >
            {issues.error ? <ErrorAlert error={issues.error} onRetry={() => void issues.refetch()} /> : null}
            <Table<Issue>
              rowKey="id"
              size="small"
              columns={issueColumns}
              dataSource={issueRows}
              loading={issues.isPending}
              pagination={false}
              scroll={{ x: 720 }}
              data-testid="issue-table"
              rowClassName={(i) => (i.id === highlightIssue ? 'ant-table-row-selected' : '')}
              onRow={(i) => ({ 'data-testid': `issue-row-${i.id}` }) as React.HTMLAttributes<HTMLElement>}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risks.issues.empty')} /> }}
            />
            <LoadMore shown={issueRows.length} hasMore={!!issues.hasNextPage} loading={issues.isFetchingNextPage} onMore={() => void issues.fetchNextPage()} testId="issues-load-more" />
          </Card>
        </Col>
      </Row>

      {dialog?.kind === 'risk' ? <RiskDrawer key={dialog.risk?.id ?? 'new'} projectId={project.id} risk={dialog.risk} mutations={mutations} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'review' ? <ReviewModal key={dialog.risk.id} projectId={project.id} risk={dialog.risk} mutations={mutations} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'occur' ? (
        <OccurModal key={dialog.risk.id} projectId={project.id} risk={dialog.risk} mutations={mutations} onClose={() => setDialog(null)} onOccurred={(i) => setHighlightIssue(i.id)} />
      ) : null}
      {dialog?.kind === 'issue' ? <IssueDrawer key={dialog.issue?.id ?? 'new'} projectId={project.id} issue={dialog.issue} mutations={mutations} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
