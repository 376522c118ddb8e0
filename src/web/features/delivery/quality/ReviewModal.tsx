import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, DatePicker, Empty, Flex, Form, Input, Modal, Radio, Row, Select, Space, Spin, Typography, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.js';
import { currentLocale } from '../../../i18n/index.js';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatPlanDate } from '../../../lib/format.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { useMembers } from '../api.js';
import type { Project } from '../types.js';
import { useDeliverableReviews, type QualityMutations } from './api.js';
import { ResultTag } from './labels.js';
import { DEFECT_SEVERITY_LIST, REVIEW_RESULT_LIST, type DefectSeverity, type Deliverable, type ReviewDeliverable, type ReviewResult } from './types.js';

interface Values {
  result: ReviewResult;
  reviewerId: string;
  reviewDate: Dayjs | null;
  comments: string;
  metCriteria: string[];
  defects: { title: string; severity: DefectSeverity; assigneeId: string | null; description?: string }[];
}
const FIELDS = ['result', 'reviewerId', 'reviewDate', 'comments', 'metCriteria', 'defects'] as const;

const isDeliverable = (x: unknown): x is Deliverable => !!x && typeof x === 'object' && Array.isArray((x as Deliverable).criteria);

/**
 * Records a review of a deliverable: the result, which criteria the reviewer found met, and the
 * defects found (logged with it). Accepting is refused while a criterion is unmet or a high or
 * critical defect is open; the server's answer says which.
 */
export function ReviewModal({ project, deliverable, mutations, onClose }: { project: Project; deliverable: Deliverable; mutations: QualityMutations; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const me = useSession().user;
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState(deliverable);
  const [stale, setStale] = useState(false);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const members = useMembers(project.id);
  const history = useDeliverableReviews(project.id, deliverable.id);
  const review = mutations.review;
  const isPm = project.managerId === me.id;

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: ReviewDeliverable = {
      version: base.version,
      result: v.result,
      ...(isPm && v.reviewerId ? { reviewerId: v.reviewerId } : {}),
      reviewDate: v.reviewDate ? v.reviewDate.format('YYYY-MM-DD') : undefined,
      comments: v.comments ?? '',
      metCriteria: v.metCriteria ?? [],
      defects: (v.defects ?? []).map((d) => ({ title: (d.title ?? '').trim(), severity: d.severity, assigneeId: d.assigneeId ?? null, description: d.description ?? '' })),
    };
    review.mutate(
      { id: base.id, body },
      {
        onSuccess: (r) => {
          void message.success(t(`quality.review.saved.${r.deliverable.status === 'accepted' ? 'accepted' : 'rejected'}`));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.isConflict) {
            setStale(true);
            if (isDeliverable(err.current)) setBase(err.current);
            return;
          }
          setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS));
        },
      },
    );
  };

  const generalError = review.error && !(isApiError(review.error) && review.error.isConflict) && fieldIssuesOf(review.error).length === 0 ? errorMessage(review.error, t) : null;
  const required = [{ required: true, message: t('validation.required') }];
  const people = [{ value: project.managerId, label: project.managerName ?? '—' }, ...(members.data ?? []).filter((m) => m.userId !== project.managerId).map((m) => ({ value: m.userId, label: m.userName }))];

  return (
    <Modal
      open
      width={720}
      title={t('quality.review.title', { name: base.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('quality.review.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={review.isPending}
      okButtonProps={{ 'data-testid': 'review-submit' } as ButtonProps}
      destroyOnHidden
      data-testid="review-modal"
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} data-testid="review-error" /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ result: 'accepted', reviewerId: me.id, reviewDate: dayjs(), comments: '', metCriteria: deliverable.criteria.filter((c) => c.met).map((c) => c.id), defects: [] }}
      >
        <Form.Item name="result" label={t('quality.review.result')} rules={required}>
          <Radio.Group optionType="button" buttonStyle="solid" options={REVIEW_RESULT_LIST.map((r) => ({ value: r, label: t(`quality.result.${r}`) }))} data-testid="review-result" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="reviewerId" label={t('quality.review.reviewer')} extra={isPm ? undefined : t('quality.review.selfHint')}>
              <Select options={isPm ? people : [{ value: me.id, label: me.name }]} disabled={!isPm} showSearch={{ optionFilterProp: 'label' }} data-testid="review-reviewer" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="reviewDate" label={t('quality.review.date')}>
              <DatePicker style={{ width: '100%' }} data-testid="review-date" />
            </Form.Item>
          </Col>
        </Row>
        {base.criteria.length ? (
          <Form.Item name="metCriteria" label={t('quality.review.criteria')}>
            <Checkbox.Group data-testid="review-criteria">
              <Flex vertical gap={4}>
                {base.criteria.map((c, i) => (
                  <Checkbox key={c.id} value={c.id} data-testid={`review-criterion-${i}`}>
                    {c.text}
                  </Checkbox>
                ))}
              </Flex>
            </Checkbox.Group>
          </Form.Item>
        ) : null}
        <Form.Item name="comments" label={t('quality.review.comments')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} data-testid="review-comments" />
        </Form.Item>
        <Typography.Text strong>{t('quality.review.defects')}</Typography.Text>
        <Form.List name="defects">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginTop: 8, marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="flex-start" wrap>
                  <Form.Item name={[f.name, 'title']} rules={required} style={{ flex: 2, minWidth: 200, marginBottom: 0 }}>
                    <Input maxLength={300} placeholder={t('quality.defect.title')} data-testid={`review-defect-title-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'severity']} style={{ width: 120, marginBottom: 0 }}>
                    <Select options={DEFECT_SEVERITY_LIST.map((s) => ({ value: s, label: t(`quality.severity.${s}`) }))} data-testid={`review-defect-severity-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'assigneeId']} style={{ width: 160, marginBottom: 0 }}>
                    <Select allowClear placeholder={t('quality.defect.assignee')} options={people} data-testid={`review-defect-assignee-${i}`} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('quality.criterion.remove')} onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', severity: 'medium', assigneeId: null })} data-testid="review-defect-add">
                {t('quality.review.addDefect')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('quality.review.history')}
      </Typography.Title>
      <div data-testid="review-history">
        {history.isPending ? <Spin size="small" /> : null}
        {history.data && !history.data.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quality.review.historyEmpty')} /> : null}
        {(history.data ?? []).map((r) => (
          <Flex key={r.id} gap={12} align="flex-start" style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }} data-testid="review-history-item">
            <ResultTag result={r.result} />
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Space size={8} wrap>
                <span>{r.reviewerName ?? '—'}</span>
                <Typography.Text type="secondary">{formatPlanDate(r.reviewDate, locale)}</Typography.Text>
              </Space>
              {r.comments ? <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.comments}</Typography.Text> : null}
            </Flex>
          </Flex>
        ))}
      </div>
    </Modal>
  );
}
