import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '../../components/UserPicker.js';
import { currentLocale } from '../../i18n/index.js';
import { toMajor, toMinor } from '../../lib/format.js';
import { useCalendars } from '../directory/api.js';
import { PROJECT_HEALTH_LIST, PROJECT_STATUS_LIST, type Project, type ProjectHealth, type ProjectStatus } from './types.js';

export interface ProjectFormValues {
  code: string;
  name: string;
  plannedStart: Dayjs | null;
  /** Major units in the form; minor units on the wire. */
  budgetLabour: number | null;
  budgetExpenses: number | null;
  currency: string;
  calendarId: string | null;
  goals: string;
  scopeIn: string;
  scopeOut: string;
  industry: string | null;
  tags: string[];
  sponsor: string | null;
  managerId?: string | null;
  status?: ProjectStatus;
  health?: ProjectHealth;
}

export const PROJECT_FIELDS = ['code', 'name', 'plannedStart', 'budgetLabour', 'budgetExpenses', 'currency', 'calendarId', 'goals', 'scopeIn', 'scopeOut', 'industry', 'tags', 'sponsor', 'managerId', 'status', 'health'] as const;

export function valuesOf(p: Project): ProjectFormValues {
  return {
    code: p.code,
    name: p.name,
    plannedStart: dayjs(p.plannedStart),
    budgetLabour: toMajor(p.budgetLabour),
    budgetExpenses: toMajor(p.budgetExpenses),
    currency: p.currency,
    calendarId: p.calendarId,
    goals: p.goals,
    scopeIn: p.scopeIn,
    scopeOut: p.scopeOut,
    industry: p.industry,
    tags: p.tags,
    sponsor: p.sponsor,
    managerId: p.managerId,
    status: p.status,
    health: p.health,
  };
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/** The form's values as the API takes them (money in minor units, dates as ISO dates). */
export function requestOf(v: ProjectFormValues) {
  return {
    code: v.code?.trim(),
    name: v.name?.trim(),
    plannedStart: v.plannedStart ? v.plannedStart.format('YYYY-MM-DD') : '',
    budgetLabour: toMinor(v.budgetLabour),
    budgetExpenses: toMinor(v.budgetExpenses),
    currency: (v.currency ?? '').trim().toUpperCase(),
    calendarId: v.calendarId ?? null,
    goals: v.goals ?? '',
    scopeIn: v.scopeIn ?? '',
    scopeOut: v.scopeOut ?? '',
    industry: blankToNull(v.industry),
    tags: (v.tags ?? []).map((x) => x.trim()).filter(Boolean),
    sponsor: blankToNull(v.sponsor),
    ...(v.managerId ? { managerId: v.managerId } : {}),
    ...(v.status ? { status: v.status } : {}),
    ...(v.health ? { health: v.health } : {}),
  };
}

function MoneyInput(props: { value?: number | null; onChange?: (v: number | null) => void; currency: string; id?: string; 'data-testid'?: string }) {
  const locale = currentLocale();
  const { currency, ...rest } = props;
  return (
    <InputNumber<number>
      {...rest}
      min={0}
      max={100_000_000_000}
      precision={2}
      style={{ width: '100%' }}
      formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : Number(v).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }))}
      parser={(s) => Number((s ?? '').replace(/[^\d.-]/g, '')) || 0}
      prefix={currency}
    />
  );
}

/** The charter's fields, for creating a project and for editing its charter. */
export function ProjectFields({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProjectFormValues>();
  const currency = (Form.useWatch('currency', form) as string | undefined) || '';
  const calendars = useCalendars();
  const required = { required: true, message: t('validation.required') };
  const textArea = (name: 'goals' | 'scopeIn' | 'scopeOut', testId: string) => (
    <Form.Item name={name} label={t(`delivery.project.${name}`)} rules={[{ max: 20_000, message: t('validation.tooLong', { max: 20_000 }) }]}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={testId} />
    </Form.Item>
  );
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="code" label={t('delivery.project.code')} rules={[required, { max: 30, message: t('validation.tooLong', { max: 30 }) }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, message: t('delivery.project.codeRule') }]}>
          <Input data-testid="project-code" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item name="name" label={t('delivery.project.name')} rules={[required, { max: 200, message: t('validation.tooLong', { max: 200 }) }]}>
          <Input data-testid="project-name" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="plannedStart" label={t('delivery.project.plannedStart')} rules={[required]}>
          <DatePicker style={{ width: '100%' }} data-testid="project-start" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="calendarId" label={t('delivery.project.calendar')}>
          <Select
            allowClear
            loading={calendars.isPending}
            placeholder={t('delivery.project.defaultCalendar')}
            options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.isDefault ? `${c.name} (${t('calendars.default')})` : c.name }))}
            data-testid="project-calendar"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="currency" label={t('delivery.project.currency')} rules={[required, { pattern: /^[A-Za-z]{3}$/, message: t('delivery.project.currencyRule') }]} normalize={(v: string) => v?.toUpperCase()}>
          <Input maxLength={3} data-testid="project-currency" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="budgetLabour" label={t('delivery.project.budgetLabour')}>
          <MoneyInput currency={currency} data-testid="project-budget-labour" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="budgetExpenses" label={t('delivery.project.budgetExpenses')}>
          <MoneyInput currency={currency} data-testid="project-budget-expenses" />
        </Form.Item>
      </Col>
      {mode === 'edit' ? (
        <>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('delivery.project.status')} rules={[required]}>
              <Select options={PROJECT_STATUS_LIST.map((s) => ({ value: s, label: t(`delivery.status.${s}`) }))} data-testid="project-status-select" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="health" label={t('delivery.project.health')} rules={[required]}>
              <Select options={PROJECT_HEALTH_LIST.map((h) => ({ value: h, label: t(`delivery.health.${h}`) }))} data-testid="project-health-select" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="managerId" label={t('delivery.project.manager')} rules={[required]}>
              <UserPicker allowClear={false} data-testid="project-manager" />
            </Form.Item>
          </Col>
        </>
      ) : null}
      <Col xs={24} md={12}>
        <Form.Item name="sponsor" label={t('delivery.project.sponsor')} rules={[{ max: 200, message: t('validation.tooLong', { max: 200 }) }]}>
          <Input data-testid="project-sponsor" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="industry" label={t('delivery.project.industry')} rules={[{ max: 100, message: t('validation.tooLong', { max: 100 }) }]}>
          <Input data-testid="project-industry" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="tags" label={t('delivery.project.tags')} extra={t('delivery.project.tagsHelp')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} maxCount={30} data-testid="project-tags" />
        </Form.Item>
      </Col>
      <Col span={24}>{textArea('goals', 'project-goals')}</Col>
      <Col xs={24} md={12}>
        {textArea('scopeIn', 'project-scope-in')}
      </Col>
      <Col xs={24} md={12}>
        {textArea('scopeOut', 'project-scope-out')}
      </Col>
    </Row>
  );
}
