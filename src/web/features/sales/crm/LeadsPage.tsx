import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { ExportButton } from '../imports/ExportCard.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatInstant, formatMinor } from '../../../lib/format.js';
import { useLeads } from './api.js';
import { LeadStatusTag } from './labels.js';
import { LeadDrawer } from './LeadDrawer.js';
import { LEAD_STATUS_LIST, type Lead, type LeadStatus } from './types.js';

/** /sales/leads: the leads the user may see, newest first. */
export default function LeadsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<LeadStatus | undefined>();
  const [creating, setCreating] = useState(false);
  const q = useDeferredValue(search.trim());
  const list = useLeads({ q: q || undefined, status });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canCreate = list.data?.pages[0]?.abilities.create ?? false;
  return (
    <>
      <PageHeader
        title={t('crm.leads.title')}
        description={t('crm.leads.description')}
        extra={canCreate ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lead-new">{t('crm.leads.new')}</Button> : null}
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('crm.leads.search')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} data-testid="leads-search" />
          <Select allowClear placeholder={t('crm.leads.anyStatus')} value={status} onChange={setStatus} style={{ width: 180 }} options={LEAD_STATUS_LIST.map((s) => ({ value: s, label: t(`crm.leadStatus.${s}`) }))} data-testid="leads-status" />
          <ExportButton list="leads" filters={{ q: q || undefined, status }} />
        </Flex>
        {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Lead>
          rowKey="id"
          loading={list.isPending}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('crm.leads.empty') }}
          data-testid="leads-table"
          columns={[
            { title: t('crm.field.company'), key: 'company', render: (_, l) => <Link to={`/sales/leads/${l.id}`}>{l.company}</Link> },
            { title: t('crm.field.name'), dataIndex: 'name' },
            { title: t('crm.field.status'), key: 'status', render: (_, l) => <LeadStatusTag status={l.status} /> },
            { title: t('crm.field.budget'), key: 'budget', align: 'right', render: (_, l) => (l.budgetAmount === null ? '—' : `${formatMinor(l.budgetAmount, locale)} ${l.budgetCurrency ?? ''}`) },
            { title: t('crm.field.source'), dataIndex: 'source', render: (v) => v ?? '—' },
            { title: t('crm.field.owner'), dataIndex: 'ownerName' },
            { title: t('crm.field.createdAt'), key: 'created', render: (_, l) => formatInstant(l.createdAt, locale) },
          ]}
        />
        <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      </Card>
      {creating ? <LeadDrawer lead={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
