import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import type { Calendar, Team, User, UsersPage } from '../../lib/types.js';

/** Query keys: every list and record of a kind shares its first segment, so one invalidation refreshes all. */
export const keys = {
  users: ['users'] as const,
  user: (id: string) => ['users', 'one', id] as const,
  userList: (filter: Record<string, unknown>) => ['users', 'list', filter] as const,
  userSearch: (q: string) => ['users', 'search', q] as const,
  teamMembers: (teamId: string) => ['users', 'team', teamId] as const,
  teams: ['teams'] as const,
  calendars: ['calendars'] as const,
  audit: (filter: Record<string, unknown>) => ['audit', filter] as const,
};

export function useTeams() {
  return useQuery({ queryKey: keys.teams, queryFn: ({ signal }) => api.get<{ items: Team[] }>('/teams', undefined, signal).then((r) => r.items) });
}

export function useCalendars() {
  return useQuery({ queryKey: keys.calendars, queryFn: ({ signal }) => api.get<{ items: Calendar[] }>('/calendars', undefined, signal).then((r) => r.items) });
}

export function useUser(id: string | null | undefined) {
  return useQuery({
    queryKey: keys.user(id ?? ''),
    queryFn: ({ signal }) => api.get<User>(`/users/${id}`, undefined, signal),
    enabled: !!id,
    staleTime: 60_000,
  });
}

/** Everyone in a team (the API caps a page at 200; a team is far smaller). */
export function useTeamMembers(teamId: string | null | undefined) {
  return useQuery({
    queryKey: keys.teamMembers(teamId ?? ''),
    queryFn: ({ signal }) => api.get<UsersPage>('/users', { teamId: teamId ?? undefined, limit: 200 }, signal).then((r) => r.items),
    enabled: !!teamId,
  });
}

export function useUserSearch(q: string) {
  return useQuery({
    queryKey: keys.userSearch(q),
    queryFn: ({ signal }) => api.get<UsersPage>('/users', { q: q || undefined, limit: 20 }, signal).then((r) => r.items),
    staleTime: 30_000,
  });
}

/** Lists carry whole user records: keep them as single records too, so names resolve without a request each. */
export function primeUsers(qc: QueryClient, users: User[]) {
  for (const u of users) qc.setQueryData(keys.user(u.id), u);
}
