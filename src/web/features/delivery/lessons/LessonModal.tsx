import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/errors.js';
import { LESSON_CATEGORY_LIST, type Lesson, type LessonCategory, type useClosingMutations } from '../closing/api.js';
import type { Project } from '../types.js';

interface Values {
  title: string;
  whatHappened: string;
  why: string;
  recommendation: string;
  category: LessonCategory;
  tags: string[];
}

/** Writes or edits a lesson of the project's retrospective. */
export function LessonModal({ project, lesson, mutations, onClose }: { project: Project; lesson: Lesson | null; mutations: ReturnType<typeof useClosingMutations>; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const pending = mutations.addLesson.isPending || mutations.updateLesson.isPending;
  const initial: Values = lesson
    ? { title: lesson.title, whatHappened: lesson.whatHappened, why: lesson.why, recommendation: lesson.recommendation, category: lesson.category, tags: lesson.tags }
    : { title: '', whatHappened: '', why: '', recommendation: '', category: 'other', tags: project.tags };

  const save = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { title: v.title.trim(), whatHappened: v.whatHappened ?? '', why: v.why ?? '', recommendation: v.recommendation ?? '', category: v.category, tags: v.tags ?? [] };
    const done = { onSuccess: () => { void message.success(t('common.saved')); onClose(); }, onError: (err: unknown) => setError(errorMessage(err, t)) };
    if (lesson) mutations.updateLesson.mutate({ id: lesson.id, body: { ...body, version: lesson.version } }, done);
    else mutations.addLesson.mutate(body, done);
  };

  return (
    <Modal open title={lesson ? t('lessons.editTitle') : t('lessons.addTitle')} onCancel={onClose} onOk={() => void save()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={pending} okButtonProps={{ 'data-testid': 'lesson-save' } as Record<string, string>} width={640} destroyOnHidden>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={initial} requiredMark="optional" data-testid="lesson-form">
        <Form.Item name="title" label={t('lessons.fields.title')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={300} data-testid="lesson-title-input" />
        </Form.Item>
        <Form.Item name="whatHappened" label={t('lessons.fields.whatHappened')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10000} data-testid="lesson-what" />
        </Form.Item>
        <Form.Item name="why" label={t('lessons.fields.why')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10000} data-testid="lesson-why" />
        </Form.Item>
        <Form.Item name="recommendation" label={t('lessons.fields.recommendation')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10000} data-testid="lesson-recommendation" />
        </Form.Item>
        <Form.Item name="category" label={t('lessons.fields.category')}>
          <Select data-testid="lesson-category" options={LESSON_CATEGORY_LIST.map((c) => ({ value: c, label: t(`lessons.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item name="tags" label={t('lessons.fields.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} data-testid="lesson-tags" open={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
