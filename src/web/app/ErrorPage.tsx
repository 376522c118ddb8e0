import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { usePageTitle } from '../components/PageHeader.js';
import { NotFoundPage } from './NotFoundPage.js';

/** The error boundary of the routes: something broke while showing a page. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  usePageTitle(t('errorPage.title'), t('app.name'));
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  // A chunk that failed to load usually means a new version was deployed: a reload fetches it.
  const detail = error instanceof Error ? error.message : isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : '';
  return (
    <Result
      status="500"
      title={t('errorPage.title')}
      subTitle={t('errorPage.description')}
      data-testid="error-page"
      extra={[
        <Button type="primary" key="reload" onClick={() => window.location.reload()}>
          {t('errorPage.reload')}
        </Button>,
        <Button key="home" onClick={() => window.location.assign('/')}>
          {t('notFound.home')}
        </Button>,
      ]}
    >
      {detail ? (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 0 }}>
          <Typography.Text code>{detail}</Typography.Text>
        </Typography.Paragraph>
      ) : null}
    </Result>
  );
}
