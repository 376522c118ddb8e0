import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Drawer, Empty, Flex, Form, Input, InputNumber, Popconfirm, Row, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { api, isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatPlanDate } from '../../../lib/format.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { checkRequest, CreateCalendarRequest, UpdateCalendarRequest } from '../../../lib/schemas.js';
import type { Calendar, CalendarException } from '../../../lib/types.js';
import { keys, useCalendars } from '../../directory/api.js';
import { weekdayNames } from '../../people/weekdays.js';

interface CalendarValues {
  name: string;
  workingDays: number[];
  hoursPerDay: number;
  isDefault: boolean;
}
// Issues about exceptions (e.g. `exceptions.3.date`) fit no single field: they show above the form.
const FIELDS = ['name', 'workingDays', 'hoursPerDay', 'isDefault'] as const;

const EXCEPTIONS_PAGE = 10;
const byDate = (a: CalendarException, b: CalendarException) => a.date.localeCompare(b.date);

/** Adds one holiday or exception (a working weekend day, 调休) to the list being edited. */
function ExceptionAdder({ existing, onAdd }: { existing: CalendarException[]; onAdd: (e: CalendarException) => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<Dayjs | null>(null);
  const [name, setName] = useState('');
  const [working, setWorking] = useState(false);
  const iso = date?.format('YYYY-MM-DD');
  const duplicate = !!iso && existing.some((e) => e.date === iso);
  const add = () => {
    if (!iso || !name.trim() || duplicate) return;
    onAdd({ date: iso, name: name.trim(), working });
    setDate(null);
    setName('');
    setWorking(false);
  };
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <DatePicker value={date} onChange={setDate} placeholder={t('calendars.date')} status={duplicate ? 'error' : undefined} data-testid="exception-date" />
      <Input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('calendars.exceptionName')} style={{ width: 220 }} maxLength={120} onPressEnter={add} data-testid="exception-name" />
      <Space>
        <Switch checked={working} onChange={setWorking} />
        <Typography.Text>{working ? t('calendars.workingDay') : t('calendars.dayOff')}</Typography.Text>
      </Space>
      <Button icon={<PlusOutlined />} onClick={add} disabled={!iso || !name.trim() || duplicate} data-testid="exception-add">
        {t('calendars.addException')}
      </Button>
      {duplicate ? <Typography.Text type="danger">{t('calendars.duplicateDate')}</Typography.Text> : null}
    </Flex>
  );
}

