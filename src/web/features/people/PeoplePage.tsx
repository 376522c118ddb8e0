import { Card, Col, Descriptions, Empty, Row, Skeleton, Tag, Tree } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import { UserName } from '../../components/UserName.js';
import { labelOr } from '../../lib/labels.js';
import { useTeams, useUser } from '../directory/api.js';
import { ComingSoonCard } from '../directory/ComingSoonCard.js';
import { TeamCard } from '../directory/TeamCard.js';
import { buildTree } from '../directory/teamTree.js';
import { RolesCard } from './RolesCard.js';

function ProfileCard() {
  const me = useSession();
  const { t } = useTranslation();
  const self = useUser(me.user.id);
  const teams = useTeams();
  const team = teams.data?.find((x) => x.id === me.user.teamId);
  return (
    <Card title={t('people.you')} data-testid="profile-card">
      {self.isPending ? (
        <Skeleton active />
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: t('users.name'), children: me.user.name },
            { key: 'email', label: t('users.email'), children: me.user.email },
            { key: 'job', label: t('users.jobRole'), children: labelOr(`jobRole.${me.user.jobRole}`, me.user.jobRole) },
            { key: 'team', label: t('users.team'), children: team?.name ?? '—' },
            { key: 'manager', label: t('users.manager'), children: <UserName id={self.data?.managerId} /> },
            { key: 'capacity', label: t('users.weeklyCapacity'), children: self.data ? t('people.hoursPerWeek', { hours: self.data.weeklyCapacityHours }) : '—' },
            { key: 'tz', label: t('users.timeZone'), children: me.user.timeZone },
          ]}
        />
      )}
    </Card>
  );
}

/** The organisation's teams as a tree, with member counts. */
function OrgTreeCard() {
  const { t } = useTranslation();
  const me = useSession();
  const teams = useTeams();
  const treeData = useMemo(() => buildTree(teams.data ?? [], (team) => (
    <span>
      {team.name} <Tag style={{ marginLeft: 4 }}>{t('people.members', { count: team.memberCount })}</Tag>
      {team.id === me.user.teamId ? <Tag color="blue">{t('workspace.yourTeamShort')}</Tag> : null}
    </span>
  )), [teams.data, t, me.user.teamId]);
  return (
    <Card title={t('people.organisation')} data-testid="org-tree">
      {teams.isPending ? <Skeleton active /> : treeData.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teams.empty')} /> : <Tree treeData={treeData} defaultExpandAll selectable={false} showLine />}
    </Card>
  );
}

export function PeoplePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('people.title')} description={t('people.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <ProfileCard />
            </Col>
            <Col span={24}>
              <RolesCard />
            </Col>
            <Col span={24}>
              <ComingSoonCard
                title={t('people.assessment')}
                empty={t('people.empty')}
                topics={[t('people.topics.scorecards'), t('people.topics.kpis'), t('people.topics.competencies'), t('people.topics.development'), t('people.topics.staffing')]}
              />
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={12}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <TeamCard title={t('people.colleagues')} />
            </Col>
            <Col span={24}>
              <OrgTreeCard />
            </Col>
          </Row>
        </Col>
      </Row>
    </>
  );
}
