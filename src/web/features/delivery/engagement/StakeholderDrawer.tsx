import { Alert, Button, Col, Drawer, Flex, Form, Input, Popconfirm, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { UserPicker } from '../../../components/UserPicker.js';
import { changedFields } from '../../../lib/forms.js';
import { useRecordEditor } from '../../../lib/useRecordEditor.js';
import { ATTITUDE_LIST, type Attitude, type EngagementMutations, type Stakeholder, type UpdateStakeholder } from './api.js';

interface Values {
  userId: string | null;
  name: string;
  organisation: string;
  roleTitle: string;
  influence: number;
  interest: number;
  attitude: Attitude;
  expectations: string;
  engagementApproach: string;
}
const FIELDS = ['userId', 'name', 'organisation', 'roleTitle', 'influence', 'interest', 'attitude', 'expectations', 'engagementApproach'] as const;
const valuesOf = (s: Stakeholder | null): Values =>
  s
    ? { userId: s.userId, name: s.name, organisation: s.organisation, roleTitle: s.roleTitle, influence: s.influence, interest: s.interest, attitude: s.attitude, expectations: s.expectations, engagementApproach: s.engagementApproach }
    : { userId: null, name: '', organisation: '', roleTitle: '', influence: 3, interest: 3, attitude: 'neutral', expectations: '', engagementApproach: '' };
const requestOf = (v: Values) => ({ ...v, userId: v.userId ?? null, name: (v.name ?? '').trim(), organisation: v.organisation ?? '', roleTitle: v.roleTitle ?? '', expectations: v.expectations ?? '', engagementApproach: v.engagementApproach ?? '' });

const RATINGS = [1, 2, 3, 4, 5];

/** Adds a stakeholder, or opens one (editable by the PM, read-only to others). */
export function StakeholderDrawer({ stakeholder, mutations, onClose }: { stakeholder: Stakeholder | null; mutations: EngagementMutations; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { base, stale, error, setError, onError, done } = useRecordEditor({ record: stakeholder, form, valuesOf, fields: FIELDS, onClose });
  const readOnly = !!base && !base.abilities.update;
  const pending = mutations.createStakeholder.isPending || mutations.updateStakeholder.isPending;

  const submit = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!base) return mutations.createStakeholder.mutate(requestOf(v), { onSuccess: () => done(t('stakeholders.created')), onError });
    const changes = { ...changedFields(requestOf(valuesOf(base)), requestOf(v)), version: base.version } as UpdateStakeholder;
    if (Object.keys(changes).length === 1) return onClose();
    mutations.updateStakeholder.mutate({ id: base.id, body: changes }, { onSuccess: () => done(t('common.saved')), onError });
  };
  const remove = () => base && mutations.deleteStakeholder.mutate({ id: base.id, version: base.version }, { onSuccess: () => done(t('stakeholders.deleted')), onError });

  const ratingOptions = RATINGS.map((r) => ({ value: r, label: String(r) }));
  return (
    <Drawer
      open
      size={560}
      title={base ? (readOnly ? base.name : t('stakeholders.editTitle')) : t('stakeholders.createTitle')}
      onClose={onClose}
      destroyOnHidden
      data-testid="stakeholder-drawer"
      footer={
        readOnly ? null : (
          <Flex justify="space-between" gap={8}>
            <div>
              {base?.abilities.delete ? (
                <Popconfirm title={t('stakeholders.deleteConfirm')} onConfirm={remove} okText={t('common.delete')} cancelText={t('common.cancel')}>
                  <Button danger data-testid="stakeholder-delete">
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ) : null}
            </div>
            <Flex gap={8}>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button type="primary" loading={pending} onClick={() => void submit()} data-testid="stakeholder-save">
                {t('common.save')}
              </Button>
            </Flex>
          </Flex>
        )
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      {base ? (
        <Typography.Paragraph type="secondary" data-testid="stakeholder-quadrant">
          {t('stakeholders.field.quadrant')}: {t(`stakeholders.quadrant.${base.quadrant}`)}
        </Typography.Paragraph>
      ) : null}
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(base)} disabled={readOnly}>
        <Form.Item name="userId" label={`${t('stakeholders.field.user')} (${t('stakeholders.kindUser')})`}>
          <UserPicker data-testid="stakeholder-user" />
        </Form.Item>
        <Form.Item name="name" label={t('stakeholders.field.name')}>
          <Input maxLength={200} data-testid="stakeholder-name" placeholder={t('stakeholders.kindExternal')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="organisation" label={t('stakeholders.field.organisation')}>
              <Input maxLength={200} data-testid="stakeholder-organisation" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="roleTitle" label={t('stakeholders.field.roleTitle')}>
              <Input maxLength={200} data-testid="stakeholder-role" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="influence" label={t('stakeholders.field.influence')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={ratingOptions} data-testid="stakeholder-influence" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="interest" label={t('stakeholders.field.interest')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={ratingOptions} data-testid="stakeholder-interest" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="attitude" label={t('stakeholders.field.attitude')}>
              <Select options={ATTITUDE_LIST.map((a) => ({ value: a, label: t(`stakeholders.attitude.${a}`) }))} data-testid="stakeholder-attitude" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="expectations" label={t('stakeholders.field.expectations')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="stakeholder-expectations" />
        </Form.Item>
        <Form.Item name="engagementApproach" label={t('stakeholders.field.engagementApproach')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="stakeholder-approach" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
