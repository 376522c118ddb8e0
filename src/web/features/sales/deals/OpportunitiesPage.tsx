import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { usePipelines } from './api.js';
import { BoardView } from './BoardView.js';
import { ListView } from './ListView.js';
import type { OpportunityFilter } from './types.js';
import { NewOpportunityModal } from './NewOpportunityModal.js';

/** Query parameters the list takes as its first filters (links from charts use them). */
export const LINK_FILTERS = ['ownerId', 'stageId', 'status', 'closeFrom', 'closeTo', 'forecastCategory', 'accountId', 'minAmount', 'maxAmount'] as const;

/** /sales/opportunities: the pipeline as a board (drag between stages) or as a filtered list. */
export default function OpportunitiesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // A link from a chart (the dashboard, the forecast) carries list filters: it opens the list with them.
  const linkedFilter = LINK_FILTERS.some((k) => params.has(k));
  const view = params.get('view') === 'list' || (linkedFilter && params.get('view') !== 'board') ? 'list' : 'board';
  const pipelines = usePipelines();
  const items = (pipelines.data?.items ?? []).filter((p) => !p.archived);
  const pipelineId = params.get('pipeline') ?? params.get('pipelineId') ?? items.find((p) => p.isDefault)?.id ?? items[0]?.id;
  const pipeline = items.find((p) => p.id === pipelineId);
  const [creating, setCreating] = useState(false);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('deals.title')}
        description={t('deals.description')}
        extra={
          <Space wrap>
            <Select style={{ minWidth: 180 }} value={pipelineId} onChange={(v) => set('pipeline', v)} options={items.map((p) => ({ value: p.id, label: p.name }))} data-testid="pipeline-picker" aria-label={t('deals.pipeline')} />
            <Segmented
              value={view}
              onChange={(v) => set('view', String(v))}
              options={[
                { value: 'board', label: <span data-testid="view-board"><AppstoreOutlined /> {t('deals.board')}</span> },
                { value: 'list', label: <span data-testid="view-list"><UnorderedListOutlined /> {t('deals.list')}</span> },
              ]}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!pipeline} data-testid="opportunity-new">
              {t('deals.new')}
            </Button>
          </Space>
        }
      />
      {pipelines.error ? <ErrorAlert error={pipelines.error} onRetry={() => pipelines.refetch()} /> : null}
      <Flex vertical gap={16}>
        {pipeline ? view === 'board' ? <BoardView pipeline={pipeline} /> : <ListView key={params.toString()} pipeline={pipeline} initial={initialFilter(params)} /> : null}
      </Flex>
      <NewOpportunityModal open={creating} pipeline={pipeline} onClose={() => setCreating(false)} onCreated={(o) => { setCreating(false); navigate(`/sales/opportunities/${o.id}`); }} />
    </>
  );
}

/** The list filters a link carries (unknown values are left for the server to refuse). */
function initialFilter(params: URLSearchParams): OpportunityFilter {
  const f: Record<string, string | number> = { sort: 'closeDate' };
  for (const k of LINK_FILTERS) {
    const v = params.get(k);
    if (v) f[k] = k === 'minAmount' || k === 'maxAmount' ? Number(v) : v;
  }
  return f as OpportunityFilter;
}
