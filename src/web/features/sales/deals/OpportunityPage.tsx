import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Input, InputNumber, Row, Select, Skeleton, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant, formatMinor, formatPlanDate, toMajor, toMinor } from '../../../lib/format.js';
import { ActivityPanel } from '../crm/ActivityPanel.js';
import { useCompetitorOptions, useDealMutations, useOpportunity } from './api.js';
import { LostReasonModal } from './LostReasonModal.js';
import { NewContractButton } from '../contracting/NewContractButton.js';
import { QuotesPanel } from '../contracting/QuotesPanel.js';
import { SharePanel } from '../SharePanel.js';
import { COMPETITOR_STATUS_LIST, FORECAST_CATEGORY_LIST, type OpportunityCompetitor, type OpportunityDetail, type UpdateOpportunity } from './types.js';

/** /sales/opportunities/:id: the header (stage steps and key figures, editable), needs and solution, competitors, history, activities. */
export default function OpportunityPage() {
  const { id = '' } = useParams();
  const opp = useOpportunity(id);
  if (opp.error) return <ErrorAlert error={opp.error} onRetry={() => opp.refetch()} />;
  if (!opp.data) return <Skeleton active />;
  return <OpportunityView o={opp.data} key={`${opp.data.id}:${opp.data.version}`} />;
}

