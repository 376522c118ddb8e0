import { Button, DatePicker, Flex, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ExportButton } from '../imports/ExportCard.js';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UserPicker } from '../../../components/UserPicker.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { formatMinor } from '../../../lib/format.js';
import { CONTRACT_STATUS_LIST } from './constants.js';
import { useContracts, type ContractFilter } from './api.js';
import { ContractStatusTag } from './labels.js';
import type { Contract } from './types.js';

/** The contracts the user may see, newest first, with filters. */
export function ContractsTable({ filter, compact }: { filter: ContractFilter; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const q = useContracts(filter);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Table<Contract>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={rows}
        pagination={false}
        data-testid="contracts-table"
        columns={[
          { title: t('contracting.contracts.number'), dataIndex: 'number', render: (n: string, c) => <Link to={`/sales/contracts/${c.id}`} data-testid="contract-link">{n}</Link> },
          { title: t('contracting.contracts.titleField'), dataIndex: 'title' },
          ...(compact ? [] : [{ title: t('contracting.contracts.account'), dataIndex: 'accountName' }, { title: t('contracting.contracts.owner'), dataIndex: 'ownerName' }]),
          { title: t('contracting.status'), dataIndex: 'status', render: (s: Contract['status']) => <ContractStatusTag status={s} /> },
          { title: t('contracting.contracts.value'), align: 'right', render: (_, c) => `${formatMinor(c.value, locale)} ${c.currency}` },
          { title: t('contracting.contracts.signedOn'), dataIndex: 'signedOn', render: (d: string | null) => d ?? '—' },
          { title: t('contracting.contracts.renewalDate'), dataIndex: 'renewalDate', render: (d: string | null) => d ?? '—' },
        ]}
      />
      {q.hasNextPage ? <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage} style={{ marginTop: 8 }}>{t('contracting.more')}</Button> : null}
    </>
  );
}

export default function ContractsPage() {
  const { t } = useTranslation();
  // The filters may come from a link (the dashboard's attainment chart opens the contracts booked by one rep in a period).
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<ContractFilter>(() => {
    const status = params.get('status');
    return {
      status: (CONTRACT_STATUS_LIST as readonly string[]).includes(status ?? '') ? (status as ContractFilter['status']) : undefined,
      ownerId: params.get('ownerId') ?? undefined,
      signedFrom: params.get('signedFrom') ?? undefined,
      signedTo: params.get('signedTo') ?? undefined,
    };
  });
  return (
    <>
      <PageHeader title={t('contracting.contracts.title')} description={t('contracting.contracts.description')} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('contracting.status')} style={{ width: 200 }} value={filter.status} onChange={(status) => setFilter((f) => ({ ...f, status }))} data-testid="contracts-status-filter"
          options={CONTRACT_STATUS_LIST.map((s) => ({ value: s, label: t(`contracting.contractStatus.${s}`) }))} />
        <UserPicker value={filter.ownerId} onChange={(v) => setFilter((f) => ({ ...f, ownerId: v ?? undefined }))} style={{ minWidth: 200 }} placeholder={t('contracting.contracts.owner')} data-testid="contracts-owner-filter" />
        <DatePicker.RangePicker placeholder={[t('contracting.contracts.signedFrom'), t('contracting.contracts.signedTo')]} data-testid="contracts-signed-filter"
          value={filter.signedFrom && filter.signedTo ? [dayjs(filter.signedFrom), dayjs(filter.signedTo)] : null}
          onChange={(r) => setFilter((f) => ({ ...f, signedFrom: r?.[0]?.format('YYYY-MM-DD'), signedTo: r?.[1]?.format('YYYY-MM-DD') }))} />
        <ExportButton list="contracts" filters={{ ...filter }} />
      </Flex>
      <ContractsTable filter={filter} />
    </>
  );
}
