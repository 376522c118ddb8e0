import { ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { AutoComplete, Button, DatePicker, Empty, Flex, Input, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UserPicker } from '../../../components/UserPicker.js';
import { currentLocale } from '../../../i18n/index.js';
import { api } from '../../../lib/api.js';
import { formatInstant } from '../../../lib/format.js';
import { labelOr } from '../../../lib/labels.js';
import type { AuditEvent, AuditEventsPage } from '../../../lib/types.js';
import { keys } from '../../directory/api.js';

const PAGE_SIZE = 50;
const KNOWN_ENTITY_TYPES = ['user', 'team', 'calendar', 'session'];
const KNOWN_ACTIONS = ['create', 'update', 'delete', 'disable', 'enable', 'invite', 'invitation.accept', 'password_change', 'sign_in.*', 'sign_in.success', 'sign_in.failure', 'sign_in.lock', 'sign_out'];

interface Filter {
  action?: string;
  entityType?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

function show(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.values(value).map((v) => show(v, empty)).join(' · ');
  return JSON.stringify(value);
}

/** A value; a long one is clipped to two lines with a way to see all of it. */
function Value({ text, removed }: { text: string; removed?: boolean }) {
  const { t } = useTranslation();
  if (text.length <= 120) {
    return (
      <Typography.Text type={removed ? 'secondary' : undefined} delete={removed}>
        {text}
      </Typography.Text>
    );
  }
  return (
    <Typography.Paragraph
      type={removed ? 'secondary' : undefined}
      delete={removed}
      style={{ marginBottom: 0 }}
      ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (expanded: boolean) => (expanded ? t('audit.less') : t('audit.more')) }}
    >
      {text}
    </Typography.Paragraph>
  );
}

/** Two versions of a list (e.g. a calendar's holidays) as what was added and what was removed. */
function ListChange({ before, after, empty }: { before: unknown[]; after: unknown[]; empty: string }) {
  const { t } = useTranslation();
  const key = (x: unknown) => JSON.stringify(x);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const added = after.filter((x) => !had.has(key(x)));
  const removed = before.filter((x) => !has.has(key(x)));
  if (!added.length && !removed.length) return <Typography.Text type="secondary">{t('audit.reordered')}</Typography.Text>;
  return (
    <>
      {added.map((x) => (
        <div key={`+${key(x)}`}>
          <Typography.Text type="success">+ </Typography.Text>
          {show(x, empty)}
        </div>
      ))}
      {removed.map((x) => (
        <div key={`-${key(x)}`}>
          <Typography.Text type="danger">− </Typography.Text>
          <Typography.Text delete type="secondary">
            {show(x, empty)}
          </Typography.Text>
        </div>
      ))}
    </>
  );
}

