import { CalendarOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Popconfirm, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant } from '../../../lib/format.js';
import { useCalendarFeedStatus, useCreateCalendarFeed, useDeleteCalendarFeed } from './api.js';

/**
 * The user's secret calendar link: tasks assigned to them and their projects' milestones, for
 * Outlook, Google Calendar or Apple Calendar. The server keeps only a hash, so the link shows once,
 * right after it is made; making a new one turns the old one off.
 */
export default function CalendarFeedDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = currentLocale();
  const { message } = App.useApp();
  const status = useCalendarFeedStatus();
  const create = useCreateCalendarFeed();
  const remove = useDeleteCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);

  const make = () =>
    create.mutate(undefined, {
      onSuccess: (r) => setUrl(r.url),
      onError: (err) => void message.error(errorMessage(err, t)),
    });
  const turnOff = () =>
    remove.mutate(undefined, {
      onSuccess: () => setUrl(null),
      onError: (err) => void message.error(errorMessage(err, t)),
    });

  const exists = status.data?.exists ?? false;
  return (
    <Modal open width={640} title={<span><CalendarOutlined /> {t('interchange.feed.title')}</span>} onCancel={onClose} footer={<Button onClick={onClose}>{t('interchange.feed.close')}</Button>} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('interchange.feed.help')}</Typography.Paragraph>
      {status.error ? <ErrorAlert error={status.error} onRetry={() => void status.refetch()} /> : null}
      <Spin spinning={status.isPending}>
        {url ? (
          <Alert
            type="success"
            showIcon
            title={t('interchange.feed.copyNow')}
            description={
              <Typography.Paragraph copyable={{ text: url, tooltips: [t('interchange.feed.copy'), t('interchange.feed.copied')] }} code style={{ marginBottom: 0, wordBreak: 'break-all' }} data-testid="calendar-feed-url">
                {url}
              </Typography.Paragraph>
            }
            style={{ marginBottom: 16 }}
          />
        ) : exists ? (
          <Alert
            type="info"
            showIcon
            title={t('interchange.feed.active', { createdAt: formatInstant(status.data?.createdAt, locale, me.user.timeZone) })}
            description={status.data?.lastUsedAt ? t('interchange.feed.lastUsed', { at: formatInstant(status.data.lastUsedAt, locale, me.user.timeZone) }) : t('interchange.feed.neverUsed')}
            style={{ marginBottom: 16 }}
            data-testid="calendar-feed-active"
          />
        ) : (
          <Alert type="info" showIcon title={t('interchange.feed.none')} style={{ marginBottom: 16 }} />
        )}
        <Alert type="warning" showIcon title={t('interchange.feed.secret')} style={{ marginBottom: 16 }} />
        <Flex gap={8} wrap>
          {exists || url ? (
            <Popconfirm title={t('interchange.feed.replaceConfirm')} okText={t('interchange.feed.replace')} cancelText={t('common.cancel')} onConfirm={make}>
              <Button type="primary" loading={create.isPending} data-testid="calendar-feed-create">
                {t('interchange.feed.replace')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="primary" loading={create.isPending} onClick={make} data-testid="calendar-feed-create">
              {t('interchange.feed.create')}
            </Button>
          )}
          {exists || url ? (
            <Popconfirm title={t('interchange.feed.turnOffConfirm')} okText={t('interchange.feed.turnOff')} cancelText={t('common.cancel')} onConfirm={turnOff}>
              <Button danger loading={remove.isPending} data-testid="calendar-feed-delete">
                {t('interchange.feed.turnOff')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      </Spin>
    </Modal>
  );
}
