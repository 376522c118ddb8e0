import { useTranslation } from 'react-i18next';

/** What the shapes and colours of the chart mean. */
export function Legend() {
  const { t } = useTranslation();
  const item = (swatch: React.ReactNode, label: string) => (
    <>
      <div className="gantt-legend-swatch">{swatch}</div>
      <div>{label}</div>
    </>
  );
  return (
    <div className="gantt-legend" data-testid="gantt-legend">
      {item(<div className="gantt-bar" style={{ left: 0, top: 3, width: 40, height: 14 }} />, t('delivery.legend.task'))}
      {item(<div className="gantt-bar critical" style={{ left: 0, top: 3, width: 40, height: 14 }} />, t('delivery.legend.critical'))}
      {item(
        <div className="gantt-bar" style={{ left: 0, top: 3, width: 40, height: 14 }}>
          <div className="gantt-bar-progress" style={{ width: '50%' }} />
        </div>,
        t('delivery.legend.progress'),
      )}
      {item(<div className="gantt-milestone" style={{ left: 14, top: 4 }} />, t('delivery.legend.milestone'))}
      {item(<div className="gantt-summary" style={{ left: 0, top: 5, width: 40 }} />, t('delivery.legend.summary'))}
      {item(<div className="gantt-baseline" style={{ left: 0, top: 8, width: 40 }} />, t('delivery.legend.baseline'))}
      {item(
        <svg width="44" height="20" style={{ left: 0, top: 0 }}>
          <path d="M2 5 H12 V15 H38" fill="none" stroke="#5a7fb8" strokeWidth="1.2" />
          <path d="M42 15 L37 11 L37 19 Z" fill="#5a7fb8" />
        </svg>,
        t('delivery.legend.link'),
      )}
      {item(
        <svg width="44" height="20" style={{ left: 0, top: 0 }}>
          <path d="M2 5 H12 V15 H38" fill="none" stroke="#e0282e" strokeWidth="1.6" />
          <path d="M42 15 L37 11 L37 19 Z" fill="#e0282e" />
        </svg>,
        t('delivery.legend.criticalLink'),
      )}
      {item(<div className="gantt-today" style={{ left: 20, top: 0, height: 20 }} />, t('delivery.legend.today'))}
      {item(<div className="gantt-nonworking" style={{ left: 8, top: 0, width: 28, height: 20, background: 'rgba(0,0,0,0.08)' }} />, t('delivery.legend.nonWorking'))}
    </div>
  );
}
