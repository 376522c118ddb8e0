import { Alert, Button, Card, Col, Flex, Input, Progress, Row, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatMinor, formatPlanDate } from '../../../lib/format.js';
import { usePortfolio, type PortfolioFilter, type PortfolioItem } from '../closing/api.js';
import { HealthTag, StatusTag } from '../labels.js';
import { PROJECT_HEALTH_LIST, PROJECT_STATUS_LIST, type ProjectHealth, type ProjectStatus } from '../types.js';
import { BudgetVsActual, IndexValue } from './indices.js';
import { HealthChart, IndexScatter } from './PortfolioCharts.js';

/** Every project the user may see: health, progress, SPI/CPI, budget against actual, next milestone; with charts. */
export default function PortfolioPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [filter, setFilter] = useState<PortfolioFilter>({});
  const portfolio = usePortfolio(filter);
  const items = useMemo(() => portfolio.data?.pages.flatMap((p) => p.items) ?? [], [portfolio.data]);
  const statusDate = portfolio.data?.pages[0]?.statusDate;
  const managers = useMemo(() => [...new Map(items.map((i) => [i.managerId, i.managerName ?? '—'])).entries()].sort((a, b) => a[1].localeCompare(b[1])), [items]);
  const set = (patch: Partial<PortfolioFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const columns: TableColumnsType<PortfolioItem> = [
    {
      key: 'project',
      title: t('portfolio.columns.project'),
      render: (_, p) => (
        <Link to={`/delivery/projects/${p.id}`} data-testid="portfolio-project-link">
          <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
            {p.code}
          </Typography.Text>
          {p.name}
        </Link>
      ),
    },
    { key: 'status', title: t('portfolio.columns.status'), render: (_, p) => <StatusTag status={p.status} /> },
    { key: 'health', title: t('portfolio.columns.health'), render: (_, p) => <HealthTag health={p.health} /> },
    { key: 'progress', title: t('portfolio.columns.progress'), render: (_, p) => <Progress percent={Math.round(p.percentComplete)} size="small" style={{ minWidth: 100, marginBottom: 0 }} /> },
    { key: 'spi', title: t('portfolio.columns.spi'), align: 'right', render: (_, p) => <IndexValue value={p.spi} testId="portfolio-spi" /> },
    { key: 'cpi', title: t('portfolio.columns.cpi'), align: 'right', render: (_, p) => <IndexValue value={p.cpi} testId="portfolio-cpi" /> },
    { key: 'cost', title: t('portfolio.columns.budgetVsActual'), render: (_, p) => <BudgetVsActual item={p} /> },
    {
      key: 'milestone',
      title: t('portfolio.columns.nextMilestone'),
      render: (_, p) =>
        p.nextMilestone ? (
          <div style={{ minWidth: 140 }}>
            <div>{p.nextMilestone.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.nextMilestone.date ? formatPlanDate(p.nextMilestone.date, locale) : '—'}
            </Typography.Text>
          </div>
        ) : (
          '—'
        ),
    },
    { key: 'finish', title: t('portfolio.columns.plannedFinish'), render: (_, p) => (p.plannedFinish ? formatPlanDate(p.plannedFinish, locale) : '—') },
    { key: 'manager', title: t('portfolio.columns.manager'), render: (_, p) => p.managerName ?? '—' },
  ];

  return (
    <>
      <PageHeader title={t('portfolio.title')} description={t('portfolio.description')} />
      {portfolio.isError ? <Alert type="error" showIcon title={errorMessage(portfolio.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('portfolio.byHealth')}>
            <HealthChart items={items} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('portfolio.scatter')}>
            <IndexScatter items={items} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('portfolio.scatterHelp')}
            </Typography.Text>
          </Card>
        </Col>
        <Col span={24}>
          <Card
            styles={{ body: { paddingTop: 8 } }}
            extra={
              <Flex gap={8} wrap>
                <Input.Search allowClear placeholder={t('portfolio.searchPlaceholder')} onSearch={(v) => set({ q: v.trim() || undefined })} style={{ width: 220 }} data-testid="portfolio-search" />
                <Select<ProjectStatus | 'all'>
                  value={filter.status ?? 'all'}
                  onChange={(v) => set({ status: v === 'all' ? undefined : v })}
                  style={{ width: 140 }}
                  data-testid="portfolio-status"
                  options={[{ value: 'all', label: t('portfolio.allStatuses') }, ...PROJECT_STATUS_LIST.map((s) => ({ value: s, label: t(`delivery.status.${s}`) }))]}
                />
                <Select<ProjectHealth | 'all'>
                  value={filter.health ?? 'all'}
                  onChange={(v) => set({ health: v === 'all' ? undefined : v })}
                  style={{ width: 140 }}
                  data-testid="portfolio-health"
                  options={[{ value: 'all', label: t('portfolio.allHealth') }, ...PROJECT_HEALTH_LIST.map((h) => ({ value: h, label: t(`delivery.health.${h}`) }))]}
                />
                <Select<string>
                  allowClear
                  placeholder={t('portfolio.columns.manager')}
                  value={filter.managerId}
                  onChange={(v) => set({ managerId: v || undefined })}
                  style={{ width: 160 }}
                  data-testid="portfolio-manager"
                  options={managers.map(([id, name]) => ({ value: id, label: name }))}
                />
              </Flex>
            }
          >
            {statusDate ? (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8, fontSize: 12 }} data-testid="portfolio-status-date">
                {t('portfolio.statusDate', { date: formatPlanDate(statusDate, locale) })} · {t('portfolio.legend')}
              </Typography.Paragraph>
            ) : null}
            <Table<PortfolioItem>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={items}
              loading={portfolio.isPending}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('portfolio.empty') }}
              data-testid="portfolio-table"
              onRow={(p) => ({ 'data-testid': 'portfolio-row', 'data-project-id': p.id }) as React.HTMLAttributes<HTMLTableRowElement>}
            />
            {portfolio.hasNextPage ? (
              <Flex justify="center" style={{ marginTop: 12 }}>
                <Button onClick={() => void portfolio.fetchNextPage()} loading={portfolio.isFetchingNextPage}>
                  {t('common.loadMore')}
                </Button>
              </Flex>
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}
