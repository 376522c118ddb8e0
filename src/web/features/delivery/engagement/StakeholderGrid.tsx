import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Attitude, Quadrant, Stakeholder } from './api.js';

export const ATTITUDE_COLOR: Record<Attitude, string> = { champion: '#389e0d', supporter: '#73d13d', neutral: '#8c8c8c', critic: '#fa8c16', blocker: '#cf1322' };
const QUADRANT_BG: Record<Quadrant, string> = { manage_closely: '#fff1f0', keep_satisfied: '#fff7e6', keep_informed: '#e6f4ff', monitor: '#f5f5f5' };

/**
 * Mendelow's grid: influence up, interest across, split where the 1–5 ratings turn high (3). Each
 * stakeholder is a dot at their ratings (dots sharing a cell fan out); clicking one opens it.
 */
export function StakeholderGrid({ stakeholders, onOpen }: { stakeholders: Stakeholder[]; onOpen: (s: Stakeholder) => void }) {
  const { t } = useTranslation();
  const byCell = new Map<string, Stakeholder[]>();
  for (const s of stakeholders) {
    const k = `${s.influence}-${s.interest}`;
    byCell.set(k, [...(byCell.get(k) ?? []), s]);
  }
  // Top-left keep satisfied, top-right manage closely, bottom-left monitor, bottom-right keep informed.
  const quadrants: Quadrant[] = ['keep_satisfied', 'manage_closely', 'monitor', 'keep_informed'];
  return (
    <div>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>↑ {t('stakeholders.influenceAxis')}</div>
      <div>
        <div style={{ position: 'relative', aspectRatio: '1 / 1', maxHeight: 360, width: '100%' }} data-testid="stakeholder-grid">
          <div style={{ position: 'absolute', inset: 0, display: 'grid', gridTemplateColumns: '2fr 3fr', gridTemplateRows: '3fr 2fr', gap: 2 }}>
            {quadrants.map((q) => (
              <div key={q} data-testid={`quadrant-${q}`} style={{ background: QUADRANT_BG[q], borderRadius: 4, padding: 6 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`stakeholders.quadrant.${q}`)}
                </Typography.Text>
              </div>
            ))}
          </div>
          {[...byCell.values()].flatMap((group) =>
            group.map((s, i) => {
              const spread = group.length > 1 ? (i - (group.length - 1) / 2) * 14 : 0;
              return (
                <Tooltip key={s.id} title={`${s.name} · ${t(`stakeholders.attitude.${s.attitude}`)}`}>
                  <button
                    type="button"
                    aria-label={s.name}
                    data-testid="stakeholder-dot"
                    data-name={s.name}
                    data-quadrant={s.quadrant}
                    onClick={() => onOpen(s)}
                    style={{
                      position: 'absolute',
                      left: `calc(${((s.interest - 0.5) / 5) * 100}% + ${spread}px)`,
                      top: `${((5 - s.influence + 0.5) / 5) * 100}%`,
                      transform: 'translate(-50%, -50%)',
                      width: 16,
                      height: 16,
                      borderRadius: '50%',
                      border: '2px solid #fff',
                      boxShadow: '0 0 0 1px rgba(0,0,0,0.25)',
                      background: ATTITUDE_COLOR[s.attitude],
                      cursor: 'pointer',
                      padding: 0,
                    }}
                  />
                </Tooltip>
              );
            }),
          )}
        </div>
        <div style={{ textAlign: 'center', fontSize: 12, color: 'rgba(0,0,0,0.45)', marginTop: 4 }}>{t('stakeholders.interestAxis')} →</div>
      </div>
    </div>
  );
}
