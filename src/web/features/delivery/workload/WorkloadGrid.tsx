import { Flex, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/index.js';
import { formatPlanDate } from '../../../lib/format.js';
import { cellText, formatHours, HEAT_STYLE, heatBand, isoWeekNumber, type CellDisplay } from './heat.js';
import type { WorkloadPerson, WorkloadWeek } from './types.js';

const PERSON_WIDTH = 240;
const WEEK_WIDTH = 60;
/** A row: two lines of name and team in the first column, padding included. */
const ROW_HEIGHT = 57;
const CELL_HEIGHT = 34;

export interface CellRef {
  person: WorkloadPerson;
  weekStart: string;
}

const HeatCell = memo(function HeatCell({ person, week, display, onOpen }: { person: WorkloadPerson; week: WorkloadWeek; display: CellDisplay; onOpen: (c: CellRef) => void }) {
  const { t } = useTranslation();
  const band = heatBand(week);
  const style = HEAT_STYLE[band];
  const label = t('workload.cellLabel', {
    name: person.name,
    date: formatPlanDate(week.weekStart, currentLocale()),
    hours: formatHours(week.hours),
    capacity: formatHours(week.capacityHours),
  });
  return (
    <Tooltip title={label} mouseEnterDelay={0.4}>
      <button
        type="button"
        className="tandem-heat-cell"
        aria-label={label}
        data-testid="workload-cell"
        data-user-id={person.id}
        data-week={week.weekStart}
        data-band={band}
        data-over={week.overAllocated ? 'true' : 'false'}
        onClick={() => onOpen({ person, weekStart: week.weekStart })}
        style={{
          width: '100%',
          height: CELL_HEIGHT,
          border: week.overAllocated ? '1px solid #a8071a' : '1px solid transparent',
          borderRadius: 4,
          background: style.background,
          color: style.color,
          fontSize: 12,
          fontVariantNumeric: 'tabular-nums',
          cursor: 'pointer',
          padding: 0,
        }}
      >
        {cellText(week, display)}
      </button>
    </Tooltip>
  );
});

/** People × weeks, coloured by allocation. Rows are virtualised: only those on screen are drawn. */
export function WorkloadGrid({
  people,
  weekStarts,
  display,
  currentWeek,
  loading,
  empty,
  onOpen,
}: {
  people: WorkloadPerson[];
  weekStarts: string[];
  display: CellDisplay;
  currentWeek: string;
  loading: boolean;
  empty: string;
  onOpen: (c: CellRef) => void;
}) {
  const { t } = useTranslation();
  const columns = useMemo<TableColumnsType<WorkloadPerson>>(
    () => [
      {
        key: 'person',
        title: t('workload.person'),
        fixed: 'left',
        width: PERSON_WIDTH,
        render: (_, p) => (
          <div style={{ minWidth: 0, lineHeight: 1.3 }}>
            <Flex gap={6} align="center">
              <Typography.Text strong ellipsis style={{ maxWidth: PERSON_WIDTH - 70 }} data-testid="workload-person">
                {p.name}
              </Typography.Text>
              {p.overAllocatedWeeks > 0 ? (
                <Tooltip title={t('workload.overWeeks', { count: p.overAllocatedWeeks })}>
                  <Tag color="red" style={{ marginInlineEnd: 0, paddingInline: 4, lineHeight: '16px', fontSize: 11 }} data-testid="workload-over-tag">
                    {p.overAllocatedWeeks}
                  </Tag>
                </Tooltip>
              ) : null}
            </Flex>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: PERSON_WIDTH - 24, display: 'block' }}>
              {[p.teamName, t('workload.capacity', { hours: formatHours(p.capacityHours) })].filter(Boolean).join(' · ')}
            </Typography.Text>
          </div>
        ),
      },
      ...weekStarts.map((ws, i) => ({
        key: ws,
        width: WEEK_WIDTH,
        align: 'center' as const,
        title: (
          <div style={{ lineHeight: 1.2, fontWeight: ws === currentWeek ? 700 : 500, color: ws === currentWeek ? '#1668dc' : undefined }} data-testid="workload-week" data-week={ws}>
            <div>{t('workload.weekNumber', { week: isoWeekNumber(ws) })}</div>
            <div style={{ fontSize: 11, fontWeight: 400, color: 'rgba(0,0,0,0.45)' }}>{ws.slice(5)}</div>
          </div>
        ),
        onCell: () => ({ style: { padding: 3 } }),
        render: (_: unknown, p: WorkloadPerson) => (p.weeks[i] ? <HeatCell person={p} week={p.weeks[i]} display={display} onOpen={onOpen} /> : null),
      })),
    ],
    [weekStarts, display, currentWeek, onOpen, t],
  );
  // Tall enough for every loaded row up to about ten, then the rows scroll (and only those on screen are drawn).
  const height = Math.min(10.5 * ROW_HEIGHT, Math.max(3, people.length) * ROW_HEIGHT + 2);
  return (
    <Table<WorkloadPerson>
      virtual
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={people}
      pagination={false}
      loading={loading}
      scroll={{ x: PERSON_WIDTH + WEEK_WIDTH * weekStarts.length, y: height }}
      locale={{ emptyText: empty }}
      data-testid="workload-grid"
    />
  );
}
