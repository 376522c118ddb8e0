import { Alert, Card, Col, DatePicker, Flex, Row, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FullPageSpin } from '../../../components/FullPageSpin.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatMinor } from '../../../lib/format.js';
import type { Project } from '../types.js';
import { useEarnedValue } from './api.js';
import { SCurveChart } from './SCurveChart.js';

/** An index is good at 1 or more (green), a warning a little under (orange), bad further under (red). */
export function indexColour(v: number | null): string | undefined {
  if (v === null) return undefined;
  if (v >= 1) return '#389e0d';
  if (v >= 0.9) return '#d46b08';
  return '#cf1322';
}

/** Earned value at a status date: the figures (full precision kept by the API, rounded here) and the S-curve. */
export default function EarnedValueTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [statusDate, setStatusDate] = useState(dayjs().format('YYYY-MM-DD'));
  const ev = useEarnedValue(project.id, statusDate);

  const money = (m: number | null) => (m === null ? '—' : formatMinor(Math.round(m), locale));
  const ratio = (v: number | null) => (v === null ? '—' : v.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

  const picker = (
    <Flex gap={8} align="center">
      <Typography.Text>{t('evm.statusDate')}</Typography.Text>
      <DatePicker value={dayjs(statusDate)} allowClear={false} onChange={(d) => d && setStatusDate(d.format('YYYY-MM-DD'))} data-testid="status-date" />
    </Flex>
  );
  if (ev.isPending)
    return (
      <>
        {picker}
        <FullPageSpin />
      </>
    );
  if (ev.error) return <ErrorAlert error={ev.error} onRetry={() => void ev.refetch()} />;
  const d = ev.data;
  const money4 = [
    ['bac', d.bac],
    ['pv', d.pv],
    ['ev', d.ev],
    ['ac', d.ac],
  ] as const;
  const derived = [
    ['sv', d.sv],
    ['cv', d.cv],
    ['eac', d.eac],
    ['etc', d.etc],
    ['vac', d.vac],
  ] as const;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        {picker}
        <Typography.Text type="secondary">
          {d.bacSource === 'baseline' ? t('evm.fromBaseline', { name: d.baselineName }) : t('evm.fromBudget')} · {t('evm.currency', { currency: d.currency })}
        </Typography.Text>
      </Flex>
      {d.bacSource === 'budget' ? <Alert type="info" showIcon message={t('evm.noBaseline')} /> : null}
      <Row gutter={[16, 16]}>
        {money4.map(([k, v]) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(`evm.${k}Long`)} value={money(v)} valueStyle={{ fontSize: 20 }} data-testid={`evm-${k}`} />
            </Card>
          </Col>
        ))}
        {(['spi', 'cpi'] as const).map((k) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(`evm.${k}Long`)} value={ratio(d[k])} valueStyle={{ fontSize: 20, color: indexColour(d[k]) }} data-testid={`evm-${k}`} />
            </Card>
          </Col>
        ))}
        {derived.map(([k, v]) => (
          <Col key={k} xs={12} md={6}>
            <Card size="small">
              <Statistic title={t(`evm.${k}Long`)} value={money(v)} valueStyle={{ fontSize: 20, color: (k === 'sv' || k === 'cv' || k === 'vac') && v !== null ? (v < 0 ? '#cf1322' : '#389e0d') : undefined }} data-testid={`evm-${k}`} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('evm.tcpiLong')} value={ratio(d.tcpi)} valueStyle={{ fontSize: 20 }} data-testid="evm-tcpi" />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('evm.chartTitle')}>
        <SCurveChart data={d} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('evm.chartNote')}
        </Typography.Text>
      </Card>
    </Flex>
  );
}
