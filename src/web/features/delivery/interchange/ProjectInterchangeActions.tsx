import { DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportUrl } from './api.js';

const ImportProjectModal = lazy(() => import('./ImportProjectModal.js'));

/**
 * On a project's page: "Export MSPDI" (a download the browser makes with the session cookie) and,
 * for the one who edits the plan, importing a Microsoft Project plan into a project that has none.
 */
export function ProjectInterchangeActions({ project }: { project: { id: string; code: string; abilities: Record<string, boolean> } }) {
  const { t } = useTranslation();
  const [importing, setImporting] = useState(false);
  return (
    <>
      <Tooltip title={t('interchange.export.tooltip')}>
        <Button icon={<DownloadOutlined />} href={exportUrl(project.id)} download={`${project.code}.xml`} data-testid="export-mspdi">
          {t('interchange.export.button')}
        </Button>
      </Tooltip>
      {project.abilities.editPlan ? (
        <Tooltip title={t('interchange.import.intoTooltip')}>
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="import-plan">
            {t('interchange.import.intoButton')}
          </Button>
        </Tooltip>
      ) : null}
      {importing ? (
        <Suspense fallback={null}>
          <ImportProjectModal projectId={project.id} onClose={() => setImporting(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
