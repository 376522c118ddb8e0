import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography, type ButtonProps, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { currentLocale } from '../../../i18n/index.js';
import { fieldIssuesOf } from '../../../lib/forms.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatMinor, formatPlanDate } from '../../../lib/format.js';
import { useMembers } from '../api.js';
import type { Project } from '../types.js';
import { parseAmount } from './amount.js';
import { useCreateExpense, useDecideExpense, useProjectExpenses, type CreateExpense, type Expense } from './api.js';

const STATUSES = ['submitted', 'approved', 'rejected', ''] as const;
const COLORS: Record<string, string> = { submitted: 'processing', approved: 'success', rejected: 'error' };
type Category = CreateExpense['category'];
/** The contract's categories, as values (no zod in the bundle). */
export const EXPENSE_CATEGORIES: readonly Category[] = ['travel', 'accommodation', 'meals', 'equipment', 'software', 'subcontract', 'other'];
interface ExpenseValues {
  category: Category;
  amount: string;
  date: Dayjs;
  note?: string;
}

function RecordExpenseModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ExpenseValues>();
  const create = useCreateExpense(project.id);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const amount = parseAmount(v.amount);
    if ('error' in amount) return;
    try {
      await create.mutateAsync({ category: v.category, amount: amount.minor, date: v.date.format('YYYY-MM-DD'), note: v.note?.trim() ?? '' });
      void message.success(t('time.expenses.recorded'));
      onClose();
    } catch (e) {
      const issues = fieldIssuesOf(e);
      const known = new Set(['category', 'amount', 'date', 'note']);
      form.setFields(issues.filter((i) => known.has(i.path)).map((i) => ({ name: i.path as keyof ExpenseValues, errors: [i.message] })));
      const other = issues.filter((i) => !known.has(i.path));
      if (!issues.length || other.length) setError(other.length ? other.map((i) => i.message).join(' ') : errorMessage(e, t));
    }
  };

  return (
    <Modal
      open
      width={520}
      title={t('time.expenses.recordTitle', { project: project.code })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('time.expenses.record')}
      okButtonProps={{ 'data-testid': 'expense-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      data-testid="expense-modal"
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="expense-error" /> : null}
      <Form<ExpenseValues> form={form} layout="vertical" requiredMark="optional" initialValues={{ category: 'travel', date: dayjs(), amount: '' }}>
        <Form.Item name="category" label={t('time.expenses.category')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select<Category> options={EXPENSE_CATEGORIES.map((c) => ({ value: c, label: t(`time.expenses.categories.${c}`) }))} data-testid="expense-category" />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('time.expenses.amountIn', { currency: project.currency })}
          required
          validateFirst
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const r = parseAmount(value ?? '');
                return 'error' in r ? Promise.reject(new Error(t(`time.expenses.amountError.${r.error}`))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="decimal" placeholder="0.00" suffix={project.currency} data-testid="expense-amount" />
        </Form.Item>
        <Form.Item name="date" label={t('time.expenses.date')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} data-testid="expense-date" />
        </Form.Item>
        <Form.Item name="note" label={t('time.expenses.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} data-testid="expense-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The project's expenses: the team records them, the PM approves or rejects; approved ones count in AC. */
export function ExpensesSection({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const me = useSession();
  const [status, setStatus] = useState<string>('');
  const [recording, setRecording] = useState(false);
  const list = useProjectExpenses(project.id, status);
  const members = useMembers(project.id);
  const decide = useDecideExpense();
  const canDecide = project.abilities.update === true;
  const canRecord = canDecide || !!members.data?.some((m) => m.userId === me.user.id);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const act = async (e: Expense, decision: 'approve' | 'reject') => {
    try {
      await decide.mutateAsync({ id: e.id, decision, version: e.version });
      void message.success(t(decision === 'approve' ? 'time.expenses.approved' : 'time.expenses.rejected'));
    } catch (err) {
      void message.error(errorMessage(err, t));
    }
  };

  const columns: TableColumnsType<Expense> = [
    { title: t('time.expenses.date'), dataIndex: 'date', width: 130, render: (d: string) => formatPlanDate(d, locale) },
    { title: t('time.approvals.person'), dataIndex: 'userName', width: 170 },
    { title: t('time.expenses.category'), dataIndex: 'category', width: 140, render: (c: Category) => t(`time.expenses.categories.${c}`) },
    { title: t('time.expenses.amount'), dataIndex: 'amount', width: 150, align: 'right', render: (a: number, e) => <span data-testid="expense-amount-cell">{`${formatMinor(a, locale)} ${e.currency}`}</span> },
    { title: t('time.expenses.note'), dataIndex: 'note', ellipsis: true },
    { title: t('time.approvals.status'), dataIndex: 'status', width: 120, render: (s: string) => <Tag color={COLORS[s]} data-testid="expense-status">{t(`time.status.${s}` as 'time.status.draft')}</Tag> },
    ...(canDecide
      ? [
          {
            title: '',
            key: 'actions',
            width: 200,
            render: (_: unknown, e: Expense) =>
              e.status === 'submitted' ? (
                <Space>
                  <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => void act(e, 'approve')} data-testid={`approve-expense-${e.id}`}>
                    {t('time.approvals.approve')}
                  </Button>
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => void act(e, 'reject')} data-testid={`reject-expense-${e.id}`}>
                    {t('time.approvals.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={STATUSES.map((s) => ({ value: s, label: s ? t(`time.status.${s}` as 'time.status.draft') : t('time.approvals.all') }))}
            data-testid="expenses-filter"
          />
          {canDecide ? null : <Typography.Text type="secondary">{t('time.expenses.readOnly')}</Typography.Text>}
        </Space>
        {canRecord ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-expense">
            {t('time.expenses.record')}
          </Button>
        ) : null}
      </Space>
      <div data-testid="expenses-table">
        <Table<Expense> rowKey="id" size="small" loading={list.isPending} columns={columns} dataSource={items} pagination={false} />
      </div>
      <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      {recording ? <RecordExpenseModal project={project} onClose={() => setRecording(false)} /> : null}
    </>
  );
}
