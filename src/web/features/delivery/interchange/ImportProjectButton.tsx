import { ImportOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

const ImportProjectModal = lazy(() => import('./ImportProjectModal.js'));

/** "Import from MS Project" on the delivery home: a new project from a Microsoft Project XML file. */
export function ImportProjectButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ImportOutlined />} onClick={() => setOpen(true)} data-testid="import-project">
        {t('interchange.import.button')}
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <ImportProjectModal onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
