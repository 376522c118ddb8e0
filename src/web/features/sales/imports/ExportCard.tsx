import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportUrl, EXPORT_LISTS, type ExportList } from './exportUrl.js';

/** Export of a whole sales list (everything the user may see) as CSV or Excel. */
export function ExportCard() {
  const { t } = useTranslation();
  const [list, setList] = useState<ExportList>('opportunities');
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  return (
    <Card title={t('exports.title')} size="small" data-testid="export-card">
      <Typography.Paragraph type="secondary">{t('exports.hint')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Select value={list} onChange={setList} style={{ minWidth: 160 }} options={EXPORT_LISTS.map((l) => ({ value: l, label: t(`exports.list.${l}`) }))} data-testid="export-list" />
        <Radio.Group value={format} onChange={(e) => setFormat(e.target.value)} optionType="button" options={[{ value: 'xlsx', label: 'Excel' }, { value: 'csv', label: 'CSV' }]} />
        <Button icon={<DownloadOutlined />} href={exportUrl(list, format, {})} data-testid="export-download">
          {t('exports.download')}
        </Button>
      </Flex>
    </Card>
  );
}

/** A button for a list page: downloads the list as it is filtered on screen. */
export function ExportButton({ list, filters }: { list: ExportList; filters: Record<string, string | number | boolean | null | undefined> }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4}>
      <Button icon={<DownloadOutlined />} href={exportUrl(list, 'xlsx', filters)} data-testid={`export-${list}-xlsx`}>
        Excel
      </Button>
      <Button href={exportUrl(list, 'csv', filters)} data-testid={`export-${list}-csv`} aria-label={t('exports.csv')}>
        CSV
      </Button>
    </Flex>
  );
}
