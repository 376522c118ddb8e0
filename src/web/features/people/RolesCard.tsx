import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.js';
import { ItemList } from '../../components/ItemList.js';

/** The roles the user holds and what each one lets them do. */
export function RolesCard() {
  const me = useSession();
  const { t } = useTranslation();
  return (
    <Card title={t('people.yourRoles')} data-testid="roles-card">
      <ItemList items={me.roles.map((r) => ({ key: r, title: <Tag color="blue">{t(`roles.${r}`)}</Tag>, description: t(`roleHelp.${r}`) }))} />
    </Card>
  );
}
