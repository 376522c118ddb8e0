import { Avatar, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ItemList } from '../../components/ItemList.js';
import { UserName } from '../../components/UserName.js';
import { initials } from '../../lib/format.js';
import { useTeamMembers, useTeams } from './api.js';

/** The signed-in user's team: its manager, sub-teams and the colleagues in it. */
export function TeamCard({ title }: { title?: string }) {
  const me = useSession();
  const { t } = useTranslation();
  const teamId = me.user.teamId;
  const teams = useTeams();
  const members = useTeamMembers(teamId);
  const team = teams.data?.find((x) => x.id === teamId);
  const subTeams = teams.data?.filter((x) => x.parentId === teamId) ?? [];

  return (
    <Card
      title={title ?? t('workspace.yourTeam')}
      extra={team ? <Tag color={team.kind === 'sales' ? 'gold' : 'blue'}>{t(`teamKind.${team.kind}`)}</Tag> : null}
      data-testid="team-card"
    >
      {!teamId ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workspace.noTeam')} />
      ) : teams.isPending || members.isPending ? (
        <Skeleton active />
      ) : teams.error || members.error ? (
        <ErrorAlert error={teams.error ?? members.error} onRetry={() => void (teams.refetch(), members.refetch())} />
      ) : (
        <>
          <Space orientation="vertical" size={2} style={{ marginBottom: 12 }}>
            <Typography.Text strong data-testid="team-name">
              {team?.name ?? '—'}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('workspace.teamManager')}: <UserName id={team?.managerId} />
            </Typography.Text>
            {subTeams.length ? (
              <Typography.Text type="secondary">
                {t('workspace.subTeams')}: {subTeams.map((s) => s.name).join(t('common.listSeparator'))}
              </Typography.Text>
            ) : null}
          </Space>
          <ItemList
            data-testid="team-members"
            empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workspace.noMembers')} />}
            items={(members.data ?? []).map((u) => ({
              key: u.id,
              avatar: <Avatar style={{ backgroundColor: u.id === me.user.id ? '#1668dc' : '#8c8c8c' }}>{initials(u.name)}</Avatar>,
              title: (
                <span>
                  {u.name}
                  {u.id === me.user.id ? <Tag style={{ marginLeft: 8 }}>{t('workspace.you')}</Tag> : null}
                </span>
              ),
              description: `${t(`jobRole.${u.jobRole}`)} · ${u.email}`,
              extra: u.status !== 'active' ? <Tag>{t(`userStatus.${u.status}`)}</Tag> : null,
            }))}
          />
        </>
      )}
    </Card>
  );
}
