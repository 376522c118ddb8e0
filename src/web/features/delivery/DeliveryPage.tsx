import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { ComingSoonCard } from '../directory/ComingSoonCard.js';
import { TeamCard } from '../directory/TeamCard.js';
import { CalendarCard } from '../people/CalendarCard.js';

export function DeliveryPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('delivery.title')} description={t('delivery.description')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ComingSoonCard
            title={t('delivery.projects')}
            empty={t('delivery.empty')}
            topics={[t('delivery.topics.projects'), t('delivery.topics.schedule'), t('delivery.topics.timesheets'), t('delivery.topics.risks'), t('delivery.topics.deliverables'), t('delivery.topics.statusReports')]}
          />
        </Col>
        <Col xs={24} xl={10}>
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <TeamCard title={t('delivery.team')} />
            </Col>
            <Col span={24}>
              <CalendarCard />
            </Col>
          </Row>
        </Col>
      </Row>
    </>
  );
}
