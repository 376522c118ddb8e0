import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { usePipelineMutations, usePipelines } from './api.js';
import type { Pipeline, Stage } from './types.js';

/** Sales settings → Pipelines: stages in order (up/down), their default probability, add and remove. */
export default function PipelinesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const pipelines = usePipelines();
  const m = usePipelineMutations();
  const [selected, setSelected] = useState<string | undefined>();
  const [newName, setNewName] = useState('');
  const items = pipelines.data?.items ?? [];
  const pipeline = items.find((p) => p.id === selected) ?? items.find((p) => p.isDefault) ?? items[0];
  const fail = (err: unknown) => message.error(isApiError(err) && err.status === 409 ? t('deals.conflict') : errorMessage(err, t));
  if (pipelines.error) return <ErrorAlert error={pipelines.error} onRetry={() => pipelines.refetch()} />;
  const canManage = pipelines.data?.abilities.manage ?? false;

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <Select style={{ minWidth: 220 }} value={pipeline?.id} onChange={setSelected} options={items.map((p) => ({ value: p.id, label: `${p.name}${p.isDefault ? ` (${t('deals.settings.default')})` : ''}` }))} data-testid="settings-pipeline" />
        {canManage ? (
          <Space.Compact>
            <Input placeholder={t('deals.settings.newPipeline')} value={newName} onChange={(e) => setNewName(e.target.value)} />
            <Button icon={<PlusOutlined />} disabled={!newName.trim()} onClick={() => m.create.mutate({ name: newName.trim() }, { onError: fail, onSuccess: (p) => { setNewName(''); setSelected(p.id); } })}>
              {t('deals.settings.addPipeline')}
            </Button>
          </Space.Compact>
        ) : null}
      </Flex>
      {pipeline ? <StagesTable pipeline={pipeline} canManage={canManage} fail={fail} /> : null}
    </Flex>
  );
}

function StagesTable({ pipeline, canManage, fail }: { pipeline: Pipeline; canManage: boolean; fail: (e: unknown) => void }) {
  const { t } = useTranslation();
  const m = usePipelineMutations();
  const [name, setName] = useState('');
  const [probability, setProbability] = useState<number | null>(50);
  const live = pipeline.stages.filter((s) => !s.archived);
  const moveStage = (index: number, by: -1 | 1) => {
    const ids = live.map((s) => s.id);
    const j = index + by;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j], ids[index]];
    m.reorder.mutate({ pipelineId: pipeline.id, version: pipeline.version, stageIds: ids }, { onError: fail });
  };
  return (
    <Card size="small" title={pipeline.name}>
      <Table<Stage>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={live}
        data-testid="stages-table"
        columns={[
          {
            title: t('deals.settings.order'),
            width: 90,
            render: (_: unknown, _s, i) => (
              <Space>
                <Button size="small" icon={<ArrowUpOutlined />} disabled={!canManage || i === 0} onClick={() => moveStage(i, -1)} aria-label={t('deals.settings.up')} data-testid={`stage-up-${i}`} />
                <Button size="small" icon={<ArrowDownOutlined />} disabled={!canManage || i === live.length - 1} onClick={() => moveStage(i, 1)} aria-label={t('deals.settings.down')} data-testid={`stage-down-${i}`} />
              </Space>
            ),
          },
          { title: t('deals.field.stage'), dataIndex: 'name', render: (v: string, s) => <Input disabled={!canManage} defaultValue={v} key={`${s.id}:${s.version}`} onBlur={(e) => e.target.value.trim() && e.target.value !== v && m.updateStage.mutate({ id: s.id, version: s.version, name: e.target.value.trim() }, { onError: fail })} /> },
          {
            title: t('deals.field.probability'),
            dataIndex: 'probability',
            width: 140,
            render: (v: number, s) => <InputNumber disabled={!canManage} key={`${s.id}:${s.version}`} min={0} max={100} defaultValue={v} addonAfter="%" onBlur={(e) => { const n = Number(e.target.value); if (!Number.isNaN(n) && n !== v) m.updateStage.mutate({ id: s.id, version: s.version, probability: n }, { onError: fail }); }} data-testid={`stage-probability-${s.name}`} />,
          },
          { title: t('deals.settings.kind'), dataIndex: 'kind', width: 100, render: (k: string) => <Tag color={k === 'won' ? 'green' : k === 'lost' ? 'red' : 'blue'}>{t(`deals.stageKind.${k as 'open'}`)}</Tag> },
          {
            title: '',
            width: 60,
            render: (_: unknown, s) =>
              canManage && s.kind === 'open' ? (
                <Popconfirm title={t('deals.settings.removeConfirm')} onConfirm={() => m.removeStage.mutate(s, { onError: fail })}>
                  <Button size="small" danger type="text" icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      {canManage ? (
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Input placeholder={t('deals.settings.stageName')} value={name} onChange={(e) => setName(e.target.value)} style={{ width: 220 }} />
          <InputNumber min={0} max={100} value={probability} onChange={setProbability} addonAfter="%" />
          <Button icon={<PlusOutlined />} disabled={!name.trim() || probability === null} onClick={() => m.addStage.mutate({ pipelineId: pipeline.id, name: name.trim(), probability: probability ?? 0 }, { onError: fail, onSuccess: () => setName('') })}>
            {t('deals.settings.addStage')}
          </Button>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('deals.settings.readOnly')}</Typography.Text>
      )}
    </Card>
  );
}
