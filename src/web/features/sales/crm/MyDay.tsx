import { App, Card, Col, Empty, List, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { errorMessage } from '../../../lib/errors.js';
import { ActivityItem } from './ActivityPanel.js';
import { useCrmMutations, useMyDay } from './api.js';
import { OverdueAccountsCard } from './OverdueAccountsCard.js';
import type { Activity } from './types.js';

const linkOf = (a: Activity) =>
  a.parentType === 'opportunity' ? `/sales/opportunities/${a.parentId}` : a.parentType === 'lead' ? `/sales/leads/${a.parentId}` : `/sales/accounts/${a.accountId ?? a.parentId}?tab=activities`;

/** "My day": the user's open follow-ups (overdue, today, this week) with mark-done, what was done today, and overdue accounts. */
export function MyDay() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const day = useMyDay();
  const m = useCrmMutations();
  const markDone = (a: Activity) => m.updateActivity.mutate({ id: a.id, body: { version: a.version, doneAt: new Date().toISOString() } }, { onError: (e) => void message.error(errorMessage(e, t)) });
  const section = (key: 'overdue' | 'dueToday' | 'upcoming' | 'doneToday', title: string) => {
    const items = day.data?.[key] ?? [];
    return (
      <Card title={`${title} (${items.length})`} size="small" data-testid={`myday-${key}`} style={{ marginBottom: 16 }}>
        {!day.isPending && !items.length ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.myDay.nothing')} />
        ) : (
          <List
            loading={day.isPending}
            dataSource={items}
            rowKey="id"
            renderItem={(a) => (
              <div>
                <ActivityItem activity={a} onDone={key === 'doneToday' ? undefined : markDone} busy={m.updateActivity.isPending && m.updateActivity.variables?.id === a.id} showParent />
                <Link to={linkOf(a)} style={{ fontSize: 12 }}>{t('crm.myDay.open')}</Link>
              </div>
            )}
          />
        )}
      </Card>
    );
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        {day.error ? <ErrorAlert error={day.error} onRetry={() => void day.refetch()} /> : null}
        {section('overdue', t('crm.myDay.overdue'))}
        {section('dueToday', t('crm.myDay.dueToday'))}
        {section('upcoming', t('crm.myDay.upcoming'))}
      </Col>
      <Col xs={24} xl={8}>
        <OverdueAccountsCard />
        <div style={{ height: 16 }} />
        {section('doneToday', t('crm.myDay.doneToday'))}
      </Col>
    </Row>
  );
}
