import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Dropdown, Flex, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { UserPicker } from '../../../components/UserPicker.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatMinor, formatPlanDate, toMajor, toMinor } from '../../../lib/format.js';
import { ExportButton } from '../imports/ExportCard.js';
import { useDealMutations, useOpportunities, useSavedViews } from './api.js';
import { FORECAST_CATEGORY_LIST, type Opportunity, type OpportunityFilter, type Pipeline } from './types.js';

/** The list: a filter bar, saved views (save the current filters, apply, delete), keyset pages. */
export function ListView({ pipeline, initial }: { pipeline: Pipeline; initial?: OpportunityFilter }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<OpportunityFilter>(initial ?? { sort: 'closeDate' });
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const effective: OpportunityFilter = { ...filter, pipelineId: pipeline.id, q: q || undefined };
  const list = useOpportunities(effective);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const views = useSavedViews();
  const { saveView, deleteView } = useDealMutations();
  const [saving, setSaving] = useState(false);
  const [viewName, setViewName] = useState('');
  const [shared, setShared] = useState(false);
  const patch = (p: Partial<OpportunityFilter>) => setFilter((f) => ({ ...f, ...p }));

  const columns = [
    { title: t('deals.field.name'), dataIndex: 'name', render: (_: unknown, o: Opportunity) => <Link to={`/sales/opportunities/${o.id}`}>{o.name}</Link> },
    { title: t('deals.field.account'), dataIndex: 'accountName' },
    { title: t('deals.field.stage'), dataIndex: 'stageName', render: (_: unknown, o: Opportunity) => <Tag color={o.status === 'won' ? 'green' : o.status === 'lost' ? 'red' : 'blue'}>{o.stageName}</Tag> },
    { title: t('deals.field.amount'), dataIndex: 'amount', align: 'right' as const, render: (_: unknown, o: Opportunity) => `${o.currency} ${formatMinor(o.amount, locale)}` },
    { title: t('deals.field.closeDate'), dataIndex: 'closeDate', render: (d: string) => formatPlanDate(d, locale) },
    { title: t('deals.field.probability'), dataIndex: 'probability', render: (p: number) => `${p}%` },
    { title: t('deals.field.forecast'), dataIndex: 'forecastCategory', render: (f: string) => t(`deals.forecast.${f as 'pipeline'}`) },
    { title: t('deals.owner'), dataIndex: 'ownerName' },
  ];

  return (
    <>
      <Flex gap={8} wrap align="center" data-testid="opportunity-filters">
        <Input.Search allowClear placeholder={t('deals.filter.search')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 220 }} data-testid="filter-q" />
        <UserPicker value={filter.ownerId} onChange={(v) => patch({ ownerId: v ?? undefined })} placeholder={t('deals.owner')} style={{ width: 200 }} />
        <Select allowClear placeholder={t('deals.field.stage')} value={filter.stageId} onChange={(v) => patch({ stageId: v })} style={{ width: 160 }} options={pipeline.stages.filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name }))} data-testid="filter-stage" />
        <Select allowClear placeholder={t('deals.filter.status')} value={filter.status} onChange={(v) => patch({ status: v })} style={{ width: 120 }} options={(['open', 'won', 'lost'] as const).map((s) => ({ value: s, label: t(`deals.status.${s}`) }))} data-testid="filter-status" />
        <Select allowClear placeholder={t('deals.field.forecast')} value={filter.forecastCategory} onChange={(v) => patch({ forecastCategory: v })} style={{ width: 140 }} options={FORECAST_CATEGORY_LIST.map((f) => ({ value: f, label: t(`deals.forecast.${f}`) }))} />
        <DatePicker.RangePicker
          value={[filter.closeFrom ? dayjs(filter.closeFrom) : null, filter.closeTo ? dayjs(filter.closeTo) : null]}
          onChange={(r) => patch({ closeFrom: r?.[0]?.format('YYYY-MM-DD'), closeTo: r?.[1]?.format('YYYY-MM-DD') })}
          allowEmpty={[true, true]}
        />
        <InputNumber min={0} placeholder={t('deals.filter.minAmount')} value={toMajor(filter.minAmount)} onChange={(v) => patch({ minAmount: v === null ? undefined : toMinor(Number(v)) })} style={{ width: 130 }} />
        <InputNumber min={0} placeholder={t('deals.filter.maxAmount')} value={toMajor(filter.maxAmount)} onChange={(v) => patch({ maxAmount: v === null ? undefined : toMinor(Number(v)) })} style={{ width: 130 }} />
        <Select value={filter.sort} onChange={(v) => patch({ sort: v })} style={{ width: 160 }} options={(['closeDate', 'amount', 'updatedAt'] as const).map((s) => ({ value: s, label: t(`deals.sort.${s}`) }))} data-testid="filter-sort" />
        <Dropdown
          menu={{
            items: [
              ...(views.data ?? []).map((v) => ({
                key: v.id,
                label: (
                  <Flex justify="space-between" gap={12}>
                    <span data-testid={`saved-view-${v.name}`}>{v.name}{v.shared ? ` · ${t('deals.views.shared')}` : ''}</span>
                    {v.abilities.delete ? (
                      <DeleteOutlined
                        aria-label={t('common.delete')}
                        onClick={(e) => {
                          e.stopPropagation();
                          deleteView.mutate(v, { onError: (err) => message.error(errorMessage(err, t)) });
                        }}
                      />
                    ) : null}
                  </Flex>
                ),
                onClick: () => {
                  const f = v.filters as OpportunityFilter;
                  setFilter({ sort: 'closeDate', ...f });
                  setSearch(typeof f.q === 'string' ? f.q : '');
                },
              })),
              ...(views.data?.length ? [] : [{ key: 'none', label: t('deals.views.none'), disabled: true }]),
            ],
          }}
        >
          <Button data-testid="saved-views">{t('deals.views.title')}</Button>
        </Dropdown>
        <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="save-view">{t('deals.views.save')}</Button>
        <ExportButton list="opportunities" filters={{ ...effective }} />
      </Flex>
      {list.error ? <ErrorAlert error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table rowKey="id" dataSource={items} columns={columns} pagination={false} loading={list.isLoading} size="middle" data-testid="opportunity-table" scroll={{ x: 900 }} />
      <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
      <Modal
        open={saving}
        title={t('deals.views.save')}
        onCancel={() => setSaving(false)}
        confirmLoading={saveView.isPending}
        okButtonProps={{ disabled: !viewName.trim() }}
        onOk={() =>
          saveView.mutate(
            { name: viewName.trim(), filters: { ...filter, q: q || undefined }, shared },
            { onSuccess: () => { setSaving(false); setViewName(''); message.success(t('deals.views.saved')); }, onError: (err) => message.error(errorMessage(err, t)) },
          )
        }
        destroyOnHidden
      >
        <Flex vertical gap={12}>
          <Input placeholder={t('deals.views.name')} value={viewName} onChange={(e) => setViewName(e.target.value)} data-testid="view-name" />
          <Checkbox checked={shared} onChange={(e) => setShared(e.target.checked)}>{t('deals.views.shareWithTeam')}</Checkbox>
        </Flex>
      </Modal>
    </>
  );
}
