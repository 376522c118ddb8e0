import { Button, Card, Space, Table, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FullPageSpin } from '../../../components/FullPageSpin.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatMinor, formatPlanDate } from '../../../lib/format.js';
import { ActivityPanel } from './ActivityPanel.js';
import { AccountOverview } from './AccountOverview.js';
import { accountTabs } from './accountTabs.js';
import { useAccount, useAccountOpportunities } from './api.js';
import { ContactsTab } from './ContactsTab.js';
import { AccountStatusTag } from './labels.js';
import type { Account, AccountOpportunity } from './types.js';

export { accountTabs, type AccountTab } from './accountTabs.js';

/** The opportunities of the account, read-only, each linking to its own page. */
function OpportunitiesTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const list = useAccountOpportunities(account.id);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<AccountOpportunity>
        rowKey="id"
        loading={list.isPending}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('crm.account.noOpportunities') }}
        data-testid="account-opportunities"
        columns={[
          { title: t('crm.field.name'), key: 'name', render: (_, o) => <Link to={`/sales/opportunities/${o.id}`}>{o.name}</Link> },
          { title: t('crm.field.stage'), dataIndex: 'stageName', render: (v) => v ?? '—' },
          { title: t('crm.field.amount'), key: 'amount', align: 'right', render: (_, o) => `${formatMinor(o.amount, locale)} ${o.currency}` },
          { title: t('crm.field.closeDate'), key: 'close', render: (_, o) => formatPlanDate(o.closeDate, locale) },
          { title: t('crm.field.owner'), dataIndex: 'ownerName' },
        ]}
      />
      <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
    </Card>
  );
}

interface TabItem {
  key: string;
  order: number;
  label: ReactNode;
  children: ReactNode;
}

/** /sales/accounts/:id: everything about one customer, in tabs (others add theirs through `accountTabs`). */
export default function AccountPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const account = useAccount(id);
  if (account.isPending) return <FullPageSpin />;
  if (account.error) return <ErrorAlert error={account.error} onRetry={() => void account.refetch()} />;
  const a = account.data;
  const items: TabItem[] = [
    { key: 'overview', order: 10, label: t('crm.account.overview'), children: <AccountOverview account={a} /> },
    { key: 'contacts', order: 20, label: t('crm.account.contacts'), children: <ContactsTab account={a} /> },
    { key: 'opportunities', order: 30, label: t('crm.account.opportunities'), children: <OpportunitiesTab account={a} /> },
    { key: 'activities', order: 40, label: t('crm.account.activities'), children: <ActivityPanel parent={{ type: 'account', id: a.id }} /> },
    ...accountTabs.map((x) => ({ key: x.key, order: x.order, label: x.label(t as (key: string) => string), children: x.render(a) })),
  ].sort((x, y) => x.order - y.order);
  return (
    <>
      <PageHeader
        title={a.name}
        description={
          <Space>
            <AccountStatusTag status={a.status} />
            {a.industry ? <Typography.Text type="secondary">{a.industry}</Typography.Text> : null}
          </Space>
        }
        extra={<Link to="/sales/accounts"><Button>{t('crm.account.back')}</Button></Link>}
      />
      <Tabs activeKey={params.get('tab') ?? 'overview'} onChange={(k) => setParams({ tab: k }, { replace: true })} items={items.map(({ key, label, children }) => ({ key, label, children }))} data-testid="account-tabs" />
    </>
  );
}
