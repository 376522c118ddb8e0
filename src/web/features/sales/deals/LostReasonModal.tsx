import { Form, Input, Modal, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCompetitorOptions } from './api.js';

/** Asked when a deal moves to a lost stage: the reason (required) and the competitor it went to. */
export function LostReasonModal({ open, onCancel, onConfirm, busy }: { open: boolean; onCancel: () => void; onConfirm: (v: { lostReason: string; lostToCompetitorId: string | null }) => void; busy?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ lostReason: string; lostToCompetitorId?: string }>();
  const competitors = useCompetitorOptions();
  return (
    <Modal
      open={open}
      title={t('deals.lost.title')}
      okText={t('deals.lost.confirm')}
      onCancel={onCancel}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'lost-confirm' } as ButtonProps}
      onOk={() => form.validateFields().then((v) => onConfirm({ lostReason: v.lostReason.trim(), lostToCompetitorId: v.lostToCompetitorId ?? null }))}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="lostReason" label={t('deals.lost.reason')} rules={[{ required: true, whitespace: true, message: t('deals.lost.reasonRequired') }]}>
          <Input.TextArea rows={3} data-testid="lost-reason" />
        </Form.Item>
        <Form.Item name="lostToCompetitorId" label={t('deals.lost.competitor')}>
          <Select allowClear showSearch optionFilterProp="label" options={(competitors.data ?? []).map((c) => ({ value: c.id, label: c.name }))} data-testid="lost-competitor" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
