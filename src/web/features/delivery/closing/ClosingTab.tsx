import { CheckCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Empty, Flex, Form, Input, List, Popconfirm, Row, Skeleton, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/index.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant } from '../../../lib/format.js';
import type { Project } from '../types.js';
import { SuggestedLessons } from '../lessons/SuggestedLessons.js';
import { LessonCard } from '../lessons/LessonCard.js';
import { LessonModal } from '../lessons/LessonModal.js';
import { useClosing, useClosingMutations, type ChecklistItem, type Closing, type Lesson } from './api.js';

interface AcceptanceValues {
  acceptedBy: string;
  acceptedOn: Dayjs | null;
  acceptanceNote: string;
  wentWell: string;
  wentBadly: string;
}

const valuesOf = (c: Closing): AcceptanceValues => ({
  acceptedBy: c.acceptedBy,
  acceptedOn: c.acceptedOn ? dayjs(c.acceptedOn) : null,
  acceptanceNote: c.acceptanceNote,
  wentWell: c.wentWell,
  wentBadly: c.wentBadly,
});

function ItemLabel({ item }: { item: ChecklistItem }) {
  const { t } = useTranslation();
  return <>{item.key ? t(`closing.items.${item.key}` as 'closing.items.contract_closed', { defaultValue: item.label }) : item.label}</>;
}

