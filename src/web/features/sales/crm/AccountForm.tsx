import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '../../../components/UserPicker.js';
import { ACCOUNT_SIZE_LIST, ACCOUNT_STATUS_LIST, type Account, type AccountSize, type AccountStatus } from './types.js';

export interface AccountFormValues {
  name: string;
  industry: string | null;
  region: string | null;
  status: AccountStatus;
  size: AccountSize | null;
  website: string | null;
  phone: string | null;
  address: string;
  notes: string;
  cadenceDays: number | null;
  ownerId: string | null;
}
export const ACCOUNT_FIELDS = ['name', 'industry', 'region', 'status', 'size', 'website', 'phone', 'address', 'notes', 'cadenceDays', 'ownerId'] as const;

export const accountValuesOf = (a: Account | null): AccountFormValues =>
  a
    ? { name: a.name, industry: a.industry, region: a.region, status: a.status, size: a.size, website: a.website, phone: a.phone, address: a.address, notes: a.notes, cadenceDays: a.cadenceDays, ownerId: a.ownerId }
    : { name: '', industry: null, region: null, status: 'prospect', size: null, website: null, phone: null, address: '', notes: '', cadenceDays: null, ownerId: null };

const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/** The request fields of the form (owner only when set). */
export const accountRequestOf = (v: AccountFormValues) => ({
  name: v.name.trim(),
  industry: blank(v.industry),
  region: blank(v.region),
  status: v.status,
  size: v.size ?? null,
  website: blank(v.website),
  phone: blank(v.phone),
  address: v.address ?? '',
  notes: v.notes ?? '',
  cadenceDays: v.cadenceDays ?? null,
  ...(v.ownerId ? { ownerId: v.ownerId } : {}),
});

/** The fields of an account, for the create drawer and the overview tab. */
export function AccountFields({ showOwner, disabled }: { showOwner: boolean; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="name" label={t('crm.field.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={300} disabled={disabled} data-testid="account-name" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="status" label={t('crm.field.status')}>
            <Select disabled={disabled} options={ACCOUNT_STATUS_LIST.map((s) => ({ value: s, label: t(`crm.accountStatus.${s}`) }))} data-testid="account-status" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="size" label={t('crm.field.size')}>
            <Select allowClear disabled={disabled} options={ACCOUNT_SIZE_LIST.map((s) => ({ value: s, label: t(`crm.accountSize.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="industry" label={t('crm.field.industry')}>
            <Input maxLength={100} disabled={disabled} data-testid="account-industry" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="region" label={t('crm.field.region')}>
            <Input maxLength={100} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="website" label={t('crm.field.website')}>
            <Input maxLength={500} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('crm.field.phone')}>
            <Input maxLength={50} disabled={disabled} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="cadenceDays" label={t('crm.field.cadenceDays')} extra={t('crm.field.cadenceHint')}>
            <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} disabled={disabled} data-testid="account-cadence" />
          </Form.Item>
        </Col>
        {showOwner ? (
          <Col xs={24} sm={12}>
            <Form.Item name="ownerId" label={t('crm.field.owner')}>
              <UserPicker allowClear={false} data-testid="account-owner" />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Form.Item name="address" label={t('crm.field.address')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} disabled={disabled} />
      </Form.Item>
      <Form.Item name="notes" label={t('crm.field.notes')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10_000} disabled={disabled} />
      </Form.Item>
    </>
  );
}