function CalendarDrawer({ calendar, onClose }: { calendar: Calendar | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const locale = currentLocale();
  const [form] = Form.useForm<CalendarValues>();
  const [exceptions, setExceptions] = useState<CalendarException[]>(() => [...(calendar?.exceptions ?? [])].sort(byDate));
  const [other, setOther] = useState<FieldIssue[]>([]);
  const [stale, setStale] = useState(false);
  const [version, setVersion] = useState(calendar?.version ?? 1);
  const [base, setBase] = useState(calendar);
  const [page, setPage] = useState(1);
  const days = weekdayNames(locale, 'long');
  const initial: CalendarValues = base
    ? { name: base.name, workingDays: base.workingDays, hoursPerDay: base.hoursPerDay, isDefault: base.isDefault }
    : { name: '', workingDays: [1, 2, 3, 4, 5], hoursPerDay: 8, isDefault: false };

  const save = useMutation({
    mutationFn: (body: CalendarValues & { exceptions: CalendarException[] }) => {
      if (!base) return api.post<Calendar>('/calendars', body);
      const before = { ...initial, exceptions: [...base.exceptions].sort(byDate) };
      return api.patch<Calendar>(`/calendars/${base.id}`, { ...changedFields(before, body), version });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.calendars });
      void message.success(t('common.saved'));
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.isConflict) {
        setStale(true);
        void qc.invalidateQueries({ queryKey: keys.calendars });
        const current = err.current as Calendar | undefined;
        if (current?.id) {
          setBase(current);
          setVersion(current.version);
          setExceptions([...current.exceptions].sort(byDate));
          form.setFieldsValue({ name: current.name, workingDays: current.workingDays, hoursPerDay: current.hoursPerDay, isDefault: current.isDefault });
        }
        return;
      }
      setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS));
    },
  });

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { name: v.name.trim(), workingDays: [...v.workingDays].sort(), hoursPerDay: v.hoursPerDay, isDefault: v.isDefault, exceptions };
    const check = base ? checkRequest(form, UpdateCalendarRequest, { ...body, version }, FIELDS) : checkRequest(form, CreateCalendarRequest, body, FIELDS);
    if (!check.ok) return setOther(check.other);
    save.mutate(body);
  };

  const exceptionColumns: TableColumnsType<CalendarException> = [
    { title: t('calendars.date'), dataIndex: 'date', render: (d: string) => formatPlanDate(d, locale) },
    { title: t('calendars.exceptionName'), dataIndex: 'name' },
    { title: t('calendars.kind'), dataIndex: 'working', render: (w: boolean) => <Tag color={w ? 'green' : 'orange'}>{w ? t('calendars.workingDay') : t('calendars.dayOff')}</Tag> },
    {
      title: t('common.actions'),
      key: 'remove',
      render: (_, e) => (
        <Button type="link" size="small" danger icon={<DeleteOutlined />} onClick={() => {
            const next = exceptions.filter((x) => x.date !== e.date);
            setExceptions(next);
            setPage((p) => Math.min(p, Math.max(1, Math.ceil(next.length / EXCEPTIONS_PAGE))));
          }} aria-label={t('common.remove')}>
          {t('common.remove')}
        </Button>
      ),
    },
  ];

  const generalError = save.error && !(isApiError(save.error) && save.error.isConflict) && fieldIssuesOf(save.error).length === 0 ? errorMessage(save.error, t) : null;
  return (
    <Drawer
      open
      size={760}
      title={base ? t('calendars.edit', { name: base.name }) : t('calendars.create')}
      onClose={onClose}
      destroyOnHidden
      data-testid="calendar-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()} data-testid="calendar-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<CalendarValues> form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('calendars.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 120, message: t('validation.tooLong', { max: 120 }) }]}>
              <Input data-testid="calendar-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="hoursPerDay" label={t('calendars.hoursPerDay')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="isDefault" label={t('calendars.default')} valuePropName="checked" tooltip={t('calendars.defaultHelp')}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="workingDays" label={t('calendars.workingDays')} rules={[{ required: true, type: 'array', min: 1, message: t('calendars.atLeastOneDay') }]}>
          <Checkbox.Group options={days.map((label, i) => ({ value: i + 1, label }))} data-testid="calendar-working-days" />
        </Form.Item>
        <Form.Item label={t('calendars.exceptions')} extra={t('calendars.exceptionsHelp')}>
          <div>
            <ExceptionAdder
              existing={exceptions}
              onAdd={(e) => {
                const next = [...exceptions, e].sort(byDate);
                setExceptions(next);
                // Show the page the new day landed on.
                setPage(Math.floor(next.findIndex((x) => x.date === e.date) / EXCEPTIONS_PAGE) + 1);
              }}
            />
            <Table<CalendarException>
              size="small"
              rowKey="date"
              columns={exceptionColumns}
              dataSource={exceptions}
              pagination={exceptions.length > EXCEPTIONS_PAGE ? { pageSize: EXCEPTIONS_PAGE, size: 'small', current: page, onChange: setPage } : false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendars.noExceptions')} /> }}
              data-testid="calendar-exceptions"
            />
          </div>
        </Form.Item>
      </Form>
    </Drawer>
  );
}

export default function CalendarsPage() {
  const me = useSession();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const locale = currentLocale();
  const calendars = useCalendars();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const days = useMemo(() => weekdayNames(locale), [locale]);
  const remove = useMutation({
    mutationFn: (c: Calendar) => api.delete(`/calendars/${c.id}`, { version: c.version }),
    onSuccess: () => void message.success(t('calendars.deleted')),
    onError: (err) => void (isApiError(err) && err.isConflict ? message.warning(t('errors.conflictReloaded')) : message.error({ content: errorMessage(err, t), duration: 6 })),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.calendars }),
  });

  const columns: TableColumnsType<Calendar> = [
    {
      title: t('calendars.name'),
      key: 'name',
      render: (_, c) => (
        <Space>
          <Typography.Text strong>{c.name}</Typography.Text>
          {c.isDefault ? <Tag color="blue">{t('calendars.default')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('calendars.workingDays'), key: 'days', render: (_, c) => c.workingDays.map((d) => days[d - 1]).join(t('common.listSeparator')) },
    { title: t('calendars.hoursPerDay'), dataIndex: 'hoursPerDay', align: 'right' },
    { title: t('calendars.exceptions'), key: 'exceptions', align: 'right', render: (_, c) => c.exceptions.length },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={0}>
          {c.abilities.update ? (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid={`edit-calendar-${c.id}`}>
              {t('common.edit')}
            </Button>
          ) : null}
          {c.abilities.delete ? (
            <Popconfirm title={t('calendars.confirmDelete', { name: c.name })} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(c)}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('calendars.title')}
        description={t('calendars.description')}
        extra={
          me.abilities.manageCalendars ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-calendar">
              {t('calendars.create')}
            </Button>
          ) : null
        }
      />
      {calendars.error ? <ErrorAlert error={calendars.error} onRetry={() => void calendars.refetch()} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Calendar>
          rowKey="id"
          columns={columns}
          dataSource={calendars.data ?? []}
          loading={calendars.isPending}
          pagination={false}
          data-testid="calendars-table"
          locale={{ emptyText: <Empty description={t('calendars.empty')} /> }}
        />
      </Card>
      {editing ? <CalendarDrawer key={editing === 'new' ? 'new' : editing.id} calendar={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
