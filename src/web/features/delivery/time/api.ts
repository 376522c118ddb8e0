import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateExpenseRequest, ExpensePage, ExpenseResponse, SaveWeekEntry, TimesheetEntryPage, TimesheetEntryResponse, TimesheetWeekResponse } from '../../../../contracts/timesheets.js';
import { api, request } from '../../../lib/api.js';

export type TimesheetWeek = TimesheetWeekResponse;
export type TimesheetEntry = TimesheetEntryResponse;
export type WeekEntryInput = z.input<typeof SaveWeekEntry>;
export type Expense = ExpenseResponse;
export type CreateExpense = z.input<typeof CreateExpenseRequest>;

/** Under 'projects' too, so that the delivery side's one invalidation refreshes earned value. */
export const timeKeys = {
  week: (weekStart: string) => ['timesheets', 'week', weekStart] as const,
  project: (projectId: string, status: string) => ['projects', 'timesheets', projectId, status] as const,
  expenses: (projectId: string, status: string) => ['projects', 'expenses', projectId, status] as const,
};

export function useWeek(weekStart: string) {
  return useQuery({ queryKey: timeKeys.week(weekStart), queryFn: ({ signal }) => api.get<TimesheetWeek>('/timesheets', { weekStart }, signal) });
}

export function useSaveWeek() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { weekStart: string; entries: WeekEntryInput[] }) => request<TimesheetWeek>('PUT', '/timesheets/week', { body }),
    onSuccess: (week) => qc.setQueryData(timeKeys.week(week.weekStart), week),
  });
}

export function useSubmitWeek() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (weekStart: string) => api.post<TimesheetWeek>('/timesheets/submit', { weekStart }),
    onSuccess: (week) => {
      qc.setQueryData(timeKeys.week(week.weekStart), week);
      void qc.invalidateQueries({ queryKey: ['projects'] });
    },
  });
}

export function useProjectTimesheets(projectId: string, status: string) {
  return useInfiniteQuery({
    queryKey: timeKeys.project(projectId, status),
    queryFn: ({ pageParam, signal }) => api.get<z.infer<typeof TimesheetEntryPage>>(`/projects/${projectId}/timesheets`, { status: status || undefined, limit: 100, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDecideEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'reject'; version: number }) => api.post<TimesheetEntry>(`/timesheet-entries/${v.id}/${v.decision}`, { version: v.version }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['projects'] }),
  });
}

export function useProjectExpenses(projectId: string, status: string) {
  return useInfiniteQuery({
    queryKey: timeKeys.expenses(projectId, status),
    queryFn: ({ pageParam, signal }) => api.get<z.infer<typeof ExpensePage>>(`/projects/${projectId}/expenses`, { status: status || undefined, limit: 100, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Records an expense; the project's lists and earned value refresh. */
export function useCreateExpense(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateExpense) => api.post<Expense>(`/projects/${projectId}/expenses`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['projects', 'expenses', projectId] }),
  });
}

export function useDecideExpense() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; decision: 'approve' | 'reject'; version: number }) => api.post<Expense>(`/expenses/${v.id}/${v.decision}`, { version: v.version }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['projects'] }),
  });
}
