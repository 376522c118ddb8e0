import { Card, Descriptions, Empty, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.js';
import { ItemList } from '../../components/ItemList.js';
import { currentLocale } from '../../i18n/index.js';
import { formatPlanDate } from '../../lib/format.js';
import { useCalendars, useUser } from '../directory/api.js';
import { weekdayNames } from './weekdays.js';

/** The user's working calendar: working days, hours and the next holidays. */
export function CalendarCard() {
  const me = useSession();
  const { t } = useTranslation();
  const self = useUser(me.user.id);
  const calendars = useCalendars();
  const locale = currentLocale();
  const calendar = calendars.data?.find((c) => c.id === self.data?.calendarId) ?? calendars.data?.find((c) => c.isDefault);
  const today = new Date().toISOString().slice(0, 10);
  const upcoming = (calendar?.exceptions ?? []).filter((e) => e.date >= today).sort((a, b) => a.date.localeCompare(b.date)).slice(0, 5);
  const days = weekdayNames(locale);
  return (
    <Card title={t('people.yourCalendar')} data-testid="calendar-card">
      {self.isPending || calendars.isPending ? (
        <Skeleton active />
      ) : !calendar ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.noCalendar')} />
      ) : (
        <>
          <Descriptions size="small" column={1} items={[
            { key: 'name', label: t('calendars.name'), children: calendar.name },
            { key: 'days', label: t('calendars.workingDays'), children: calendar.workingDays.map((d) => days[d - 1]).join(t('common.listSeparator')) },
            { key: 'hours', label: t('calendars.hoursPerDay'), children: calendar.hoursPerDay },
          ]} />
          <ItemList
            header={t('people.upcomingExceptions')}
            empty={t('people.noUpcomingExceptions')}
            items={upcoming.map((e) => ({
              key: e.date,
              title: `${formatPlanDate(e.date, locale)} · ${e.name}`,
              extra: <Tag color={e.working ? 'green' : 'orange'}>{e.working ? t('calendars.workingDay') : t('calendars.dayOff')}</Tag>,
            }))}
          />
        </>
      )}
    </Card>
  );
}
