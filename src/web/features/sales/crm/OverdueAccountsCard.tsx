import { Card, Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useOverdueAccounts } from './api.js';

export const daysOverdue = (due: string | null) => (due ? Math.max(0, Math.floor((Date.now() - Date.parse(due)) / 86_400_000)) : 0);

/** The card on My day: the most overdue accounts, with a link to the whole list. */
export function OverdueAccountsCard() {
  const { t } = useTranslation();
  const list = useOverdueAccounts(8);
  const items = list.data?.pages[0]?.items ?? [];
  return (
    <Card
      title={t('crm.overdue.card')}
      size="small"
      data-testid="overdue-accounts-card"
      extra={<Link to="/sales/accounts/overdue">{t('crm.overdue.all')}</Link>}
    >
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {!list.isPending && !items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.overdue.empty')} />
      ) : (
        <List
          size="small"
          loading={list.isPending}
          dataSource={items}
          rowKey="id"
          renderItem={(a) => (
            <List.Item>
              <Link to={`/sales/accounts/${a.id}`}>{a.name}</Link>
              <Typography.Text type="danger">{t('crm.overdue.days', { count: daysOverdue(a.nextContactDue) })}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
