import { useSession } from '../../../app/session.js';
import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '../../../components/UserPicker.js';
import { currentLocale } from '../../../i18n/index.js';
import { timeZones, toMajor, toMinor } from '../../../lib/format.js';
import { JOB_ROLE_LIST, LOCALE_LIST, PASSWORD_MAX, PASSWORD_MIN, ROLE_LIST, type CreateUser, type JobRole, type Locale, type Role, type UpdateUser, type User } from '../../../lib/types.js';
import { useCalendars, useTeams } from '../../directory/api.js';
import { buildTree, toTreeSelect } from '../../directory/teamTree.js';

export interface UserFormValues {
  email: string;
  name: string;
  jobRole: JobRole;
  roles: Role[];
  managerId: string | null;
  teamId: string | null;
  calendarId: string | null;
  /** Major units in the form (two decimals); minor units on the wire. */
  costRate: number | null;
  billRate: number | null;
  weeklyCapacityHours: number;
  locale: Locale;
  timeZone: string;
  rateEffectiveFrom?: Dayjs | null;
  mode?: 'invite' | 'password';
  password?: string;
}

export const USER_FIELDS = ['email', 'name', 'jobRole', 'roles', 'managerId', 'teamId', 'calendarId', 'costRate', 'billRate', 'weeklyCapacityHours', 'locale', 'timeZone', 'rateEffectiveFrom', 'password'] as const;

/** Sensible roles for a job role, offered when the admin picks one. */
export const DEFAULT_ROLES: Record<JobRole, Role[]> = {
  sales: ['sales_rep'],
  project_manager: ['project_manager'],
  delivery: ['team_member'],
  executive: ['executive'],
  admin: ['admin'],
};

export function valuesOf(u: User): UserFormValues {
  return {
    email: u.email,
    name: u.name,
    jobRole: u.jobRole,
    roles: u.roles,
    managerId: u.managerId,
    teamId: u.teamId,
    calendarId: u.calendarId,
    costRate: toMajor(u.costRate),
    billRate: toMajor(u.billRate),
    weeklyCapacityHours: u.weeklyCapacityHours,
    locale: u.locale,
    timeZone: u.timeZone,
    rateEffectiveFrom: null,
  };
}

/** The editable fields as the API takes them (rates in minor units). */
export function requestOf(v: UserFormValues) {
  return {
    email: v.email?.trim(),
    name: v.name?.trim(),
    jobRole: v.jobRole,
    roles: v.roles ?? [],
    managerId: v.managerId ?? null,
    teamId: v.teamId ?? null,
    calendarId: v.calendarId ?? null,
    costRate: toMinor(v.costRate),
    billRate: toMinor(v.billRate),
    weeklyCapacityHours: v.weeklyCapacityHours,
    locale: v.locale,
    timeZone: v.timeZone,
  } satisfies Partial<CreateUser & UpdateUser>;
}

function MoneyInput(props: { value?: number | null; onChange?: (v: number | null) => void; disabled?: boolean; id?: string; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const currency = useSession().user.orgCurrency;
  return (
    <InputNumber<number>
      {...props}
      min={0}
      max={10_000_000}
      step={1}
      precision={2}
      style={{ width: '100%' }}
      formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : Number(v).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }))}
      parser={(s) => Number((s ?? '').replace(/[^\d.-]/g, '')) || 0}
      prefix={currency}
      suffix={t('users.perHour')}
    />
  );
}

export function UserFields({ mode, editing, ratesHidden }: { mode: 'create' | 'edit'; editing?: User; ratesHidden?: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<UserFormValues>();
  const teams = useTeams();
  const calendars = useCalendars();
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const teamTree = useMemo(() => buildTree(teams.data ?? [], (x) => x.name).map((n) => toTreeSelect(n)), [teams.data]);
  const required = { required: true, message: t('validation.required') };
  const createMode = Form.useWatch('mode', form);

  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('users.name')} rules={[required, { max: 200, message: t('validation.tooLong', { max: 200 }) }]}>
            <Input data-testid="user-name-input" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="email" label={t('users.email')} rules={[required, { type: 'email', message: t('validation.email') }]}>
            <Input type="email" autoComplete="off" data-testid="user-email-input" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="jobRole" label={t('users.jobRole')} rules={[required]}>
            <Select
              data-testid="user-job-role"
              options={JOB_ROLE_LIST.map((j) => ({ value: j, label: t(`jobRole.${j}`) }))}
              onChange={(j: JobRole) => {
                if (mode === 'create' || !(form.getFieldValue('roles') as Role[] | undefined)?.length) form.setFieldValue('roles', DEFAULT_ROLES[j]);
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="roles" label={t('users.roles')} extra={t('users.rolesHelp')}>
            <Select mode="multiple" data-testid="user-roles" options={ROLE_LIST.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="teamId" label={t('users.team')}>
            <TreeSelect allowClear treeDefaultExpandAll loading={teams.isPending} treeData={teamTree} placeholder={t('users.noTeam')} data-testid="user-team" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="managerId" label={t('users.manager')}>
            <UserPicker exclude={editing ? [editing.id] : []} placeholder={t('users.noManager')} data-testid="user-manager" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="calendarId" label={t('users.calendar')}>
            <Select
              allowClear
              loading={calendars.isPending}
              placeholder={t('users.defaultCalendar')}
              options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.isDefault ? `${c.name} (${t('calendars.default')})` : c.name }))}
              data-testid="user-calendar"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="weeklyCapacityHours" label={t('users.weeklyCapacity')} rules={[required]}>
            <InputNumber min={0} max={168} step={1} style={{ width: '100%' }} suffix={t('users.hoursSuffix')} data-testid="user-capacity" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="costRate" label={t('users.costRate')} extra={ratesHidden ? t('users.ratesHidden') : undefined}>
            <MoneyInput disabled={ratesHidden} data-testid="user-cost-rate" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="billRate" label={t('users.billRate')}>
            <MoneyInput disabled={ratesHidden} data-testid="user-bill-rate" />
          </Form.Item>
        </Col>
        {mode === 'edit' ? (
          <Col xs={24} md={12}>
            <Form.Item name="rateEffectiveFrom" label={t('users.rateEffectiveFrom')} extra={t('users.rateEffectiveFromHelp')}>
              <DatePicker style={{ width: '100%' }} disabled={ratesHidden} />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} md={12}>
          <Form.Item name="locale" label={t('users.locale')} rules={[required]}>
            <Select options={LOCALE_LIST.map((l) => ({ value: l, label: t(`language.${l}`) }))} data-testid="user-locale" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="timeZone" label={t('users.timeZone')} rules={[required]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={zones} data-testid="user-time-zone" />
          </Form.Item>
        </Col>
      </Row>
      {mode === 'create' ? (
        <>
          <Form.Item name="mode" label={t('users.access')}>
            <Radio.Group
              data-testid="user-access-mode"
              options={[
                { value: 'invite', label: <span data-testid="access-invite">{t('users.sendInvitation')}</span> },
                { value: 'password', label: <span data-testid="access-password">{t('users.setPassword')}</span> },
              ]}
            />
          </Form.Item>
          {createMode === 'password' ? (
            <Form.Item
              name="password"
              label={t('users.password')}
              rules={[required, { min: PASSWORD_MIN, message: t('validation.passwordLength', { min: PASSWORD_MIN }) }, { max: PASSWORD_MAX, message: t('validation.tooLong', { max: PASSWORD_MAX }) }]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-password-input" />
            </Form.Item>
          ) : null}
        </>
      ) : null}
    </>
  );
}
