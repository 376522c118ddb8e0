import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MY_TASK_FILTERS, MyTaskPage as MyTaskPageSchema, MyTaskResponse } from '../../../contracts/projects.js';
import { api } from '../../lib/api.js';

export type MyTask = z.infer<typeof MyTaskResponse>;
export type MyTaskPage = z.infer<typeof MyTaskPageSchema>;
export type MyTaskFilter = (typeof MY_TASK_FILTERS)[number];

export const MY_TASKS_PAGE_SIZE = 10;

/** Under 'projects' like every delivery query, so that a change to a plan refreshes the list too. */
export const myTaskKeys = { list: (status: MyTaskFilter) => ['projects', 'my-tasks', status] as const };

export function useMyTasks(status: MyTaskFilter) {
  return useInfiniteQuery({
    queryKey: myTaskKeys.list(status),
    queryFn: ({ pageParam, signal }) => api.get<MyTaskPage>('/me/tasks', { status, limit: MY_TASKS_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
