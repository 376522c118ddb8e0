import { ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { ExportButton } from '../imports/ExportCard.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatInstant } from '../../../lib/format.js';
import { useAccounts, type AccountFilter } from './api.js';
import { AccountDrawer } from './AccountDrawer.js';
import { AccountStatusTag } from './labels.js';
import { ACCOUNT_STATUS_LIST, type Account, type AccountStatus } from './types.js';

/** /sales/accounts: the accounts the user may see, filtered and searched, a page at a time. */
export default function AccountsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<AccountStatus | undefined>();
  const [industry, setIndustry] = useState('');
  const [region, setRegion] = useState('');
  const [creating, setCreating] = useState(false);
  const filter: AccountFilter = { q: useDeferredValue(search.trim()) || undefined, status, industry: useDeferredValue(industry.trim()) || undefined, region: useDeferredValue(region.trim()) || undefined };
  const list = useAccounts(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canCreate = list.data?.pages[0]?.abilities.create ?? false;

  return (
    <>
      <PageHeader
        title={t('crm.accounts.title')}
        description={t('crm.accounts.description')}
        extra={
          <Space>
            <Link to="/sales/accounts/overdue" data-testid="accounts-overdue-link">
              <Button icon={<ClockCircleOutlined />}>{t('crm.accounts.overdueLink')}</Button>
            </Link>
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-new">
                {t('crm.accounts.new')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('crm.accounts.search')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} data-testid="accounts-search" />
          <Select allowClear placeholder={t('crm.accounts.anyStatus')} value={status} onChange={setStatus} style={{ width: 180 }} options={ACCOUNT_STATUS_LIST.map((s) => ({ value: s, label: t(`crm.accountStatus.${s}`) }))} data-testid="accounts-status" />
          <Input allowClear placeholder={t('crm.field.industry')} value={industry} onChange={(e) => setIndustry(e.target.value)} style={{ width: 180 }} />
          <Input allowClear placeholder={t('crm.field.region')} value={region} onChange={(e) => setRegion(e.target.value)} style={{ width: 160 }} />
          <ExportButton list="accounts" filters={{ ...filter }} />
        </Flex>
        {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Account>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('crm.accounts.empty') }}
          data-testid="accounts-table"
          columns={[
            { title: t('crm.field.name'), key: 'name', render: (_, a) => <Link to={`/sales/accounts/${a.id}`}>{a.name}</Link> },
            { title: t('crm.field.status'), key: 'status', render: (_, a) => <AccountStatusTag status={a.status} /> },
            { title: t('crm.field.industry'), dataIndex: 'industry', render: (v) => v ?? '—' },
            { title: t('crm.field.region'), dataIndex: 'region', render: (v) => v ?? '—' },
            { title: t('crm.field.owner'), dataIndex: 'ownerName' },
            {
              title: t('crm.field.nextContactDue'),
              key: 'due',
              render: (_, a) => <Typography.Text type={a.nextContactDue && a.nextContactDue < new Date().toISOString() ? 'danger' : undefined}>{formatInstant(a.nextContactDue, locale)}</Typography.Text>,
            },
          ]}
        />
        <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      </Card>
      {creating ? <AccountDrawer onClose={() => setCreating(false)} /> : null}
    </>
  );
}
