import { CheckCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, List, Progress, Radio, Row, Select, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant } from '../../../lib/format.js';
import { ExportCard } from './ExportCard.js';
import { IMPORT_ENTITY_LIST, IMPORT_MAX_BYTES, uploadImport, useImportActions, useImportJob, useMyImports, useRejections, type ImportEntity, type ImportJob } from './api.js';

const LIST_PATH: Record<ImportEntity, string> = { accounts: '/sales/accounts', contacts: '/sales/accounts', leads: '/sales/leads', opportunities: '/sales/opportunities' };

function stepOf(job: ImportJob | undefined): number {
  if (!job) return 0;
  if (job.status === 'uploaded' || (job.status === 'failed' && job.dryRun)) return 1;
  if (job.status === 'checking' || job.status === 'checked') return 2;
  return 3;
}

/** Import from CSV in four steps — file, mapping, dry run, import — and export of the sales lists. */
export default function ImportPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const [entity, setEntity] = useState<ImportEntity>('contacts');
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const job = useImportJob(jobId);
  const actions = useImportActions(jobId);
  const mine = useMyImports();
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  useEffect(() => {
    if (job.data) setMapping(job.data.mapping);
  }, [job.data?.id, job.data?.mapping.join('|')]); // eslint-disable-line react-hooks/exhaustive-deps
  const rejections = useRejections(job.data);
  const d = job.data;

  const send = async (file: File) => {
    setUploadError(null);
    if (file.size > IMPORT_MAX_BYTES) {
      setUploadError(new Error(t('imports.tooBig')));
      return;
    }
    setUploading(0);
    try {
      const created = await uploadImport(file, entity, setUploading);
      setJobId(created.id);
    } catch (e) {
      setUploadError(e);
    } finally {
      setUploading(null);
    }
  };

  const fieldOptions = useMemo(
    () => [{ value: '', label: t('imports.skipColumn') }, ...(d?.fields ?? []).map((f) => ({ value: f.key, label: `${t(`imports.field.${d!.entity}.${f.key}` as never)}${f.required ? ' *' : ''}` }))],
    [d, t],
  );
  const saveMappingThenCheck = () =>
    actions.map.mutate(mapping, {
      onSuccess: () => actions.check.mutate(undefined, { onError: (e) => message.error(errorMessage(e, t)) }),
      onError: (e) => message.error(errorMessage(e, t)),
    });
  const rejected = rejections.data?.pages.flatMap((p) => p.items) ?? [];
  const percent = d && d.totalRows ? Math.floor((d.processedRows / d.totalRows) * 100) : null;

  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card data-testid="import-card">
            <Steps current={stepOf(d)} size="small" style={{ marginBottom: 24 }} items={[{ title: t('imports.step.file') }, { title: t('imports.step.map') }, { title: t('imports.step.check') }, { title: t('imports.step.import') }]} />
            {job.error ? <ErrorAlert error={job.error} /> : null}
            {!d ? (
              <Space direction="vertical" style={{ width: '100%' }} size="middle">
                <Radio.Group value={entity} onChange={(e) => setEntity(e.target.value)} optionType="button" data-testid="import-entity" options={IMPORT_ENTITY_LIST.map((e) => ({ value: e, label: t(`imports.entity.${e}`) }))} />
                <Upload.Dragger accept=".csv,text/csv" showUploadList={false} multiple={false} beforeUpload={(file) => { void send(file); return false; }} disabled={uploading !== null} data-testid="import-file">
                  <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                  <p className="ant-upload-text">{t('imports.drop')}</p>
                  <p className="ant-upload-hint">{t('imports.dropHint')}</p>
                </Upload.Dragger>
                {uploading !== null ? <Progress percent={Math.floor(uploading * 100)} status="active" data-testid="upload-progress" /> : null}
                {uploadError ? <Alert type="error" showIcon message={errorMessage(uploadError, t)} data-testid="upload-error" /> : null}
              </Space>
            ) : (
              <Space direction="vertical" style={{ width: '100%' }} size="middle">
                <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
                  { key: 'f', label: t('imports.file'), children: d.fileName },
                  { key: 'e', label: t('imports.what'), children: t(`imports.entity.${d.entity}`) },
                  { key: 'c', label: t('imports.encoding'), children: d.encoding === 'gbk' ? 'GBK' : 'UTF-8' },
                ]} />
                {d.error ? <Alert type="error" showIcon message={d.error} data-testid="import-error" /> : null}
                {stepOf(d) === 1 ? (
                  <>
                    <Table
                      size="small"
                      rowKey="index"
                      pagination={false}
                      scroll={{ x: true }}
                      data-testid="mapping-table"
                      dataSource={d.header.map((h, index) => ({ index, h }))}
                      columns={[
                        { title: t('imports.column'), dataIndex: 'h', width: 180 },
                        { title: t('imports.sample'), render: (_, r) => <Typography.Text type="secondary" ellipsis style={{ maxWidth: 280 }}>{d.sample.map((s) => s[r.index] ?? '').filter(Boolean).slice(0, 3).join(' · ')}</Typography.Text> },
                        {
                          title: t('imports.field.title'),
                          width: 220,
                          render: (_, r) => (
                            <Select value={mapping[r.index] ?? ''} options={fieldOptions} style={{ width: 200 }} data-testid={`map-${r.index}`} onChange={(v) => setMapping((m) => m.map((x, i) => (i === r.index ? (v || null) : x)))} />
                          ),
                        },
                      ]}
                    />
                    <Flex gap={8}>
                      <Button type="primary" onClick={saveMappingThenCheck} loading={actions.map.isPending || actions.check.isPending} data-testid="import-check">{t('imports.check')}</Button>
                      <Button onClick={() => setJobId(null)}>{t('imports.another')}</Button>
                    </Flex>
                  </>
                ) : null}
                {d.status === 'checking' || d.status === 'importing' ? (
                  <div data-testid="import-progress">
                    <Typography.Text>{t(d.status === 'checking' ? 'imports.checking' : 'imports.importing', { done: d.processedRows.toLocaleString(locale), total: d.totalRows?.toLocaleString(locale) ?? '…' })}</Typography.Text>
                    <Progress percent={percent ?? 0} status="active" showInfo={percent !== null} />
                  </div>
                ) : null}
                {d.status === 'checked' || d.status === 'done' ? (
                  <>
                    <Row gutter={16} data-testid="import-figures">
                      <Col span={6}><Statistic title={t('imports.rows')} value={d.totalRows ?? 0} /></Col>
                      <Col span={6}><Statistic title={d.status === 'done' ? t('imports.inserted') : t('imports.valid')} value={d.status === 'done' ? d.insertedRows : d.validRows} valueStyle={{ color: '#389e0d' }} /></Col>
                      <Col span={6}><Statistic title={t('imports.rejected')} value={d.rejectedRows} valueStyle={d.rejectedRows ? { color: '#cf1322' } : undefined} /></Col>
                      <Col span={6}><Statistic title={t('imports.duplicates')} value={d.duplicateRows} /></Col>
                    </Row>
                    {d.status === 'checked' ? (
                      <Alert type={d.validRows ? 'info' : 'warning'} showIcon message={d.validRows ? t('imports.readyHint', { count: d.validRows }) : t('imports.nothingValid')} />
                    ) : (
                      <Alert type="success" showIcon icon={<CheckCircleOutlined />} message={t('imports.doneHint', { count: d.insertedRows })} action={<Link to={LIST_PATH[d.entity]}>{t('imports.open')}</Link>} data-testid="import-done" />
                    )}
                    <Flex gap={8}>
                      {d.status === 'checked' ? (
                        <>
                          <Button type="primary" disabled={!d.validRows} onClick={() => actions.run.mutate(undefined, { onError: (e) => message.error(errorMessage(e, t)) })} loading={actions.run.isPending} data-testid="import-run">
                            {t('imports.run', { count: d.validRows })}
                          </Button>
                          <Button onClick={() => actions.map.mutate(d.mapping)} data-testid="import-remap">{t('imports.remap')}</Button>
                        </>
                      ) : null}
                      <Button onClick={() => setJobId(null)} data-testid="import-another">{t('imports.another')}</Button>
                    </Flex>
                    {d.rejectedRows + d.duplicateRows > 0 ? (
                      <Table
                        size="small"
                        rowKey={(r) => `${r.row}-${r.field}-${r.kind}`}
                        data-testid="rejections"
                        loading={rejections.isLoading}
                        dataSource={rejected}
                        pagination={false}
                        scroll={{ x: true, y: 360 }}
                        title={() => t('imports.rejectionsTitle')}
                        footer={rejections.hasNextPage ? () => <Button size="small" onClick={() => void rejections.fetchNextPage()} loading={rejections.isFetchingNextPage}>{t('common.loadMore')}</Button> : undefined}
                        columns={[
                          { title: t('imports.row'), dataIndex: 'row', width: 70 },
                          { title: t('imports.kind'), dataIndex: 'kind', width: 110, render: (k: 'invalid' | 'duplicate') => <Tag color={k === 'invalid' ? 'red' : 'gold'}>{t(`imports.kindOf.${k}`)}</Tag> },
                          { title: t('imports.reason'), dataIndex: 'reason' },
                          { title: t('imports.cells'), dataIndex: 'cells', render: (c: string[]) => <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>{c.join(', ')}</Typography.Text> },
                        ]}
                      />
                    ) : null}
                  </>
                ) : null}
                {d.status === 'failed' && !d.dryRun ? <Button onClick={() => setJobId(null)}>{t('imports.another')}</Button> : null}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <ExportCard />
            <Card title={t('imports.recent')} size="small">
              {mine.error ? <ErrorAlert error={mine.error} /> : null}
              <List
                size="small"
                loading={mine.isLoading}
                dataSource={mine.data?.items ?? []}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.none')} /> }}
                renderItem={(j) => (
                  <List.Item actions={[<Button key="o" type="link" size="small" onClick={() => setJobId(j.id)}>{t('imports.show')}</Button>]}>
                    <List.Item.Meta title={j.fileName} description={`${t(`imports.entity.${j.entity}`)} · ${t(`imports.status.${j.status}`)} · ${formatInstant(j.createdAt, locale)}`} />
                  </List.Item>
                )}
              />
            </Card>
          </Space>
        </Col>
      </Row>
    </>
  );
}
