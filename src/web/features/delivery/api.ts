import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.js';
import { earlyOr } from '../../lib/early.js';
import type {
  AddMember,
  Baseline,
  BaselineVariance,
  CreateDependency,
  CreateProject,
  CreateTask,
  Dependency,
  Member,
  MoveAction,
  Plan,
  Project,
  ProjectPage,
  ProjectStatus,
  Task,
  UpdateDependency,
  UpdateProject,
  UpdateTask,
} from './types.js';

/** Every query of the delivery side starts with 'projects', so one invalidation refreshes them all. */
export const deliveryKeys = {
  all: ['projects'] as const,
  list: (filter: Record<string, unknown>) => ['projects', 'list', filter] as const,
  project: (id: string) => ['projects', 'one', id] as const,
  members: (id: string) => ['projects', 'members', id] as const,
  plan: (id: string) => ['projects', 'plan', id] as const,
  baselines: (id: string) => ['projects', 'baselines', id] as const,
  variance: (baselineId: string) => ['projects', 'variance', baselineId] as const,
};

export const PROJECT_PAGE_SIZE = 50;

export interface ProjectFilter {
  mine?: boolean;
  q?: string;
  status?: ProjectStatus;
}

/** Projects the user may see, keyset-paginated. */
export function useProjectList(filter: ProjectFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: deliveryKeys.list({ ...filter }),
    queryFn: ({ pageParam, signal }) =>
      api.get<ProjectPage>('/projects', { mine: filter.mine ? 'true' : undefined, q: filter.q, status: filter.status, limit: PROJECT_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

// Both may have been asked for before the app started (router.tsx, lib/early.ts).
const projectQuery = (id: string) => ({ queryKey: deliveryKeys.project(id), queryFn: ({ signal }: { signal: AbortSignal }) => earlyOr(`/projects/${id}`, () => api.get<Project>(`/projects/${id}`, undefined, signal)) });
const planQuery = (projectId: string) => ({
  queryKey: deliveryKeys.plan(projectId),
  queryFn: ({ signal }: { signal: AbortSignal }) => earlyOr(`/projects/${projectId}/plan`, () => api.get<Plan>(`/projects/${projectId}/plan`, undefined, signal)),
  staleTime: 10_000,
});

export function useProject(id: string) {
  return useQuery(projectQuery(id));
}

/**
 * Starts loading a project (and its plan) during render, as TanStack Query's usePrefetchQuery does,
 * so the requests leave before the page's first commit rather than after it.
 */
export function usePrefetch(id: string, withPlan: boolean) {
  const qc = useQueryClient();
  if (qc.getQueryState(deliveryKeys.project(id)) === undefined) void qc.prefetchQuery(projectQuery(id));
  if (withPlan && qc.getQueryState(deliveryKeys.plan(id)) === undefined) void qc.prefetchQuery(planQuery(id));
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProject) => api.post<Project>('/projects', body),
    onSuccess: (p) => {
      qc.setQueryData(deliveryKeys.project(p.id), p);
      void qc.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}

export function useUpdateProject(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProject) => api.patch<Project>(`/projects/${id}`, body),
    onSuccess: (p) => {
      qc.setQueryData(deliveryKeys.project(p.id), p);
      void qc.invalidateQueries({ queryKey: ['projects', 'list'] });
      void qc.invalidateQueries({ queryKey: deliveryKeys.plan(id) });
    },
    onError: (err) => {
      if (isApiError(err) && err.isConflict) void qc.invalidateQueries({ queryKey: deliveryKeys.project(id) });
    },
  });
}

export function useMembers(projectId: string) {
  return useQuery({ queryKey: deliveryKeys.members(projectId), queryFn: ({ signal }) => api.get<{ items: Member[] }>(`/projects/${projectId}/members`, undefined, signal).then((r) => r.items) });
}

export function useAddMember(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMember) => api.post<Member>(`/projects/${projectId}/members`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: deliveryKeys.members(projectId) }),
  });
}

export function useRemoveMember(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: Member) => api.delete(`/projects/${projectId}/members/${m.id}`, { version: m.version }),
    onSettled: () => qc.invalidateQueries({ queryKey: deliveryKeys.members(projectId) }),
  });
}

/** The whole plan, as the Gantt chart draws it. */
export function usePlan(projectId: string, enabled = true) {
  return useQuery({ ...planQuery(projectId), enabled });
}

/**
 * The server reschedules after every change to the plan: refetch it (and the project, whose finish
 * and % complete follow), and let the baselines' variance follow too. Resolves once the plan is back.
 */
export function refreshPlan(qc: QueryClient, projectId: string) {
  void qc.invalidateQueries({ queryKey: deliveryKeys.project(projectId) });
  void qc.invalidateQueries({ queryKey: ['projects', 'list'] });
  void qc.invalidateQueries({ queryKey: ['projects', 'variance'] });
  return qc.invalidateQueries({ queryKey: deliveryKeys.plan(projectId) });
}

/** The plan's mutations; each refreshes the plan when it settles (a 409 or 422 too: the plan may have moved on). */
export function usePlanMutations(projectId: string) {
  const qc = useQueryClient();
  const settle = () => refreshPlan(qc, projectId);
  return {
    createTask: useMutation({ mutationFn: (body: CreateTask) => api.post<Task>(`/projects/${projectId}/tasks`, body), onSettled: settle }),
    updateTask: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateTask }) => api.patch<Task>(`/tasks/${id}`, body), onSettled: settle }),
    moveTask: useMutation({ mutationFn: ({ task, action }: { task: Task; action: MoveAction }) => api.post<Task>(`/tasks/${task.id}/move`, { version: task.version, action }), onSettled: settle }),
    deleteTask: useMutation({ mutationFn: (task: Task) => api.delete(`/tasks/${task.id}`, { version: task.version }), onSettled: settle }),
    createDependency: useMutation({ mutationFn: (body: CreateDependency) => api.post<Dependency>(`/projects/${projectId}/dependencies`, body), onSettled: settle }),
    updateDependency: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateDependency }) => api.patch<Dependency>(`/dependencies/${id}`, body), onSettled: settle }),
    deleteDependency: useMutation({ mutationFn: (d: Dependency) => api.delete(`/dependencies/${d.id}`, { version: d.version }), onSettled: settle }),
  };
}
export type PlanMutations = ReturnType<typeof usePlanMutations>;

export function useBaselines(projectId: string) {
  return useQuery({ queryKey: deliveryKeys.baselines(projectId), queryFn: ({ signal }) => api.get<{ items: Baseline[] }>(`/projects/${projectId}/baselines`, undefined, signal).then((r) => r.items) });
}

export function useCreateBaseline(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<Baseline>(`/projects/${projectId}/baselines`, { name }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: deliveryKeys.baselines(projectId) });
      void qc.invalidateQueries({ queryKey: deliveryKeys.plan(projectId) });
    },
  });
}

export function useVariance(baselineId: string | null) {
  return useQuery({
    queryKey: deliveryKeys.variance(baselineId ?? ''),
    queryFn: ({ signal }) => api.get<BaselineVariance>(`/baselines/${baselineId}/variance`, undefined, signal),
    enabled: !!baselineId,
  });
}
