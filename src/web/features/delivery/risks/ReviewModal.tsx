import { Alert, App, Col, DatePicker, Empty, Flex, Form, Input, Modal, Row, Select, Space, Spin, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bandOf } from '../../../../domain/risk/scoring.js';
import { currentLocale } from '../../../i18n/index.js';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant, formatPlanDate } from '../../../lib/format.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { useRiskReviews, type RiskMutations } from './api.js';
import { ScoreTag } from './labels.js';
import { checkRequest, ReviewRiskRequest } from './schemas.js';
import { RATINGS, type ReviewRisk, type Risk } from './types.js';

interface ReviewValues {
  probability: number;
  impact: number;
  nextReviewDate: Dayjs | null;
  note: string;
  status: 'open' | 'monitoring';
}
const FIELDS = ['probability', 'impact', 'nextReviewDate', 'note', 'status'] as const;

const valuesOf = (r: Risk): ReviewValues => ({
  probability: r.probability,
  impact: r.impact,
  // Suggest the next look in 14 days: the KPI pm.risk_management wants high risks reviewed at least that often.
  nextReviewDate: dayjs().add(14, 'day'),
  note: '',
  status: r.status === 'monitoring' ? 'monitoring' : 'open',
});

function isRisk(x: unknown): x is Risk {
  return !!x && typeof x === 'object' && typeof (x as Risk).id === 'string' && typeof (x as Risk).score === 'number';
}

/** Records a review of a risk (new ratings, next review date, a note) and shows the ones before. */
export function ReviewModal({ projectId, risk, mutations, onClose }: { projectId: string; risk: Risk; mutations: RiskMutations; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const [form] = Form.useForm<ReviewValues>();
  const [base, setBase] = useState(risk);
  const [stale, setStale] = useState(false);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const history = useRiskReviews(projectId, risk.id);
  const review = mutations.reviewRisk;
  const probability = Form.useWatch('probability', form) ?? base.probability;
  const impact = Form.useWatch('impact', form) ?? base.impact;

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: ReviewRisk = { version: base.version, probability: v.probability, impact: v.impact, nextReviewDate: v.nextReviewDate ? v.nextReviewDate.format('YYYY-MM-DD') : null, note: v.note ?? '', status: v.status };
    const check = checkRequest(form, ReviewRiskRequest, body, FIELDS);
    if (!check.ok) return setOther(check.other);
    review.mutate(
      { id: base.id, body },
      {
        onSuccess: () => {
          void message.success(t('risks.review.saved'));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.isConflict) {
            setStale(true);
            if (isRisk(err.current)) setBase(err.current);
            return;
          }
          setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS));
        },
      },
    );
  };

  const generalError = review.error && !(isApiError(review.error) && review.error.isConflict) && fieldIssuesOf(review.error).length === 0 ? errorMessage(review.error, t) : null;
  const required = [{ required: true, message: t('validation.required') }];

  return (
    <Modal
      open
      width={640}
      title={t('risks.review.title', { title: base.title })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('risks.review.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={review.isPending}
      okButtonProps={{ 'data-testid': 'review-submit' } as ButtonProps}
      destroyOnHidden
      data-testid="review-modal"
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<ReviewValues> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(risk)}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="probability" label={t('risks.field.probability')} rules={required}>
              <Select options={RATINGS.map((n) => ({ value: n, label: t(`risks.probabilityLevel.${n}`) }))} data-testid="review-probability" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="impact" label={t('risks.field.impact')} rules={required}>
              <Select options={RATINGS.map((n) => ({ value: n, label: t(`risks.impactLevel.${n}`) }))} data-testid="review-impact" />
            </Form.Item>
          </Col>
        </Row>
        <Space align="center" style={{ marginTop: -8, marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('risks.field.score')}</Typography.Text>
          <ScoreTag score={probability * impact} band={bandOf(probability, impact)} testId="review-score" />
        </Space>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="nextReviewDate" label={t('risks.field.nextReviewDate')}>
              <DatePicker style={{ width: '100%' }} data-testid="review-next-date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('risks.review.keepStatus')}>
              <Select options={(['open', 'monitoring'] as const).map((s) => ({ value: s, label: t(`risks.status.${s}`) }))} data-testid="review-status" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('risks.review.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="review-note" />
        </Form.Item>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('risks.review.history')}
      </Typography.Title>
      {/* A plain list: antd's List is deprecated in v6. */}
      <div data-testid="review-history">
        {history.isPending ? <Spin size="small" /> : null}
        {history.data && !history.data.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risks.review.historyEmpty')} /> : null}
        {(history.data ?? []).map((r) => (
          <Flex key={r.id} gap={12} align="flex-start" style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }} data-testid="review-history-item">
            <ScoreTag score={r.score} band={bandOf(r.probability, r.impact)} testId="review-history-score" />
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Space size={8} wrap>
                <span>{t('risks.review.by', { name: r.reviewedByName ?? '—' })}</span>
                <Typography.Text type="secondary">{formatInstant(r.reviewedAt, locale)}</Typography.Text>
                <Typography.Text type="secondary">
                  {r.probability} × {r.impact}
                </Typography.Text>
                {r.nextReviewDate ? (
                  <Typography.Text type="secondary">
                    {t('risks.field.nextReviewDate')}: {formatPlanDate(r.nextReviewDate, locale)}
                  </Typography.Text>
                ) : null}
              </Space>
              {r.note ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.note}</Typography.Text> : null}
            </Flex>
          </Flex>
        ))}
      </div>
    </Modal>
  );
}
