import { FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Form, Input, List, Modal, Result, Spin, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatPlanDate } from '../../../lib/format.js';
import { MAX_UPLOAD_BYTES, refusalReason, useImportIntoProject, useImportProject, type ImportResult } from './api.js';
import { REFUSALS, warningText } from './warnings.js';

/** 12 KB, 3.4 MB, 180 MB. */
export const fileSize = (bytes: number, locale: string) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.ceil(bytes / 1024)).toLocaleString(locale)} KB` : `${(bytes / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: bytes < 10 * 1024 * 1024 ? 1 : 0 })} MB`;

/**
 * Imports a Microsoft Project XML file: as a new project (the default), or as the plan of an
 * empty project (`projectId`). Shows what the import could not carry over exactly, then leads to
 * the project.
 */
export default function ImportProjectModal({ projectId, onClose }: { projectId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [tooBig, setTooBig] = useState(false);
  const intoNew = useImportProject();
  const intoProject = useImportIntoProject(projectId ?? '');
  const mutation = projectId ? intoProject : intoNew;
  const result: ImportResult | undefined = mutation.data;

  const submit = () => {
    if (!file || tooBig) return;
    if (projectId) intoProject.mutate({ file });
    else intoNew.mutate({ file, code: code.trim() || undefined, name: name.trim() || undefined });
  };

  const open = () => {
    if (!result) return;
    onClose();
    navigate(`/delivery/projects/${result.project.id}`);
  };

  const reason = mutation.error ? refusalReason(mutation.error) : null;
  const known = reason !== null && (REFUSALS as readonly string[]).includes(reason);
  // A known refusal has words of its own; the server's English detail (with the line of broken XML) follows where it helps.
  const detail = !mutation.error ? null : !known ? errorMessage(mutation.error, t) : locale === 'en' || reason === 'malformed' ? (mutation.error as Error).message : null;
  const failure = mutation.error ? (
    <Alert
      type="error"
      showIcon
      data-testid="import-error"
      data-reason={reason ?? undefined}
      title={known ? t(`interchange.refusals.${reason as (typeof REFUSALS)[number]}`) : t('interchange.import.failed')}
      description={detail}
      style={{ marginBottom: 16 }}
    />
  ) : null;

  if (result) {
    return (
      <Modal
        open
        width={760}
        title={projectId ? t('interchange.import.intoTitle') : t('interchange.import.title')}
        onCancel={projectId ? onClose : open}
        footer={
          <Button type="primary" onClick={projectId ? onClose : open} data-testid="import-open-project">
            {projectId ? t('interchange.import.showPlan') : t('interchange.import.openProject')}
          </Button>
        }
      >
        <Result
          status={result.warnings.length ? 'warning' : 'success'}
          title={t('interchange.import.done', { code: result.project.code, name: result.project.name })}
          subTitle={t('interchange.import.counts', { tasks: result.summary.tasks, dependencies: result.summary.dependencies, assignments: result.summary.assignments })}
          style={{ paddingBlock: 16 }}
          data-testid="import-result"
        />
        <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('interchange.import.baselineTasks')}>{result.summary.baselineTasks}</Descriptions.Item>
          <Descriptions.Item label={t('interchange.import.calendarExceptions')}>{result.summary.calendarExceptions}</Descriptions.Item>
          <Descriptions.Item label={t('interchange.import.membersAdded')}>{result.summary.membersAdded}</Descriptions.Item>
          <Descriptions.Item label={t('interchange.import.plannedFinish')}>{result.project.plannedFinish ? formatPlanDate(result.project.plannedFinish, locale) : '—'}</Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5}>{result.warnings.length ? t('interchange.import.warningsTitle') : t('interchange.import.noWarnings')}</Typography.Title>
        {result.warnings.length ? (
          <List
            size="small"
            bordered
            data-testid="import-warnings"
            dataSource={result.warnings}
            renderItem={(w) => (
              <List.Item data-testid="import-warning" data-code={w.code}>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}>
                    <span>{warningText(w, t)}</span>
                    <Tag>{t('interchange.import.times', { count: w.count })}</Tag>
                  </Flex>
                  {w.examples.length ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('interchange.import.forExample', { examples: w.examples.join(' · ') })}
                    </Typography.Text>
                  ) : null}
                </Flex>
              </List.Item>
            )}
          />
        ) : null}
      </Modal>
    );
  }

  return (
    <Modal
      open
      width={640}
      title={projectId ? t('interchange.import.intoTitle') : t('interchange.import.title')}
      onCancel={mutation.isPending ? undefined : onClose}
      closable={!mutation.isPending}
      maskClosable={false}
      onOk={submit}
      okText={t('interchange.import.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !file || tooBig, 'data-testid': 'import-submit' }}
      cancelButtonProps={{ disabled: mutation.isPending }}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {failure}
      <Spin spinning={mutation.isPending} tip={file ? t('interchange.import.reading', { size: fileSize(file.size, locale) }) : undefined}>
        <Typography.Paragraph type="secondary">{projectId ? t('interchange.import.intoHelp') : t('interchange.import.help')}</Typography.Paragraph>
        <Upload.Dragger
          accept=".xml,application/xml,text/xml"
          multiple={false}
          showUploadList={false}
          disabled={mutation.isPending}
          beforeUpload={(f) => {
            setFile(f);
            setTooBig(f.size > MAX_UPLOAD_BYTES);
            mutation.reset();
            return false; // kept here, sent as the body on submit
          }}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">{file ? <FileTextOutlined /> : <InboxOutlined />}</p>
          <p className="ant-upload-text" data-testid="import-file-name">
            {file ? `${file.name} · ${fileSize(file.size, locale)}` : t('interchange.import.pick')}
          </p>
          <p className="ant-upload-hint">{t('interchange.import.hint')}</p>
        </Upload.Dragger>
        {tooBig ? <Alert type="error" showIcon title={t('interchange.refusals.too_large')} style={{ marginTop: 12 }} /> : null}
        {projectId ? null : (
          <Form layout="vertical" style={{ marginTop: 16 }} requiredMark="optional">
            <Flex gap={12} wrap>
              <Form.Item label={t('interchange.import.code')} help={t('interchange.import.codeHelp')} style={{ flex: '1 1 200px' }}>
                <Input value={code} onChange={(e) => setCode(e.target.value)} maxLength={30} data-testid="import-code" />
              </Form.Item>
              <Form.Item label={t('interchange.import.name')} help={t('interchange.import.nameHelp')} style={{ flex: '2 1 280px' }}>
                <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="import-name" />
              </Form.Item>
            </Flex>
          </Form>
        )}
      </Spin>
    </Modal>
  );
}
