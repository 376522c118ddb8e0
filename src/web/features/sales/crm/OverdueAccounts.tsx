import { Button, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatInstant } from '../../../lib/format.js';
import { useOverdueAccounts } from './api.js';
import { daysOverdue } from './OverdueAccountsCard.js';
import type { Account } from './types.js';

/** /sales/accounts/overdue: every account the user may see that is overdue for contact. */
export default function OverdueAccountsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const list = useOverdueAccounts();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('crm.overdue.title')} description={t('crm.overdue.description')} extra={<Link to="/sales/accounts"><Button>{t('crm.account.back')}</Button></Link>} />
      <Card>
        {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Account>
          rowKey="id"
          loading={list.isPending}
          dataSource={items}
          pagination={false}
          data-testid="overdue-table"
          locale={{ emptyText: t('crm.overdue.empty') }}
          columns={[
            { title: t('crm.field.name'), key: 'name', render: (_, a) => <Link to={`/sales/accounts/${a.id}`}>{a.name}</Link> },
            { title: t('crm.field.owner'), dataIndex: 'ownerName' },
            { title: t('crm.field.lastActivityAt'), key: 'last', render: (_, a) => formatInstant(a.lastActivityAt, locale) },
            { title: t('crm.field.nextContactDue'), key: 'due', render: (_, a) => formatInstant(a.nextContactDue, locale) },
            { title: '', key: 'days', render: (_, a) => <Typography.Text type="danger">{t('crm.overdue.days', { count: daysOverdue(a.nextContactDue) })}</Typography.Text> },
          ]}
        />
        <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      </Card>
    </>
  );
}