/** `{ field: [before, after] }` as "field: before → after"; other shapes (sign-in details) as "key: value". */
export function Changes({ changes }: { changes: AuditEvent['changes'] }) {
  const { t } = useTranslation();
  if (!changes || Object.keys(changes).length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const empty = t('audit.emptyValue');
  return (
    <ul className="tandem-changes" data-testid="audit-changes">
      {Object.entries(changes).map(([field, v]) => {
        const pair = Array.isArray(v) && v.length === 2 ? (v as [unknown, unknown]) : null;
        const lists = pair && (Array.isArray(pair[0]) || pair[0] === null) && (Array.isArray(pair[1]) || pair[1] === null) && (Array.isArray(pair[0]) || Array.isArray(pair[1]));
        return (
          <li key={field}>
            <Typography.Text code>{field}</Typography.Text>{' '}
            {pair && lists ? (
              <ListChange before={(pair[0] as unknown[] | null) ?? []} after={(pair[1] as unknown[] | null) ?? []} empty={empty} />
            ) : pair ? (
              <>
                <Value text={show(pair[0], empty)} removed />
                {' → '}
                <Value text={show(pair[1], empty)} />
              </>
            ) : (
              <Value text={show(v, empty)} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

export default function AuditPage() {
  const me = useSession();
  const { t } = useTranslation();
  const locale = currentLocale();
  const [filter, setFilter] = useState<Filter>({});
  const [actionText, setActionText] = useState('');
  const [entityText, setEntityText] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);

  const query = useInfiniteQuery({
    queryKey: keys.audit({ ...filter }),
    queryFn: ({ pageParam, signal }) => api.get<AuditEventsPage>('/audit-events', { ...filter, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);

  const set = (patch: Partial<Filter>) => setFilter((f) => ({ ...f, ...patch }));
  const onRange = (r: [Dayjs | null, Dayjs | null] | null) => {
    setRange(r);
    // Whole days in the browser's time zone: from the start of the first to the start of the day after the last.
    set({ from: r?.[0]?.startOf('day').toISOString(), to: r?.[1]?.add(1, 'day').startOf('day').toISOString() });
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (at: string) => formatInstant(at, locale, me.user.timeZone) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 180, render: (name: string | null, e) => name ?? <Typography.Text type="secondary">{e.actorId ? t('audit.unknownActor') : t('audit.system')}</Typography.Text> },
    { title: t('audit.action'), dataIndex: 'action', width: 170, render: (a: string) => <Tooltip title={a}><Tag color={a.includes('failure') || a === 'delete' || a === 'disable' ? 'red' : a === 'create' ? 'green' : 'blue'}>{labelOr(`audit.actions.${a}`, a)}</Tag></Tooltip> },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 150,
      render: (_, e) => (
        <Flex vertical>
          <span>{labelOr(`audit.entityTypes.${e.entityType}`, e.entityType)}</span>
          {e.entityId ? (
            <Typography.Text type="secondary" copyable={{ text: e.entityId, tooltips: [t('common.copy'), t('common.copied')] }} style={{ fontSize: 12 }}>
              {e.entityId.slice(0, 8)}…
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('audit.changes'), dataIndex: 'changes', width: 420, render: (c: AuditEvent['changes']) => <Changes changes={c} /> },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
  ];

  const filtered = Object.values(filter).some(Boolean);
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isRefetching && !query.isFetchingNextPage}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="audit-filters">
        <AutoComplete
          value={actionText}
          options={KNOWN_ACTIONS.map((a) => ({ value: a, label: a.endsWith('*') ? `${a} · ${t('audit.prefixHint')}` : `${a} · ${labelOr(`audit.actions.${a}`, a)}` }))}
          onChange={setActionText}
          onSelect={(v: string) => set({ action: v || undefined })}
          style={{ width: 240 }}
        >
          <Input.Search placeholder={t('audit.actionPlaceholder')} allowClear onSearch={(v) => set({ action: v.trim() || undefined })} data-testid="audit-action" />
        </AutoComplete>
        <AutoComplete
          options={KNOWN_ENTITY_TYPES.map((x) => ({ value: x, label: `${x} · ${labelOr(`audit.entityTypes.${x}`, x)}` }))}
          placeholder={t('audit.entityTypePlaceholder')}
          allowClear
          value={entityText}
          onSelect={(v: string) => set({ entityType: v })}
          onChange={(v: string) => {
            setEntityText(v ?? '');
            if (!v) set({ entityType: undefined });
          }}
          onBlur={() => set({ entityType: entityText.trim() || undefined })}
          style={{ width: 200 }}
          data-testid="audit-entity-type"
        />
        <UserPicker value={filter.actorId ?? null} onChange={(id) => set({ actorId: id ?? undefined })} placeholder={t('audit.actorPlaceholder')} style={{ width: 220 }} data-testid="audit-actor" />
        <DatePicker.RangePicker value={range} onChange={(r) => onRange(r as [Dayjs | null, Dayjs | null] | null)} allowEmpty={[true, true]} data-testid="audit-range" />
        {filtered ? (
          <Button
            onClick={() => {
              setFilter({});
              setActionText('');
              setEntityText('');
              setRange(null);
            }}
          >
            {t('common.clearFilters')}
          </Button>
        ) : null}
      </Flex>
      {query.error ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<AuditEvent>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={query.isPending || (query.isFetching && !query.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 1250 }}
        size="middle"
        data-testid="audit-table"
        locale={{ emptyText: <Empty description={filtered ? t('audit.noMatches') : t('audit.empty')} /> }}
      />
      <LoadMore shown={rows.length} hasMore={!!query.hasNextPage} loading={query.isFetchingNextPage} onMore={() => void query.fetchNextPage()} />
    </>
  );
}
