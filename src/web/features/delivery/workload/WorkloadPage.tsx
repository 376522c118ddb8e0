import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Input, Segmented, Select, Space, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../../app/session.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import type { Role } from '../../../lib/types.js';
import { useTeams } from '../../directory/api.js';
import { buildTree, toTreeSelect } from '../../directory/teamTree.js';
import { useWorkload, type WorkloadFilter } from './api.js';
import { CellDrawer } from './CellDrawer.js';
import { addWeeks, HEAT_BANDS, HEAT_STYLE, mondayOf, type CellDisplay } from './heat.js';
import { WorkloadGrid, type CellRef } from './WorkloadGrid.js';

const WEEK_OPTIONS = [4, 8, 13, 26, 52];
const DEFAULT_WEEKS = 26;
const READ_ALL: readonly Role[] = ['pmo', 'executive'];

/** The filters live in the address, so that a view can be shared and survives a reload. */
function useFilter() {
  const [params, setParams] = useSearchParams();
  const weeksParam = Number(params.get('weeks'));
  const filter: WorkloadFilter = {
    from: params.get('from') ?? undefined,
    weeks: WEEK_OPTIONS.includes(weeksParam) ? weeksParam : DEFAULT_WEEKS,
    teamId: params.get('team') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const display: CellDisplay = params.get('show') === 'hours' ? 'hours' : 'percent';
  const set = useCallback(
    (patch: Record<string, string | undefined>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { filter, display, set };
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Flex gap={12} wrap align="center" data-testid="workload-legend">
      <Typography.Text type="secondary">{t('workload.legend.title')}</Typography.Text>
      {HEAT_BANDS.map((band) => (
        <Flex key={band} gap={4} align="center">
          <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, background: HEAT_STYLE[band].background, border: '1px solid rgba(0,0,0,0.06)' }} />
          <Typography.Text style={{ fontSize: 12 }}>{t(`workload.legend.${band}`)}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/** Resources: everyone's planned hours per week across all projects, as a heat map against capacity. */
export default function WorkloadPage() {
  const { t } = useTranslation();
  const me = useSession();
  const { filter, display, set } = useFilter();
  const grid = useWorkload(filter);
  const teams = useTeams();
  const [search, setSearch] = useState(filter.q ?? '');
  const [open, setOpen] = useState<CellRef | null>(null);
  const onOpen = useCallback((c: CellRef) => setOpen(c), []);

  const pages = grid.data?.pages ?? [];
  const people = useMemo(() => pages.flatMap((p) => p.items), [pages]);
  const weekStarts = pages[0]?.weekStarts ?? [];
  const from = pages[0]?.from ?? mondayOf(filter.from ?? dayjs().format('YYYY-MM-DD'));
  const overCells = people.reduce((s, p) => s + p.overAllocatedWeeks, 0);
  const teamTree = useMemo(() => buildTree(teams.data ?? [], (x) => x.name).map((n) => toTreeSelect(n)), [teams.data]);
  const scope = me.roles.some((r) => READ_ALL.includes(r)) ? 'scopeAll' : me.roles.includes('project_manager') ? 'scopeManaged' : 'scopeSelf';
  const filtered = !!(filter.teamId || filter.q);

  return (
    <>
      <PageHeader title={t('workload.title')} description={`${t('workload.description')} ${t(`workload.${scope}`)}`} />
      <Card styles={{ body: { paddingTop: 16 } }}>
        <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Flex gap={8} wrap align="center">
            <TreeSelect
              allowClear
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              placeholder={t('workload.allTeams')}
              aria-label={t('workload.team')}
              value={filter.teamId}
              onChange={(v) => set({ team: v ?? undefined })}
              treeData={teamTree}
              loading={teams.isLoading}
              style={{ width: 220 }}
              data-testid="workload-team"
            />
            <Input.Search
              allowClear
              placeholder={t('workload.search')}
              aria-label={t('workload.search')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onSearch={(v) => set({ q: v.trim() || undefined })}
              style={{ width: 240 }}
              data-testid="workload-search"
            />
          </Flex>
          <Flex gap={8} wrap align="center">
            <Space.Compact>
              <Tooltip title={t('workload.earlier')}>
                <Button icon={<LeftOutlined />} aria-label={t('workload.earlier')} onClick={() => set({ from: addWeeks(from, -4) })} data-testid="workload-earlier" />
              </Tooltip>
              <DatePicker
                picker="week"
                allowClear={false}
                value={dayjs(from)}
                onChange={(d) => set({ from: d ? mondayOf(d.format('YYYY-MM-DD')) : undefined })}
                aria-label={t('workload.from')}
                style={{ width: 150 }}
                data-testid="workload-from"
              />
              <Tooltip title={t('workload.later')}>
                <Button icon={<RightOutlined />} aria-label={t('workload.later')} onClick={() => set({ from: addWeeks(from, 4) })} data-testid="workload-later" />
              </Tooltip>
            </Space.Compact>
            <Button onClick={() => set({ from: undefined })} data-testid="workload-this-week">
              {t('workload.thisWeek')}
            </Button>
            <Select<number>
              value={filter.weeks}
              onChange={(v) => set({ weeks: String(v) })}
              aria-label={t('workload.weeks')}
              options={WEEK_OPTIONS.map((n) => ({ value: n, label: t('workload.weeksOption', { count: n }) }))}
              style={{ width: 110 }}
              data-testid="workload-weeks"
            />
            <Segmented<CellDisplay>
              value={display}
              onChange={(v) => set({ show: v === 'hours' ? 'hours' : undefined })}
              options={[
                { value: 'percent', label: t('workload.showPercent') },
                { value: 'hours', label: t('workload.showHours') },
              ]}
              data-testid="workload-display"
            />
          </Flex>
        </Flex>
        <Flex gap={16} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Legend />
          {grid.data ? (
            <Typography.Text type="secondary" data-testid="workload-summary">
              {t('workload.summary', { people: people.length, over: overCells })}
            </Typography.Text>
          ) : null}
        </Flex>
        {grid.isError ? <ErrorAlert error={grid.error} onRetry={() => void grid.refetch()} /> : null}
        {/*
          What the grid shows, in the same render as the grid: busy while the rows on screen are
          still the previous filter's (kept so the page does not jump). A changed address alone
          does not mean the rows have followed it.
        */}
        <div
          data-testid="workload-view"
          aria-busy={!grid.data || grid.isPlaceholderData || grid.isFetching}
          data-from={filter.from ?? ''}
          data-weeks={filter.weeks}
          data-team={filter.teamId ?? ''}
          data-q={filter.q ?? ''}
        >
        <WorkloadGrid
          people={people}
          weekStarts={weekStarts}
          display={display}
          currentWeek={mondayOf(dayjs().format('YYYY-MM-DD'))}
          loading={grid.isLoading || (grid.isPlaceholderData && grid.isFetching)}
          empty={filtered ? t('common.noMatches') : t('workload.empty')}
          onOpen={onOpen}
        />
        </div>
        {grid.data ? <LoadMore shown={people.length} hasMore={!!grid.hasNextPage} loading={grid.isFetchingNextPage} onMore={() => void grid.fetchNextPage()} testId="workload-load-more" /> : null}
      </Card>
      <CellDrawer cell={open} onClose={() => setOpen(null)} />
    </>
  );
}
