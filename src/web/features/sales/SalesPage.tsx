import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { ComingSoonCard } from '../directory/ComingSoonCard.js';
import { TeamCard } from '../directory/TeamCard.js';
import { RolesCard } from '../people/RolesCard.js';

export function SalesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('sales.title')} description={t('sales.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ComingSoonCard
            title={t('sales.pipeline')}
            empty={t('sales.empty')}
            topics={[t('sales.topics.accounts'), t('sales.topics.leads'), t('sales.topics.opportunities'), t('sales.topics.quotes'), t('sales.topics.contracts'), t('sales.topics.forecast')]}
          />
        </Col>
        <Col xs={24} xl={10}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <TeamCard title={t('sales.team')} />
            </Col>
            <Col span={24}>
              <RolesCard />
            </Col>
          </Row>
        </Col>
      </Row>
    </>
  );
}
