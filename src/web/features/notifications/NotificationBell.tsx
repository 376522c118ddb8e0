import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLocale } from '../../i18n/index.js';
import { formatInstant } from '../../lib/format.js';
import { useNotificationMutations, useNotifications, type Notification } from './api.js';

/** The bell in the header: the unread count, and a list of the latest notifications with their links. */
export function NotificationBell() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const notifications = useNotifications();
  const { markRead, markAllRead } = useNotificationMutations();
  const items = notifications.data?.items ?? [];
  const unread = notifications.data?.unreadCount ?? 0;

  const openOne = (n: Notification) => {
    if (!n.read) markRead.mutate(n.id);
    setOpen(false);
    if (n.link) navigate(n.link);
  };

  const content = (
    <div style={{ width: 360, maxWidth: '80vw' }} data-testid="notification-list">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        {unread > 0 ? (
          <Button type="link" size="small" onClick={() => markAllRead.mutate()} loading={markAllRead.isPending} data-testid="notification-read-all">
            {t('notifications.markAllRead')}
          </Button>
        ) : null}
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(n) => (
            <List.Item
              onClick={() => openOne(n)}
              style={{ cursor: n.link ? 'pointer' : 'default', background: n.read ? undefined : '#e6f4ff', paddingInline: 8, borderRadius: 4 }}
              data-testid="notification-item"
              data-read={n.read ? 'true' : 'false'}
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong={!n.read} data-testid="notification-title">
                  {n.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {n.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {formatInstant(n.createdAt, locale)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      <Button type="text" aria-label={t('notifications.bell')} data-testid="notification-bell" style={{ height: 40 }}>
        <Badge count={unread} overflowCount={99} size="small" data-testid="notification-badge">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
