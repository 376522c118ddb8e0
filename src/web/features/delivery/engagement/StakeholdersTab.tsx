import { CheckOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Row, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatPlanDate } from '../../../lib/format.js';
import type { Project } from '../types.js';
import { useCommItems, useEngagementMutations, useStakeholders, type CommItem, type Stakeholder } from './api.js';
import { CommItemDrawer } from './CommItemDrawer.js';
import { StakeholderDrawer } from './StakeholderDrawer.js';
import { ATTITUDE_COLOR, StakeholderGrid } from './StakeholderGrid.js';

type Dialog = { kind: 'stakeholder'; stakeholder: Stakeholder | null } | { kind: 'item'; item: CommItem | null } | null;
const ATTITUDE_TAG: Record<Stakeholder['attitude'], string> = { champion: 'green', supporter: 'lime', neutral: 'default', critic: 'orange', blocker: 'red' };

/** Stakeholders (register and influence/interest grid) and the communication plan of a project. */
export default function StakeholdersTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const stakeholders = useStakeholders(project.id);
  const items = useCommItems(project.id);
  const mutations = useEngagementMutations(project.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const people = stakeholders.data?.pages.flatMap((p) => p.items) ?? [];
  const plan = items.data?.pages.flatMap((p) => p.items) ?? [];
  const mayCreate = stakeholders.data?.pages[0]?.abilities.create ?? false;

  const markDone = (i: CommItem) =>
    mutations.markDone.mutate(
      { id: i.id, version: i.version },
      {
        onSuccess: (after) => void message.success(after.nextDueDate ? t('comms.doneToast', { date: formatPlanDate(after.nextDueDate, locale) }) : t('comms.doneFinished')),
        onError: (err) => void message.error(errorMessage(err, t)),
      },
    );

  const stakeholderColumns: TableColumnsType<Stakeholder> = [
    {
      title: t('stakeholders.field.name'),
      dataIndex: 'name',
      render: (_: string, s) => (
        <Space orientation="vertical" size={0}>
          <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => setDialog({ kind: 'stakeholder', stakeholder: s })} data-testid="stakeholder-name-cell">
            {s.name}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[s.roleTitle, s.organisation].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('stakeholders.influenceAxis'), dataIndex: 'influence', width: 80, align: 'center' },
    { title: t('stakeholders.interestAxis'), dataIndex: 'interest', width: 80, align: 'center' },
    { title: t('stakeholders.field.quadrant'), dataIndex: 'quadrant', render: (q: Stakeholder['quadrant']) => t(`stakeholders.quadrant.${q}`) },
    {
      title: t('stakeholders.field.attitude'),
      dataIndex: 'attitude',
      render: (a: Stakeholder['attitude']) => (
        <Tag color={ATTITUDE_TAG[a]} style={{ marginInlineEnd: 0 }} icon={<span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: ATTITUDE_COLOR[a], marginInlineEnd: 4 }} />}>
          {t(`stakeholders.attitude.${a}`)}
        </Tag>
      ),
    },
    { title: t('stakeholders.field.expectations'), dataIndex: 'expectations', ellipsis: true },
  ];

  const itemColumns: TableColumnsType<CommItem> = [
    {
      title: t('comms.field.topic'),
      dataIndex: 'topic',
      render: (_: string, i) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="comm-topic-cell">{i.topic}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[i.audience, ...i.stakeholders.map((s) => s.name)].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('comms.field.channel'), dataIndex: 'channel', render: (c: CommItem['channel']) => t(`comms.channel.${c}`) },
    { title: t('comms.field.frequency'), dataIndex: 'frequency', render: (f: CommItem['frequency']) => t(`comms.frequency.${f}`) },
    { title: t('comms.field.owner'), dataIndex: 'ownerName', render: (n: string | null) => n ?? '—' },
    {
      title: t('comms.field.nextDueDate'),
      dataIndex: 'nextDueDate',
      render: (d: string | null, i) =>
        d ? (
          <Space size={4}>
            <Typography.Text type={i.due ? 'danger' : undefined} data-testid="comm-next-due-cell">
              {formatPlanDate(d, locale)}
            </Typography.Text>
            {i.due ? (
              <Tag color="red" data-testid="comm-due-tag">
                {t('comms.due')}
              </Tag>
            ) : null}
          </Space>
        ) : (
          <span data-testid="comm-next-due-cell">—</span>
        ),
    },
    { title: t('comms.field.lastDoneDate'), dataIndex: 'lastDoneDate', render: (d: string | null) => (d ? formatPlanDate(d, locale) : '—') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, i) => (
        <Space size={2}>
          {i.abilities.markDone && i.nextDueDate ? (
            <Button size="small" icon={<CheckOutlined />} loading={mutations.markDone.isPending && mutations.markDone.variables?.id === i.id} onClick={() => markDone(i)} data-testid="comm-done">
              {t('comms.markDone')}
            </Button>
          ) : null}
          {i.abilities.update ? (
            <Tooltip title={t('common.edit')}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setDialog({ kind: 'item', item: i })} data-testid="comm-edit" />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="stakeholders-tab">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card title={t('stakeholders.grid')} size="small">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
              {t('stakeholders.gridHint')}
            </Typography.Paragraph>
            <StakeholderGrid stakeholders={people} onOpen={(s) => setDialog({ kind: 'stakeholder', stakeholder: s })} />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            title={t('stakeholders.register')}
            size="small"
            extra={
              mayCreate ? (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'stakeholder', stakeholder: null })} data-testid="stakeholder-add">
                  {t('stakeholders.add')}
                </Button>
              ) : null
            }
          >
            {stakeholders.error ? <ErrorAlert error={stakeholders.error} onRetry={() => void stakeholders.refetch()} /> : null}
            <Table<Stakeholder>
              rowKey="id"
              size="small"
              columns={stakeholderColumns}
              dataSource={people}
              loading={stakeholders.isLoading}
              pagination={false}
              scroll={{ x: 640 }}
              locale={{ emptyText: <Empty description={t('stakeholders.empty')} /> }}
              data-testid="stakeholder-table"
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            title={t('comms.title')}
            size="small"
            extra={
              mayCreate ? (
                <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'item', item: null })} data-testid="comm-add">
                  {t('comms.add')}
                </Button>
              ) : null
            }
          >
            {items.error ? <ErrorAlert error={items.error} onRetry={() => void items.refetch()} /> : null}
            <Table<CommItem>
              rowKey="id"
              size="small"
              columns={itemColumns}
              dataSource={plan}
              loading={items.isLoading}
              pagination={false}
              scroll={{ x: 800 }}
              locale={{ emptyText: <Empty description={t('comms.empty')} /> }}
              data-testid="comm-table"
            />
          </Card>
        </Col>
      </Row>
      {dialog?.kind === 'stakeholder' ? <StakeholderDrawer stakeholder={dialog.stakeholder} mutations={mutations} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'item' ? <CommItemDrawer projectId={project.id} item={dialog.item} stakeholders={people} mutations={mutations} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