/** Closing a project: checklist, the customer's final acceptance, the retrospective and its lessons; then close. */
export default function ClosingTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const closing = useClosing(project.id);
  const m = useClosingMutations(project.id);
  const [form] = Form.useForm<AcceptanceValues>();
  const [newItem, setNewItem] = useState('');
  const [lessonOpen, setLessonOpen] = useState<Lesson | 'new' | null>(null);
  const [closeError, setCloseError] = useState<string | null>(null);
  const data = closing.data;

  useEffect(() => {
    if (data) form.setFieldsValue(valuesOf(data));
  }, [data?.version, data?.projectId]); // eslint-disable-line react-hooks/exhaustive-deps

  if (closing.isPending) return <Skeleton active />;
  if (closing.isError || !data) return <Alert type="error" showIcon title={errorMessage(closing.error, t)} />;

  const closed = data.projectStatus === 'closed';
  const editable = data.abilities.manage && !closed;

  const fail = (err: unknown) => void message.error(errorMessage(err, t));

  const toggle = (item: ChecklistItem, done: boolean) => m.updateItem.mutate({ id: item.id, body: { version: item.version, done } }, { onError: fail });
  const addItem = () => {
    const label = newItem.trim();
    if (!label) return;
    m.addItem.mutate(label, { onSuccess: () => setNewItem(''), onError: fail });
  };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    m.save.mutate(
      { version: data.version, acceptedBy: v.acceptedBy ?? '', acceptedOn: v.acceptedOn ? v.acceptedOn.format('YYYY-MM-DD') : null, acceptanceNote: v.acceptanceNote ?? '', wentWell: v.wentWell ?? '', wentBadly: v.wentBadly ?? '' },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (err) => {
          if (isApiError(err) && err.isConflict) void closing.refetch();
          fail(err);
        },
      },
    );
  };

  const close = () => {
    setCloseError(null);
    m.close.mutate(data.projectVersion, {
      onSuccess: () => void message.success(t('common.saved')),
      onError: (err) => setCloseError(errorMessage(err, t)),
    });
  };

  return (
    <Flex vertical gap={16} data-testid="closing-tab">
      {closed ? (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} data-testid="closing-closed" title={t('closing.closedOn', { date: data.closedAt ? formatInstant(data.closedAt, locale) : '—', name: data.closedByName ?? '—' })} />
      ) : (
        <Card size="small">
          <Flex justify="space-between" align="center" gap={16} wrap>
            {data.missing.length ? (
              <div data-testid="closing-missing">
                <Typography.Text strong>{t('closing.missingTitle')}</Typography.Text>
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {data.missing.map((g) => (
                    <li key={g} data-testid={`closing-gap-${g}`}>
                      {t(`closing.gaps.${g}`)}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <Typography.Text type="success" data-testid="closing-ready">
                <CheckCircleOutlined /> {t('closing.ready')}
              </Typography.Text>
            )}
            {data.abilities.manage ? (
              <Popconfirm title={t('closing.closeConfirm')} onConfirm={close} okButtonProps={{ 'data-testid': 'closing-close-ok' } as Record<string, string>}>
                <Button type="primary" loading={m.close.isPending} data-testid="closing-close">
                  {t('closing.closeProject')}
                </Button>
              </Popconfirm>
            ) : (
              <Typography.Text type="secondary">{t('closing.notManager')}</Typography.Text>
            )}
          </Flex>
          {closeError ? <Alert type="error" showIcon title={closeError} style={{ marginTop: 12 }} data-testid="closing-error" closable={{ onClose: () => setCloseError(null) }} /> : null}
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('closing.checklistTitle')} data-testid="closing-checklist">
            {data.checklist.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('closing.checklistEmpty')} /> : null}
            <Flex vertical gap={8}>
              {data.checklist.map((item, i) => (
                <Flex key={item.id} justify="space-between" align="center" gap={8} data-testid="closing-item" data-done={item.done ? 'true' : 'false'}>
                  <Checkbox checked={item.done} disabled={!editable} onChange={(e) => toggle(item, e.target.checked)} data-testid={`closing-item-check-${i}`}>
                    <ItemLabel item={item} />
                  </Checkbox>
                  <Space size={4}>
                    {item.done && item.doneByName ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('closing.tickedBy', { name: item.doneByName, date: item.doneAt ? formatInstant(item.doneAt, locale) : '' })}
                      </Typography.Text>
                    ) : null}
                    {editable ? (
                      <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('closing.deleteItem')} onClick={() => m.deleteItem.mutate({ id: item.id, version: item.version }, { onError: fail })} />
                    ) : null}
                  </Space>
                </Flex>
              ))}
            </Flex>
            {editable ? (
              <Space.Compact style={{ width: '100%', marginTop: 12 }}>
                <Input value={newItem} onChange={(e) => setNewItem(e.target.value)} onPressEnter={addItem} placeholder={t('closing.addItemPlaceholder')} maxLength={300} data-testid="closing-new-item" />
                <Button icon={<PlusOutlined />} onClick={addItem} loading={m.addItem.isPending} data-testid="closing-add-item">
                  {t('closing.addItem')}
                </Button>
              </Space.Compact>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={`${t('closing.acceptanceTitle')} · ${t('closing.retroTitle')}`}
            data-testid="closing-acceptance"
            extra={
              editable ? (
                <Button type="primary" icon={<EditOutlined />} onClick={() => void save()} loading={m.save.isPending} data-testid="closing-save">
                  {t('closing.save')}
                </Button>
              ) : null
            }
          >
            <Form<AcceptanceValues> form={form} layout="vertical" disabled={!editable} initialValues={valuesOf(data)}>
              <Row gutter={16}>
                <Col xs={24} md={14}>
                  <Form.Item name="acceptedBy" label={t('closing.acceptedBy')}>
                    <Input placeholder={t('closing.acceptedByPlaceholder')} maxLength={200} data-testid="closing-accepted-by" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item name="acceptedOn" label={t('closing.acceptedOn')}>
                    <DatePicker style={{ width: '100%' }} data-testid="closing-accepted-on" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="acceptanceNote" label={t('closing.acceptanceNote')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} data-testid="closing-acceptance-note" />
              </Form.Item>
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {t('closing.retroTitle')}
              </Typography.Title>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="wentWell" label={t('closing.wentWell')}>
                    <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} data-testid="closing-went-well" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="wentBadly" label={t('closing.wentBadly')}>
                    <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} data-testid="closing-went-badly" />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
          </Card>
        </Col>
      </Row>

      <Card
        title={t('closing.lessonsTitle')}
        data-testid="closing-lessons"
        extra={
          editable ? (
            <Button icon={<PlusOutlined />} onClick={() => setLessonOpen('new')} data-testid="lesson-add">
              {t('lessons.add')}
            </Button>
          ) : null
        }
      >
        {data.lessons.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('closing.lessonsEmpty')} />
        ) : (
          <List
            dataSource={data.lessons}
            split={false}
            renderItem={(l) => (
              <List.Item style={{ padding: '6px 0' }}>
                <LessonCard
                  lesson={l}
                  hideProject
                  actions={
                    editable && l.abilities.update ? (
                      <Space size={4}>
                        <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setLessonOpen(l)} />
                        <Popconfirm title={t('lessons.deleteConfirm')} onConfirm={() => m.deleteLesson.mutate({ id: l.id, version: l.version }, { onError: fail })}>
                          <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                        </Popconfirm>
                      </Space>
                    ) : null
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>

      <SuggestedLessons projectId={project.id} />

      {lessonOpen ? <LessonModal project={project} lesson={lessonOpen === 'new' ? null : lessonOpen} mutations={m} onClose={() => setLessonOpen(null)} /> : null}
    </Flex>
  );
}
