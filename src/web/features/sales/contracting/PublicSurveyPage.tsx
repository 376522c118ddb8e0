import { Button, Card, Flex, Input, Rate, Result, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FullPageSpin } from '../../../components/FullPageSpin.js';
import { LanguageSwitch } from '../../../components/LanguageSwitch.js';
import { usePageTitle } from '../../../components/PageHeader.js';
import { errorMessage } from '../../../lib/errors.js';
import { isApiError } from '../../../lib/api.js';
import { useAnswerSurvey, usePublicSurvey } from './api.js';

/** The customer's page, reached by the link's token alone: no sign-in, in either language. */
export default function PublicSurveyPage() {
  const { token } = useParams<{ token: string }>();
  const { t } = useTranslation();
  const survey = usePublicSurvey(token!);
  const answer = useAnswerSurvey(token!);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  usePageTitle(t('contracting.publicSurvey.title'), survey.data?.companyName ?? t('app.name'));

  let body;
  if (survey.isLoading) body = <FullPageSpin />;
  else if (survey.error || !survey.data) {
    body = <Result status="404" title={t('contracting.publicSurvey.notFound')} subTitle={t('contracting.publicSurvey.notFoundHint')} data-testid="survey-not-found" />;
  } else if (survey.data.answered) {
    body = <Result status="success" title={t('contracting.publicSurvey.thanks')} subTitle={t('contracting.publicSurvey.thanksHint', { company: survey.data.companyName })} data-testid="survey-thanks" />;
  } else {
    const s = survey.data;
    const submit = () => answer.mutate(s.kind === 'csat' ? { csat: score!, comment: comment || undefined } : { nps: score!, comment: comment || undefined });
    body = (
      <Flex vertical gap={20}>
        <Typography.Text type="secondary" data-testid="survey-company">{s.companyName}</Typography.Text>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="survey-question">
          {s.kind === 'csat' ? t('contracting.publicSurvey.csatQuestion', { company: s.companyName }) : t('contracting.publicSurvey.npsQuestion', { company: s.companyName })}
        </Typography.Title>
        {s.kind === 'csat' ? (
          <Flex vertical gap={4}>
            <Rate value={score ?? 0} onChange={(v) => setScore(v || null)} style={{ fontSize: 36 }} data-testid="survey-csat" />
            <Typography.Text type="secondary">{t('contracting.publicSurvey.csatScale')}</Typography.Text>
          </Flex>
        ) : (
          <Flex vertical gap={4}>
            <Segmented<number> value={score ?? -1} onChange={setScore} data-testid="survey-nps" options={Array.from({ length: 11 }, (_, i) => ({ value: i, label: <span data-testid={`nps-${i}`}>{i}</span> }))} />
            <Flex justify="space-between"><Typography.Text type="secondary">{t('contracting.publicSurvey.npsLow')}</Typography.Text><Typography.Text type="secondary">{t('contracting.publicSurvey.npsHigh')}</Typography.Text></Flex>
          </Flex>
        )}
        <Input.TextArea rows={4} maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('contracting.publicSurvey.comment')} data-testid="survey-comment" />
        {answer.error && !(isApiError(answer.error) && answer.error.status === 409) ? <Typography.Text type="danger">{errorMessage(answer.error, t)}</Typography.Text> : null}
        <Button type="primary" size="large" disabled={score === null} loading={answer.isPending} onClick={submit} data-testid="survey-submit">{t('contracting.publicSurvey.submit')}</Button>
      </Flex>
    );
  }
  return (
    <Flex justify="center" style={{ minHeight: '100vh', background: '#f5f6f8', padding: '48px 16px' }}>
      <div style={{ width: '100%', maxWidth: 640 }}>
        <Flex justify="flex-end" style={{ marginBottom: 12 }}><LanguageSwitch /></Flex>
        <Card>{body}</Card>
      </div>
    </Flex>
  );
}
