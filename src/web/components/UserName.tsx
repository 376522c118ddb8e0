import { Skeleton, Typography } from 'antd';
import { useUser } from '../features/directory/api.js';

/** A user's name from their id (cached; lists prime the cache so this rarely asks the server). */
export function UserName({ id, fallback = '—' }: { id: string | null | undefined; fallback?: string }) {
  const { data, isLoading } = useUser(id);
  if (!id) return <Typography.Text type="secondary">{fallback}</Typography.Text>;
  if (isLoading) return <Skeleton.Input active size="small" style={{ width: 80, height: 16 }} />;
  return <>{data?.name ?? fallback}</>;
}
