import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, isApiError } from '../../../lib/api.js';
import type { CreateUser, CreatedUser, UpdateUser, User, UsersPage, UserStatus } from '../../../lib/types.js';
import { keys, primeUsers } from '../../directory/api.js';

export const PAGE_SIZE = 50;

export interface UserFilter {
  q?: string;
  status?: UserStatus;
}

/** Users, keyset-paginated (a cursor per page, never an offset). */
export function useUserList(filter: UserFilter) {
  const qc = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: keys.userList({ ...filter }),
    queryFn: ({ pageParam, signal }) => api.get<UsersPage>('/users', { q: filter.q, status: filter.status, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  useEffect(() => {
    if (query.data) primeUsers(qc, query.data.pages.flatMap((p) => p.items));
  }, [qc, query.data]);
  return query;
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => api.post<CreatedUser>('/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUser }) => api.patch<User>(`/users/${id}`, body),
    onSuccess: (user) => {
      qc.setQueryData(keys.user(user.id), user);
      void qc.invalidateQueries({ queryKey: keys.users });
      void qc.invalidateQueries({ queryKey: keys.teams });
    },
    onError: (err) => {
      if (isApiError(err) && err.isConflict) void qc.invalidateQueries({ queryKey: keys.users });
    },
  });
}

export function useSetUserStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ user, to }: { user: User; to: 'disable' | 'enable' }) => api.post<User>(`/users/${user.id}/${to}`, { version: user.version }),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useResendInvitation() {
  return useMutation({ mutationFn: (user: User) => api.post<{ invitationUrl: string }>(`/users/${user.id}/invitation`) });
}
