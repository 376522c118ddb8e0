import { CalendarOutlined, FileTextOutlined, MailOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountStatus, ActivityKind, LeadStatus } from './types.js';

export const ACTIVITY_ICON: Record<ActivityKind, ReactNode> = {
  call: <PhoneOutlined />,
  meeting: <TeamOutlined />,
  email: <MailOutlined />,
  note: <FileTextOutlined />,
  task: <CalendarOutlined />,
};

const LEAD_COLOR: Record<LeadStatus, string> = { new: 'blue', working: 'gold', qualified: 'green', disqualified: 'default' };
const ACCOUNT_COLOR: Record<AccountStatus, string> = { prospect: 'blue', customer: 'green', former: 'default' };

export function LeadStatusTag({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return <Tag color={LEAD_COLOR[status]} data-testid="lead-status">{t(`crm.leadStatus.${status}`)}</Tag>;
}

export function AccountStatusTag({ status }: { status: AccountStatus }) {
  const { t } = useTranslation();
  return <Tag color={ACCOUNT_COLOR[status]}>{t(`crm.accountStatus.${status}`)}</Tag>;
}
