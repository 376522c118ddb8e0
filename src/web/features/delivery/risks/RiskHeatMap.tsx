import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { bandOf } from '../../../../domain/risk/scoring.js';
import { BAND_CELL } from './labels.js';
import type { RiskMatrix } from './types.js';

export interface Cell {
  probability: number;
  impact: number;
}

const LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * The 5×5 matrix as a CSS grid: probability up the side (5 at the top), impact along the bottom.
 * Each cell is coloured by its band and shows how many open and monitored risks sit in it;
 * clicking a cell filters the register to it, clicking it again clears the filter.
 */
export function RiskHeatMap({ matrix, selected, onSelect }: { matrix: RiskMatrix; selected: Cell | null; onSelect: (cell: Cell | null) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="risk-matrix">
      <div style={{ display: 'grid', gridTemplateColumns: '28px repeat(5, minmax(40px, 1fr))', gridAutoRows: 'minmax(44px, auto)', gap: 4 }}>
        {[...LEVELS].reverse().map((p) => [
          <Flex key={`p${p}`} align="center" justify="center">
            <Typography.Text type="secondary">{p}</Typography.Text>
          </Flex>,
          ...LEVELS.map((i) => {
            const count = matrix.counts[p - 1]?.[i - 1] ?? 0;
            const band = bandOf(p, i);
            const colours = BAND_CELL[band];
            const isSelected = selected?.probability === p && selected.impact === i;
            const label = t('risks.matrix.cell', { probability: p, impact: i, count });
            return (
              <button
                key={`${p}-${i}`}
                type="button"
                title={label}
                aria-label={label}
                aria-pressed={isSelected}
                data-testid={`risk-cell-${p}-${i}`}
                data-count={count}
                data-band={band}
                onClick={() => onSelect(isSelected ? null : { probability: p, impact: i })}
                style={{
                  cursor: 'pointer',
                  borderRadius: 6,
                  border: `${isSelected ? 2 : 1}px solid ${isSelected ? '#1677ff' : colours.border}`,
                  background: colours.background,
                  color: count ? colours.text : '#bfbfbf',
                  fontSize: count ? 18 : 13,
                  fontWeight: count ? 700 : 400,
                  boxShadow: isSelected ? '0 0 0 2px rgba(22,119,255,0.2)' : undefined,
                  padding: 0,
                }}
              >
                {count}
              </button>
            );
          }),
        ])}
        <span />
        {LEVELS.map((i) => (
          <Flex key={`i${i}`} align="center" justify="center" style={{ minHeight: 20 }}>
            <Typography.Text type="secondary">{i}</Typography.Text>
          </Flex>
        ))}
      </div>
      <Flex justify="space-between" style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('risks.matrix.axisProbability')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('risks.matrix.axisImpact')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
