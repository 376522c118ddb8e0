import { Alert, App, Button, Col, Descriptions, Divider, Drawer, Flex, Form, Input, InputNumber, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/index.js';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant, formatPlanDate, toMajor, toMinor } from '../../../lib/format.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import type { ChangeMutations } from '../quality/api.js';
import { ChangeStatusTag } from '../quality/labels.js';
import type { ChangeRequest, UpdateChangeRequest } from '../quality/types.js';
import type { Project } from '../types.js';

interface Values {
  title: string;
  description: string;
  scopeImpact: string;
  scheduleImpactDays: number | null;
  cost: number | null;
  amendmentRef: string;
}
const FIELDS = ['title', 'description', 'scopeImpact', 'scheduleImpactDays', 'costImpact', 'amendmentRef'] as const;

const valuesOf = (c: ChangeRequest | null): Values =>
  c
    ? { title: c.title, description: c.description, scopeImpact: c.scopeImpact, scheduleImpactDays: c.scheduleImpactDays, cost: toMajor(c.costImpact), amendmentRef: c.amendmentRef ?? '' }
    : { title: '', description: '', scopeImpact: '', scheduleImpactDays: 0, cost: 0, amendmentRef: '' };
const requestOf = (v: Values) => ({
  title: (v.title ?? '').trim(),
  description: v.description ?? '',
  scopeImpact: v.scopeImpact ?? '',
  scheduleImpactDays: v.scheduleImpactDays ?? 0,
  costImpact: toMinor(v.cost),
  amendmentRef: v.amendmentRef?.trim() ? v.amendmentRef.trim() : null,
});
const isChange = (x: unknown): x is ChangeRequest => !!x && typeof x === 'object' && typeof (x as ChangeRequest).code === 'string';

/**
 * Raises a change request or shows one. A draft is edited and submitted by its requester (or the
 * PM); a submitted one is decided by the PM or the PMO, with a note (required to reject).
 */
export function ChangeDrawer({ project, change, mutations, onClose }: { project: Project; change: ChangeRequest | null; mutations: ChangeMutations; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const [form] = Form.useForm<Values>();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const [base, setBase] = useState(change);
  const [stale, setStale] = useState(false);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const [lastError, setLastError] = useState<unknown>(null);
  const editable = !base || base.abilities.update;
  const busy = mutations.create.isPending || mutations.update.isPending || mutations.submit.isPending || mutations.withdraw.isPending || mutations.decide.isPending;

  const onError = (err: unknown) => {
    setLastError(err);
    if (isApiError(err) && err.isConflict) {
      setStale(true);
      if (isChange(err.current)) {
        setBase(err.current);
        form.setFieldsValue(valuesOf(err.current));
      }
      return;
    }
    setOther(applyFieldIssues(form, fieldIssuesOf(err).map((i) => (i.path === 'costImpact' ? { ...i, path: 'cost' } : i)), [...FIELDS, 'cost']));
  };
  const done = (text: string) => () => {
    void message.success(text);
    onClose();
  };

  /** Saves the form (creating or editing the draft); `andSubmit` submits it too. */
  const save = async (andSubmit: boolean) => {
    setOther([]);
    setLastError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const next = requestOf(v);
    if (!base) return mutations.create.mutate({ ...next, submit: andSubmit }, { onSuccess: done(t(andSubmit ? 'changes.submitted' : 'changes.saved')), onError });
    const changes = { ...changedFields(requestOf(valuesOf(base)), next), version: base.version } as UpdateChangeRequest;
    const thenSubmit = (c: ChangeRequest) => (andSubmit ? mutations.submit.mutate(c, { onSuccess: done(t('changes.submitted')), onError }) : done(t('changes.saved'))());
    if (Object.keys(changes).length === 1) return thenSubmit(base);
    mutations.update.mutate(
      { id: base.id, body: changes },
      {
        onSuccess: (c) => {
          setBase(c);
          thenSubmit(c);
        },
        onError,
      },
    );
  };

  const withdraw = () => {
    setLastError(null);
    mutations.withdraw.mutate(base!, { onSuccess: done(t('changes.withdrawn')), onError });
  };
  const decide = (decision: 'approved' | 'rejected') => {
    setLastError(null);
    if (decision === 'rejected' && !note.trim()) return setNoteError(true);
    mutations.decide.mutate({ id: base!.id, body: { version: base!.version, decision, note } }, { onSuccess: done(t(`changes.decided.${decision}`)), onError });
  };

  const generalError = lastError && !(isApiError(lastError) && lastError.isConflict) && fieldIssuesOf(lastError).length === 0 ? errorMessage(lastError, t) : null;
  const required = [{ required: true, message: t('validation.required') }];

  return (
    <Drawer
      open
      size={640}
      title={base ? `${base.code} · ${base.title}` : t('changes.createTitle')}
      onClose={onClose}
      destroyOnHidden
      data-testid="change-drawer"
      extra={base ? <ChangeStatusTag status={base.status} /> : null}
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>{t('changes.close')}</Button>
          {base?.abilities.withdraw ? (
            <Button danger onClick={withdraw} disabled={busy} data-testid="change-withdraw">
              {t('changes.withdraw')}
            </Button>
          ) : null}
          {editable ? (
            <Button onClick={() => void save(false)} loading={busy} data-testid="change-save">
              {t('changes.saveDraft')}
            </Button>
          ) : null}
          {editable && (!base || base.abilities.submit) ? (
            <Button type="primary" onClick={() => void save(true)} loading={busy} data-testid="change-submit">
              {t('changes.submit')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} data-testid="change-error" /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      {base ? (
        <Descriptions size="small" column={1} style={{ marginBottom: 16 }} data-testid="change-facts">
          <Descriptions.Item label={t('changes.field.requestedBy')}>{base.requestedByName ?? '—'}</Descriptions.Item>
          {base.submittedAt ? <Descriptions.Item label={t('changes.field.submittedAt')}>{formatInstant(base.submittedAt, locale)}</Descriptions.Item> : null}
          {base.decisionDate ? (
            <Descriptions.Item label={t('changes.field.decision')}>
              <span data-testid="change-decision">
                {t(`changes.status.${base.status}`)} · {base.decidedByName ?? '—'} · {formatPlanDate(base.decisionDate, locale)}
                {base.decisionNote ? ` — ${base.decisionNote}` : ''}
              </span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(base)} disabled={!editable}>
        <Form.Item name="title" label={t('changes.field.title')} rules={required}>
          <Input maxLength={300} data-testid="change-title" />
        </Form.Item>
        <Form.Item name="description" label={t('changes.field.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} data-testid="change-description" />
        </Form.Item>
        <Form.Item name="scopeImpact" label={t('changes.field.scope')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} data-testid="change-scope" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="scheduleImpactDays" label={t('changes.field.scheduleDays')} extra={t('changes.scheduleHint')}>
              <InputNumber precision={0} min={-3650} max={3650} style={{ width: '100%' }} data-testid="change-schedule-days" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="cost" label={t('changes.field.costAmount', { currency: base?.currency ?? project.currency })}>
              <InputNumber precision={2} style={{ width: '100%' }} data-testid="change-cost-amount" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="amendmentRef" label={t('changes.field.amendment')} extra={t('changes.amendmentHint')}>
          <Input maxLength={200} data-testid="change-amendment" />
        </Form.Item>
      </Form>
      {base?.abilities.decide ? (
        <>
          <Divider />
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('changes.decideTitle')}
          </Typography.Title>
          <Input.TextArea
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              setNoteError(false);
            }}
            status={noteError ? 'error' : undefined}
            placeholder={t('changes.notePlaceholder')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={10_000}
            data-testid="change-decision-note"
          />
          {noteError ? <Typography.Text type="danger">{t('changes.noteRequired')}</Typography.Text> : null}
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => decide('approved')} loading={mutations.decide.isPending} data-testid="change-approve">
              {t('changes.approve')}
            </Button>
            <Button danger onClick={() => decide('rejected')} loading={mutations.decide.isPending} data-testid="change-reject">
              {t('changes.reject')}
            </Button>
          </Space>
        </>
      ) : null}
    </Drawer>
  );
}
