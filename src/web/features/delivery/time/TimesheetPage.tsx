import { LeftOutlined, RightOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, InputNumber, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FullPageSpin } from '../../../components/FullPageSpin.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatPlanDate } from '../../../lib/format.js';
import { useSaveWeek, useSubmitWeek, useWeek, type TimesheetWeek, type WeekEntryInput } from './api.js';

type Row = TimesheetWeek['rows'][number];
const cellKey = (taskId: string, date: string) => `${taskId}|${date}`;
const LOCKED = new Set(['submitted', 'approved']);

/** The Monday of the week holding a date (ISO weeks start on Monday). */
export function mondayOf(date: string): string {
  const d = dayjs(date);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

const fmtHours = (h: number, locale: string) => h.toLocaleString(locale, { maximumFractionDigits: 2 });
const MAX_HOURS_PER_DAY = 24;

/**
 * One cell of the grid. Memoised on its own value: typing in one cell redraws that cell and the
 * totals, not the hundreds of inputs of a busy week.
 */
const HoursCell = memo(function HoursCell({
  cellId,
  testId,
  label,
  value,
  locked,
  invalid,
  onHours,
}: {
  cellId: string;
  testId: string;
  label: string;
  value: number | null;
  locked: boolean;
  invalid: boolean;
  onHours: (cellId: string, hours: number | null) => void;
}) {
  return (
    <InputNumber
      size="small"
      min={0}
      step={0.25}
      value={value}
      disabled={locked}
      status={invalid ? 'error' : undefined}
      style={{ width: 72 }}
      data-testid={testId}
      aria-label={label}
      onChange={(v) => onHours(cellId, typeof v === 'number' ? v : null)}
    />
  );
});

/** "My timesheet": the caller's week, tasks by day, saved as a draft and submitted to the PM. */
export default function TimesheetPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const weekStart = mondayOf(params.get('week') ?? dayjs().format('YYYY-MM-DD'));
  const week = useWeek(weekStart);
  const save = useSaveWeek();
  const submit = useSubmitWeek();
  const [cells, setCells] = useState<Map<string, number | null>>(new Map());
  const [dirty, setDirty] = useState(false);
  const [dayErrors, setDayErrors] = useState<Map<string, string>>(new Map());
  const [formError, setFormError] = useState<string | null>(null);
  const sent = useRef<WeekEntryInput[]>([]);

  useEffect(() => {
    if (!week.data) return;
    const m = new Map<string, number | null>();
    for (const r of week.data.rows) for (const e of r.entries) m.set(cellKey(r.taskId, e.date), e.hours);
    setCells(m);
    setDirty(false);
    setDayErrors(new Map());
    setFormError(null);
  }, [week.data]);

  const onHours = useCallback((k: string, v: number | null) => {
    setCells((prev) => new Map(prev).set(k, v));
    setDirty(true);
  }, []);

  const data = week.data;
  const status = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of data?.rows ?? []) for (const e of r.entries) m.set(cellKey(r.taskId, e.date), e.status);
    return m;
  }, [data]);

  if (week.isPending) return <FullPageSpin />;
  if (week.error || !data) return <ErrorAlert error={week.error} onRetry={() => void week.refetch()} />;

  const hoursOf = (taskId: string, date: string) => cells.get(cellKey(taskId, date)) ?? 0;
  const dayTotal = (date: string) => data.rows.reduce((s, r) => s + hoursOf(r.taskId, date), 0);
  const rowTotal = (r: Row) => data.days.reduce((s, d) => s + hoursOf(r.taskId, d), 0);
  const weekTotal = data.days.reduce((s, d) => s + dayTotal(d), 0);

  const go = (days: number) => setParams({ week: dayjs(weekStart).add(days, 'day').format('YYYY-MM-DD') });

  const entries = (): WeekEntryInput[] => {
    const out: WeekEntryInput[] = [];
    for (const r of data.rows) {
      for (const d of data.days) {
        const h = cells.get(cellKey(r.taskId, d));
        const old = r.entries.find((e) => e.date === d);
        if (h && h > 0) out.push({ taskId: r.taskId, date: d, hours: h, billable: old?.billable ?? true, note: old?.note ?? '' });
      }
    }
    return out;
  };

  const onSave = async (): Promise<boolean> => {
    // A day holds at most 24 hours: refused here, before anything is sent.
    const over = new Map<string, string>();
    for (const d of data.days) {
      const total = dayTotal(d);
      if (total > MAX_HOURS_PER_DAY) over.set(d, t('time.dayOver', { total: fmtHours(total, locale), max: MAX_HOURS_PER_DAY }));
    }
    if (over.size) {
      setDayErrors(over);
      setFormError(t('time.fixDays'));
      return false;
    }
    setDayErrors(new Map());
    sent.current = entries();
    setFormError(null);
    try {
      await save.mutateAsync({ weekStart, entries: sent.current });
      message.success(t('time.saved'));
      return true;
    } catch (e) {
      if (isApiError(e) && e.status === 400) {
        const byDay = new Map<string, string>();
        const other: string[] = [];
        for (const issue of e.fieldIssues) {
          const m = /^entries\.(\d+)\./.exec(issue.path);
          const entry = m ? sent.current[Number(m[1])] : undefined;
          if (entry) byDay.set(entry.date, issue.message);
          else other.push(issue.message);
        }
        setDayErrors(byDay);
        setFormError(other.length ? other.join(' ') : byDay.size ? t('time.fixDays') : errorMessage(e, t));
      } else setFormError(errorMessage(e, t));
      return false;
    }
  };

  const onSubmit = async () => {
    if (dirty && !(await onSave())) return;
    try {
      await submit.mutateAsync(weekStart);
      message.success(t('time.submitted'));
    } catch (e) {
      setFormError(errorMessage(e, t));
    }
  };

  const weekday = (d: string) => dayjs(d).locale(locale === 'zh-CN' ? 'zh-cn' : 'en').format('ddd');
  const overDay = (d: string) => dayTotal(d) > 24 || dayErrors.has(d);

  const columns: TableColumnsType<Row> = [
    {
      title: t('time.task'),
      key: 'task',
      width: 260,
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong ellipsis>
            {r.wbs} {r.taskName}
          </Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
            {r.projectCode} · {r.projectName}
          </Typography.Text>
        </Flex>
      ),
    },
    ...data.days.map((d, i) => ({
      title: (
        <Flex vertical align="center" data-testid={`day-head-${i}`} title={dayErrors.get(d)}>
            <span>{weekday(d)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatPlanDate(d, locale)}
            </Typography.Text>
        </Flex>
      ),
      key: d,
      width: 96,
      align: 'center' as const,
      onCell: () => ({ style: overDay(d) ? { background: 'var(--ant-color-error-bg, #fff2f0)' } : undefined }),
      render: (_: unknown, r: Row) => {
        const k = cellKey(r.taskId, d);
        const st = status.get(k);
        const locked = !!st && LOCKED.has(st);
        return (
          <HoursCell
            cellId={k}
            testId={`cell-${r.taskId}-${i}`}
            label={`${r.taskName} ${d}`}
            value={cells.get(k) ?? null}
            locked={locked}
            invalid={dayErrors.has(d)}
            onHours={onHours}
          />
        );
      },
    })),
    { title: t('time.total'), key: 'total', width: 80, align: 'right', render: (_, r) => <Typography.Text strong>{fmtHours(rowTotal(r), locale)}</Typography.Text> },
  ];

  const statusColor: Record<string, string> = { draft: 'default', submitted: 'processing', approved: 'success', rejected: 'error', mixed: 'warning', empty: 'default' };
  const canSubmit = data.rows.some((r) => r.entries.some((e) => e.status === 'draft' || e.status === 'rejected')) || dirty;

  return (
    <>
      <PageHeader
        title={t('time.title')}
        description={t('time.description')}
        extra={
          <Space>
            <Button icon={<LeftOutlined />} onClick={() => go(-7)} data-testid="week-prev" aria-label={t('time.previousWeek')} />
            <Typography.Text strong data-testid="week-label">
              {t('time.weekOf', { date: formatPlanDate(weekStart, locale) })}
            </Typography.Text>
            <Button icon={<RightOutlined />} onClick={() => go(7)} data-testid="week-next" aria-label={t('time.nextWeek')} />
            <Button onClick={() => setParams({})}>{t('time.thisWeek')}</Button>
          </Space>
        }
      />
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Tag color={statusColor[data.status]} data-testid="week-status">
          {t(`time.weekStatus.${data.status}`)}
        </Tag>
        <Typography.Text type="secondary">{t('time.rules')}</Typography.Text>
      </Flex>
      {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} data-testid="timesheet-error" /> : null}
      {[...dayErrors.entries()].map(([d, msg]) => (
        <Alert key={d} type="error" showIcon message={`${formatPlanDate(d, locale)}: ${msg}`} style={{ marginBottom: 8 }} data-testid="day-error" />
      ))}
      {data.rows.length === 0 ? (
        <Empty description={t('time.noTasks')} />
      ) : (
        <div data-testid="timesheet-grid" data-week={data.weekStart}>
        <Table<Row>
          rowKey="taskId"
          size="small"
          columns={columns}
          dataSource={data.rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          summary={() => (
            <Table.Summary>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <Typography.Text strong>{t('time.dayTotal')}</Typography.Text>
                </Table.Summary.Cell>
                {data.days.map((d, i) => (
                  <Table.Summary.Cell key={d} index={i + 1} align="center">
                    <Typography.Text strong type={overDay(d) ? 'danger' : undefined} data-testid={`day-total-${i}`}>
                      {fmtHours(dayTotal(d), locale)}
                    </Typography.Text>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={8} align="right">
                  <Typography.Text strong data-testid="week-total">
                    {fmtHours(weekTotal, locale)}
                  </Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
        </div>
      )}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
        <Button icon={<SaveOutlined />} onClick={() => void onSave()} loading={save.isPending} disabled={!dirty} data-testid="save-week">
          {t('time.saveDraft')}
        </Button>
        <Button type="primary" icon={<SendOutlined />} onClick={() => void onSubmit()} loading={submit.isPending} disabled={!canSubmit} data-testid="submit-week">
          {t('time.submit')}
        </Button>
      </Flex>
    </>
  );
}
