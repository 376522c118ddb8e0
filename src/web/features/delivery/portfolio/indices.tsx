import { Progress, Typography } from 'antd';
import { currentLocale } from '../../../i18n/index.js';
import { formatMinor } from '../../../lib/format.js';
import { indexColour, type PortfolioItem } from '../closing/api.js';

/** SPI or CPI to two decimals, coloured: below 0.9 red, below 1 amber, else green. */
export function IndexValue({ value, testId }: { value: number | null; testId?: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ color: indexColour(value), fontWeight: 600 }} data-testid={testId}>
      {value.toFixed(2)}
    </span>
  );
}

/** Budget against actual cost, with a bar of the share spent (red past the budget). */
export function BudgetVsActual({ item }: { item: Pick<PortfolioItem, 'budget' | 'actualCost' | 'currency'> }) {
  const locale = currentLocale();
  const share = item.budget > 0 ? (item.actualCost / item.budget) * 100 : 0;
  return (
    <div style={{ minWidth: 150 }}>
      <div style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {formatMinor(item.actualCost, locale)} / {formatMinor(item.budget, locale)} {item.currency}
      </div>
      <Progress percent={Math.min(100, Math.round(share))} showInfo={false} size="small" status={share > 100 ? 'exception' : 'normal'} style={{ marginBottom: 0 }} />
    </div>
  );
}

