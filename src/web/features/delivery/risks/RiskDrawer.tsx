import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bandOf, isHighRisk } from '../../../../domain/risk/scoring.js';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { useMembers } from '../api.js';
import type { RiskMutations } from './api.js';
import { ScoreTag } from './labels.js';
import { checkRequest, CreateRiskRequest, UpdateRiskRequest } from './schemas.js';
import { RATINGS, RISK_CATEGORY_LIST, RISK_EDITABLE_STATUS_LIST, RISK_RESPONSE_LIST, type CreateRisk, type Risk, type RiskCategory, type RiskResponseKind, type RiskStatus, type UpdateRisk } from './types.js';

export interface RiskFormValues {
  title: string;
  cause: string;
  category: RiskCategory;
  probability: number;
  impact: number;
  ownerId: string | null;
  response: RiskResponseKind;
  responsePlan: string;
  trigger: string;
  status: RiskStatus;
  nextReviewDate: Dayjs | null;
}
const FIELDS = ['title', 'cause', 'category', 'probability', 'impact', 'ownerId', 'response', 'responsePlan', 'trigger', 'status', 'nextReviewDate'] as const;

const valuesOf = (r: Risk | null): RiskFormValues =>
  r
    ? { title: r.title, cause: r.cause, category: r.category, probability: r.probability, impact: r.impact, ownerId: r.ownerId, response: r.response, responsePlan: r.responsePlan, trigger: r.trigger, status: r.status, nextReviewDate: r.nextReviewDate ? dayjs(r.nextReviewDate) : null }
    : { title: '', cause: '', category: 'other', probability: 3, impact: 3, ownerId: null, response: 'mitigate', responsePlan: '', trigger: '', status: 'open', nextReviewDate: null };

const requestOf = (v: RiskFormValues) => ({
  title: v.title.trim(),
  cause: v.cause ?? '',
  category: v.category,
  probability: v.probability,
  impact: v.impact,
  ownerId: v.ownerId ?? null,
  response: v.response,
  responsePlan: v.responsePlan ?? '',
  trigger: v.trigger ?? '',
  status: v.status,
  nextReviewDate: v.nextReviewDate ? v.nextReviewDate.format('YYYY-MM-DD') : null,
});

function isRisk(x: unknown): x is Risk {
  return !!x && typeof x === 'object' && typeof (x as Risk).id === 'string' && typeof (x as Risk).score === 'number';
}

/** Adds a risk, or edits one (with its version: a stale one reloads the record). */
export function RiskDrawer({ projectId, risk, mutations, onClose }: { projectId: string; risk: Risk | null; mutations: RiskMutations; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RiskFormValues>();
  const members = useMembers(projectId);
  const [base, setBase] = useState<Risk | null>(risk);
  const [stale, setStale] = useState(false);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const mutation = risk ? mutations.updateRisk : mutations.createRisk;
  const probability = Form.useWatch('probability', form) ?? base?.probability ?? 3;
  const impact = Form.useWatch('impact', form) ?? base?.impact ?? 3;
  const score = probability * impact;
  const occurred = base?.status === 'occurred';

  const onError = (err: unknown) => {
    if (isApiError(err) && err.isConflict) {
      setStale(true);
      if (isRisk(err.current)) {
        setBase(err.current);
        form.setFieldsValue(valuesOf(err.current));
      }
      return;
    }
    setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS));
  };

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!base) {
      const body: CreateRisk = requestOf(v) as CreateRisk;
      const check = checkRequest(form, CreateRiskRequest, body, FIELDS);
      if (!check.ok) return setOther(check.other);
      return mutations.createRisk.mutate(body, {
        onSuccess: () => {
          void message.success(t('risks.created'));
          onClose();
        },
        onError,
      });
    }
    const next = requestOf(v);
    const changes = { ...changedFields(requestOf(valuesOf(base)), next), version: base.version } as UpdateRisk;
    if (Object.keys(changes).length === 1) {
      void message.info(t('common.nothingChanged'));
      return onClose();
    }
    const check = checkRequest(form, UpdateRiskRequest, changes, FIELDS);
    if (!check.ok) return setOther(check.other);
    mutations.updateRisk.mutate(
      { id: base.id, body: changes },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError,
      },
    );
  };

  const generalError = mutation.error && !(isApiError(mutation.error) && mutation.error.isConflict) && fieldIssuesOf(mutation.error).length === 0 ? errorMessage(mutation.error, t) : null;
  const statusOptions = (occurred ? (['occurred', 'closed'] as RiskStatus[]) : [...RISK_EDITABLE_STATUS_LIST]).map((s) => ({ value: s, label: t(`risks.status.${s}`) }));
  const required = [{ required: true, message: t('validation.required') }];

  return (
    <Drawer
      open
      size={640}
      title={base ? t('risks.editTitle') : t('risks.createTitle')}
      onClose={onClose}
      destroyOnHidden
      data-testid="risk-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => void submit()} data-testid="risk-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      {occurred ? <Alert type="info" showIcon title={t('risks.occurredHint')} style={{ marginBottom: 16 }} /> : null}
      <Form<RiskFormValues> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(base)}>
        <Form.Item name="title" label={t('risks.field.title')} rules={required}>
          <Input maxLength={300} data-testid="risk-title" />
        </Form.Item>
        <Form.Item name="cause" label={t('risks.field.cause')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="risk-cause" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="probability" label={t('risks.field.probability')} rules={required}>
              <Select options={RATINGS.map((n) => ({ value: n, label: t(`risks.probabilityLevel.${n}`) }))} data-testid="risk-probability" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="impact" label={t('risks.field.impact')} rules={required}>
              <Select options={RATINGS.map((n) => ({ value: n, label: t(`risks.impactLevel.${n}`) }))} data-testid="risk-impact" />
            </Form.Item>
          </Col>
        </Row>
        <Flex vertical gap={4} style={{ marginTop: -8, marginBottom: 16 }} data-testid="risk-score-preview">
          <Space align="center">
            <Typography.Text type="secondary">{t('risks.field.score')}</Typography.Text>
            <ScoreTag score={score} band={bandOf(probability, impact)} testId="risk-score-preview-tag" />
          </Space>
          {isHighRisk(score) ? <Typography.Text type="warning">{t('risks.highRiskHint')}</Typography.Text> : null}
        </Flex>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="category" label={t('risks.field.category')}>
              <Select options={RISK_CATEGORY_LIST.map((c) => ({ value: c, label: t(`risks.category.${c}`) }))} data-testid="risk-category" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerId" label={t('risks.field.owner')} extra={t('risks.ownerHint')}>
              <Select
                allowClear
                loading={members.isPending}
                options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.userName }))}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="risk-owner"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="response" label={t('risks.field.response')}>
              <Select options={RISK_RESPONSE_LIST.map((r) => ({ value: r, label: t(`risks.response.${r}`) }))} data-testid="risk-response" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('risks.field.status')}>
              <Select options={statusOptions} disabled={!base} data-testid="risk-status-select" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="responsePlan" label={t('risks.field.responsePlan')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10_000} data-testid="risk-response-plan" />
        </Form.Item>
        <Form.Item name="trigger" label={t('risks.field.trigger')}>
          <Input maxLength={2000} data-testid="risk-trigger" />
        </Form.Item>
        <Form.Item name="nextReviewDate" label={t('risks.field.nextReviewDate')}>
          <DatePicker style={{ width: '100%' }} data-testid="risk-next-review" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
