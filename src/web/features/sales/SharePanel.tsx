import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, List, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { UserPicker } from '../../components/UserPicker.js';
import { errorMessage } from '../../lib/errors.js';
import { useShareMutations, useShares, type ShareableEntity } from './api.js';

/** Who else works on a record: the owner and their managers share it to read or to edit. */
export function SharePanel({ entity, id, ownerId }: { entity: ShareableEntity; id: string; ownerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const shares = useShares(entity, id);
  const { share, unshare } = useShareMutations(entity, id);
  const [userId, setUserId] = useState<string | null>(null);
  const [access, setAccess] = useState<'read' | 'edit'>('read');
  const canShare = shares.data?.abilities.share === true;
  const add = () => {
    if (!userId) return;
    share.mutate({ userId, access }, { onSuccess: () => { setUserId(null); message.success(t('salesShare.shared')); }, onError: (e) => message.error(errorMessage(e, t)) });
  };
  return (
    <Card title={t('salesShare.title')} size="small" data-testid="share-panel">
      {shares.error ? <ErrorAlert error={shares.error} /> : null}
      <List
        size="small"
        loading={shares.isLoading}
        dataSource={shares.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('salesShare.none')} /> }}
        renderItem={(s) => (
          <List.Item
            data-testid={`share-${s.userId}`}
            actions={canShare ? [<Button key="rm" size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('salesShare.remove')} onClick={() => unshare.mutate(s.userId, { onError: (e) => message.error(errorMessage(e, t)) })} />] : []}
          >
            <Typography.Text>{s.userName}</Typography.Text>
            <Typography.Text type="secondary">{t(`salesShare.access.${s.access}`)}</Typography.Text>
          </List.Item>
        )}
      />
      {canShare ? (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          <UserPicker value={userId} onChange={setUserId} exclude={[ownerId, ...(shares.data?.items.map((s) => s.userId) ?? [])]} style={{ minWidth: 200, flex: 1 }} data-testid="share-user" />
          <Space.Compact>
            <Select value={access} onChange={setAccess} style={{ width: 110 }} options={(['read', 'edit'] as const).map((a) => ({ value: a, label: t(`salesShare.access.${a}`) }))} data-testid="share-access" />
            <Button type="primary" onClick={add} disabled={!userId} loading={share.isPending} data-testid="share-add">
              {t('salesShare.add')}
            </Button>
          </Space.Compact>
        </Flex>
      ) : null}
    </Card>
  );
}
