import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { currentPeriod, periodLabel, shiftPeriod, type Period, type PeriodKind } from './api.js';

const KINDS: PeriodKind[] = ['month', 'quarter', 'year'];

/** The period in the URL (?periodKind=&periodStart=), the current quarter by default. */
export function usePeriod(): [Period, (p: Period) => void] {
  const [params, setParams] = useSearchParams();
  const kind = (KINDS as string[]).includes(params.get('periodKind') ?? '') ? (params.get('periodKind') as PeriodKind) : 'quarter';
  const start = params.get('periodStart');
  const period = start && /^\d{4}-\d{2}-01$/.test(start) ? { kind, start } : currentPeriod(kind);
  const set = (p: Period) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('periodKind', p.kind);
        next.set('periodStart', p.start);
        return next;
      },
      { replace: true },
    );
  return [period, set];
}

export function PeriodPicker({ period, onChange }: { period: Period; onChange: (p: Period) => void }) {
  const { t } = useTranslation();
  return (
    <Space data-testid="period-picker">
      <Segmented
        value={period.kind}
        options={KINDS.map((k) => ({ value: k, label: t(`insight.periodKind.${k}`) }))}
        onChange={(k) => onChange(currentPeriod(k as PeriodKind))}
      />
      <Button icon={<LeftOutlined />} aria-label={t('insight.previousPeriod')} onClick={() => onChange(shiftPeriod(period, -1))} data-testid="period-prev" />
      <Typography.Text strong data-testid="period-label">
        {periodLabel(period)}
      </Typography.Text>
      <Button icon={<RightOutlined />} aria-label={t('insight.nextPeriod')} onClick={() => onChange(shiftPeriod(period, 1))} data-testid="period-next" />
    </Space>
  );
}
