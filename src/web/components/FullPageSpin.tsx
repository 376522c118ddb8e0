import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="tandem-full-spin" data-testid="loading">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}