function OpportunityView({ o }: { o: OpportunityDetail }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const { update, move, putCompetitor, removeCompetitor } = useDealMutations();
  const competitors = useCompetitorOptions();
  const [lostStage, setLostStage] = useState<string | null>(null);
  const [needs, setNeeds] = useState(o.needs);
  const [solution, setSolution] = useState(o.solution);
  const [picked, setPicked] = useState<string | undefined>();
  const canEdit = o.abilities.update;
  const stages = o.stages.filter((s) => !s.archived || s.id === o.stageId);
  const fail = (err: unknown) => message.error(isApiError(err) && err.status === 409 ? t('deals.conflict') : errorMessage(err, t));
  const save = (body: Omit<UpdateOpportunity, 'version'>) => update.mutate({ id: o.id, version: o.version, ...body }, { onError: fail });
  const moveTo = (stageId: string, lost?: { lostReason: string; lostToCompetitorId: string | null }) =>
    move.mutate({ id: o.id, stageId, version: o.version, ...lost }, { onError: fail, onSettled: () => setLostStage(null) });

  return (
    <>
      <PageHeader
        title={o.name}
        description={
          <span>
            <Link to={`/sales/accounts/${o.accountId}`}>{o.accountName}</Link> · {o.ownerName}
          </span>
        }
        extra={<Tag color={o.status === 'won' ? 'green' : o.status === 'lost' ? 'red' : 'blue'} data-testid="opportunity-status">{t(`deals.status.${o.status}`)}</Tag>}
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={stages.findIndex((s) => s.id === o.stageId)}
          status={o.status === 'lost' ? 'error' : o.status === 'won' ? 'finish' : 'process'}
          onChange={canEdit ? (i) => {
            const s = stages[i];
            if (!s || s.id === o.stageId) return;
            if (s.kind === 'lost') setLostStage(s.id);
            else moveTo(s.id);
          } : undefined}
          items={stages.map((s) => ({ title: <span data-testid={`stage-step-${s.name}`}>{s.name}</span>, description: `${s.probability}%` }))}
          data-testid="stage-steps"
        />
        <Descriptions column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }} size="small">
          <Descriptions.Item label={t('deals.field.amount')}>
            <Space.Compact>
              <InputNumber disabled={!canEdit} min={0} precision={2} defaultValue={toMajor(o.amount) ?? 0} onBlur={(e) => { const v = toMinor(Number(e.target.value.replace(/,/g, ''))); if (v !== o.amount && !Number.isNaN(v)) save({ amount: v }); }} data-testid="detail-amount" />
              <Input disabled={!canEdit} defaultValue={o.currency} maxLength={3} style={{ width: 70 }} onBlur={(e) => { const v = e.target.value.trim().toUpperCase(); if (v !== o.currency) save({ currency: v }); }} />
            </Space.Compact>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>= {formatMinor(o.amountBase, locale)}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.field.closeDate')}>
            <DatePicker disabled={!canEdit} allowClear={false} defaultValue={dayjs(o.closeDate)} onChange={(d) => d && save({ closeDate: d.format('YYYY-MM-DD') })} data-testid="detail-close-date" />
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.field.probability')}>
            <InputNumber disabled={!canEdit || o.status !== 'open'} min={0} max={100} defaultValue={o.probability} addonAfter="%" onBlur={(e) => { const v = Number(e.target.value); if (v !== o.probability && !Number.isNaN(v)) save({ probability: v }); }} data-testid="detail-probability" />
            {o.probabilityOverridden ? <Button type="link" size="small" disabled={!canEdit} onClick={() => save({ probability: null })}>{t('deals.resetProbability')}</Button> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.field.forecast')}>
            <Select disabled={!canEdit || o.status !== 'open'} value={o.forecastCategory} style={{ width: 160 }} onChange={(v) => save({ forecastCategory: v })} options={FORECAST_CATEGORY_LIST.map((f) => ({ value: f, label: t(`deals.forecast.${f}`) }))} data-testid="detail-forecast" />
          </Descriptions.Item>
          <Descriptions.Item label={t('deals.field.nextStep')}>
            <Input disabled={!canEdit} defaultValue={o.nextStep} onBlur={(e) => e.target.value !== o.nextStep && save({ nextStep: e.target.value })} />
          </Descriptions.Item>
          {o.status === 'lost' ? <Descriptions.Item label={t('deals.lost.reason')}><span data-testid="detail-lost-reason">{o.lostReason}</span></Descriptions.Item> : null}
        </Descriptions>
      </Card>
      {/* Quotes span the page: their lines table has eight columns. */}
      <Card title={t('deals.quotesSlot')} extra={<NewContractButton opportunityId={o.id} />} style={{ marginBottom: 16 }} data-testid="opportunity-quotes">
        <QuotesPanel opportunityId={o.id} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('deals.needs')} style={{ marginBottom: 16 }}>
            <Typography.Text type="secondary">{t('deals.field.needs')}</Typography.Text>
            <Input.TextArea disabled={!canEdit} rows={3} value={needs} onChange={(e) => setNeeds(e.target.value)} onBlur={() => needs !== o.needs && save({ needs })} data-testid="detail-needs" />
            <Typography.Text type="secondary">{t('deals.field.solution')}</Typography.Text>
            <Input.TextArea disabled={!canEdit} rows={3} value={solution} onChange={(e) => setSolution(e.target.value)} onBlur={() => solution !== o.solution && save({ solution })} data-testid="detail-solution" />
          </Card>
          <Card title={t('deals.competitors.title')} style={{ marginBottom: 16 }} data-testid="competitors">
            {canEdit ? (
              <Flex gap={8} style={{ marginBottom: 12 }}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('deals.competitors.add')}
                  style={{ minWidth: 220 }}
                  value={picked}
                  onChange={setPicked}
                  options={(competitors.data ?? []).filter((c) => !o.competitors.some((x) => x.competitorId === c.id)).map((c) => ({ value: c.id, label: c.name }))}
                  notFoundContent={t('deals.competitors.noneKnown')}
                />
                <Button disabled={!picked} onClick={() => picked && putCompetitor.mutate({ id: o.id, competitorId: picked }, { onError: fail, onSuccess: () => setPicked(undefined) })}>{t('deals.competitors.addButton')}</Button>
              </Flex>
            ) : null}
            <Table
              rowKey="competitorId"
              size="small"
              pagination={false}
              dataSource={o.competitors}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deals.competitors.none')} /> }}
              columns={[
                { title: t('deals.competitors.name'), dataIndex: 'name' },
                { title: t('deals.competitors.strengths'), dataIndex: 'strengths', render: (v: string, c) => <Input.TextArea disabled={!canEdit} autoSize defaultValue={v} onBlur={(e) => e.target.value !== v && putCompetitor.mutate({ id: o.id, competitorId: c.competitorId, strengths: e.target.value, weaknesses: c.weaknesses, status: c.status, version: c.version }, { onError: fail })} /> },
                { title: t('deals.competitors.weaknesses'), dataIndex: 'weaknesses', render: (v: string, c) => <Input.TextArea disabled={!canEdit} autoSize defaultValue={v} onBlur={(e) => e.target.value !== v && putCompetitor.mutate({ id: o.id, competitorId: c.competitorId, strengths: c.strengths, weaknesses: e.target.value, status: c.status, version: c.version }, { onError: fail })} /> },
                { title: t('deals.competitors.status'), dataIndex: 'status', render: (v: OpportunityCompetitor['status'], c) => <Select disabled={!canEdit} value={v} style={{ width: 130 }} onChange={(s: OpportunityCompetitor['status']) => putCompetitor.mutate({ id: o.id, competitorId: c.competitorId, strengths: c.strengths, weaknesses: c.weaknesses, status: s, version: c.version }, { onError: fail })} options={COMPETITOR_STATUS_LIST.map((s) => ({ value: s, label: t(`deals.competitorStatus.${s}`) }))} /> },
                { title: '', render: (_: unknown, c) => (canEdit ? <Button size="small" danger type="link" onClick={() => removeCompetitor.mutate({ id: o.id, competitorId: c.competitorId }, { onError: fail })}>{t('common.delete')}</Button> : null) },
              ]}
            />
          </Card>
          {/* Activities: the crm area's panel for this opportunity. */}
          <ActivityPanel parent={{ type: 'opportunity', id: o.id }} />
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('deals.history')} style={{ marginBottom: 16 }} data-testid="stage-history">
            <Timeline
              items={o.stageHistory.map((h) => ({
                color: h.toStageId === o.stageId ? 'blue' : 'gray',
                children: (
                  <>
                    <div>{h.fromStageName ? `${h.fromStageName} → ${h.toStageName}` : t('deals.openedIn', { stage: h.toStageName })}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.changedByName} · {formatInstant(h.changedAt, locale)} · {h.probability}%</Typography.Text>
                  </>
                ),
              }))}
            />
          </Card>
          <div style={{ marginBottom: 16 }}>
            <SharePanel entity="opportunity" id={o.id} ownerId={o.ownerId} />
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('deals.closeDateIs', { date: formatPlanDate(o.closeDate, locale) })}</Typography.Text>
        </Col>
      </Row>
      <LostReasonModal open={!!lostStage} busy={move.isPending} onCancel={() => setLostStage(null)} onConfirm={(v) => lostStage && moveTo(lostStage, v)} />
    </>
  );
}
