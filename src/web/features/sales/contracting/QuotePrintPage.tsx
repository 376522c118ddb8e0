import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FullPageSpin } from '../../../components/FullPageSpin.js';
import { usePageTitle } from '../../../components/PageHeader.js';
import { useMe } from '../../../app/session.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatMinor, formatPlanDate } from '../../../lib/format.js';
import { useQuote } from './api.js';

/*
 * The customer-facing quote. It is a page inside the app (the session decides who may see it); for
 * printing, the app's sider and header are hidden and only the sheet is printed.
 */
const PRINT_CSS = `
.quote-sheet { max-width: 820px; margin: 0 auto; background: #fff; color: #111; padding: 40px 48px; font-size: 14px; line-height: 1.5; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
.quote-sheet h1 { font-size: 24px; margin: 0 0 4px; }
.quote-sheet table { width: 100%; border-collapse: collapse; margin: 24px 0; }
.quote-sheet th, .quote-sheet td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
.quote-sheet th.num, .quote-sheet td.num { text-align: right; white-space: nowrap; }
.quote-sheet .parties { display: flex; justify-content: space-between; gap: 24px; margin-top: 24px; }
.quote-sheet .totals { margin-left: auto; width: 320px; }
.quote-sheet .totals td { border: none; padding: 2px 8px; }
.quote-sheet .totals tr.grand td { font-weight: 600; font-size: 16px; border-top: 2px solid #111; }
.quote-actions { max-width: 820px; margin: 0 auto 12px; text-align: right; }
@media print {
  .ant-layout-sider, .ant-layout-header, .tandem-header, .quote-actions { display: none !important; }
  .ant-layout, .ant-layout-content, body { background: #fff !important; margin: 0 !important; padding: 0 !important; }
  .quote-sheet { box-shadow: none; padding: 0; max-width: none; }
  @page { margin: 18mm; }
}
`;

export default function QuotePrintPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const locale = currentLocale();
  const quote = useQuote(id);
  const me = useMe();
  usePageTitle(quote.data ? `${quote.data.number} v${quote.data.quoteVersion}` : t('contracting.quotes.title'), t('app.name'));
  if (quote.isLoading) return <FullPageSpin />;
  if (quote.error || !quote.data) return <ErrorAlert error={quote.error} />;
  const q = quote.data;
  const discounted = q.lines.some((l) => l.discountPercent > 0);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="quote-actions">
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="quote-print-button">{t('contracting.print.print')}</Button>
      </div>
      <article className="quote-sheet" data-testid="quote-sheet">
        <h1>{t('contracting.print.title')}</h1>
        <div>{q.number} · {t('contracting.print.version', { version: q.quoteVersion })}</div>
        <div className="parties">
          <div>
            <div style={{ color: '#666' }}>{t('contracting.print.from')}</div>
            <strong data-testid="quote-company">{me.data?.user.orgName}</strong>
          </div>
          <div>
            <div style={{ color: '#666' }}>{t('contracting.print.to')}</div>
            <strong data-testid="quote-customer">{q.accountName}</strong>
            <div>{q.opportunityName}</div>
          </div>
          <div>
            <div style={{ color: '#666' }}>{t('contracting.print.date')}</div>
            <div>{formatPlanDate(q.createdAt.slice(0, 10), locale)}</div>
            <div style={{ color: '#666', marginTop: 8 }}>{t('contracting.print.validUntil')}</div>
            <div data-testid="quote-validity">{q.validUntil ? formatPlanDate(q.validUntil, locale) : '—'}</div>
          </div>
        </div>
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('contracting.quotes.description')}</th>
              <th className="num">{t('contracting.quotes.quantity')}</th>
              <th>{t('contracting.quotes.unit')}</th>
              <th className="num">{t('contracting.quotes.unitPrice')}</th>
              {discounted ? <th className="num">{t('contracting.quotes.discount')}</th> : null}
              <th className="num">{t('contracting.print.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {q.lines.map((l) => (
              <tr key={l.id}>
                <td>{l.position}</td>
                <td>{l.description}</td>
                <td className="num">{l.quantity}</td>
                <td>{l.unit}</td>
                <td className="num">{formatMinor(l.unitPrice, locale)}</td>
                {discounted ? <td className="num">{l.discountPercent ? `${l.discountPercent}%` : ''}</td> : null}
                <td className="num">{formatMinor(l.netAmount, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="totals">
          <tbody>
            {q.listTotal !== q.netTotal ? (
              <>
                <tr><td>{t('contracting.quotes.listTotal')}</td><td className="num">{formatMinor(q.listTotal, locale)} {q.currency}</td></tr>
                <tr><td>{t('contracting.print.discounts')}</td><td className="num">−{formatMinor(q.listTotal - q.netTotal, locale)} {q.currency}</td></tr>
              </>
            ) : null}
            <tr className="grand"><td>{t('contracting.print.total')}</td><td className="num" data-testid="quote-print-total">{formatMinor(q.netTotal, locale)} {q.currency}</td></tr>
          </tbody>
        </table>
        <p style={{ color: '#666', marginTop: 32 }}>{q.validUntil ? t('contracting.print.validity', { date: formatPlanDate(q.validUntil, locale) }) : null}</p>
      </article>
    </>
  );
}
