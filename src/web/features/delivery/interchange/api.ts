/**
 * Interchange on the web: upload a Microsoft Project XML file (the raw file is the body, as the
 * API wants; the browser streams it from disk), the export link, and the calendar feed.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CalendarFeedCreated as CalendarFeedCreatedSchema, CalendarFeedStatus as CalendarFeedStatusSchema, ImportResponse as ImportResponseSchema, ImportWarning as ImportWarningSchema } from '../../../../contracts/interchange.js';
import { api, ApiError, toQueryString, type QueryValue } from '../../../lib/api.js';

export type ImportResult = z.infer<typeof ImportResponseSchema>;
export type ImportWarning = z.infer<typeof ImportWarningSchema>;
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreatedSchema>;
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatusSchema>;

/** The same limit the server applies (200 MB); checked before uploading to save the wait. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** POSTs a file as application/xml; failures become ApiError like every other call. */
export async function uploadMspdi(path: string, file: Blob, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<ImportResult> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(query)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    throw new ApiError(res.status, typeof err?.code === 'string' ? err.code : `http_${res.status}`, typeof err?.message === 'string' ? err.message : res.statusText || `HTTP ${res.status}`, err?.details);
  }
  return data as ImportResult;
}

/** Why the server refused a file (`not_xml`, `not_mspdi`, `malformed`, `too_many_tasks`, `too_large`), when it says. */
export function refusalReason(err: unknown): string | null {
  if (!(err instanceof ApiError)) return null;
  if (err.status === 413) return 'too_large';
  const d = err.details as unknown;
  if (Array.isArray(d) && d[0] && typeof d[0].reason === 'string') return d[0].reason;
  if (d && typeof d === 'object' && typeof (d as { reason?: unknown }).reason === 'string') return (d as { reason: string }).reason;
  return null;
}

export const exportUrl = (projectId: string) => `/api/v1/projects/${projectId}/export.mspdi`;

export function useImportProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, code, name }: { file: Blob; code?: string; name?: string }) => uploadMspdi('/projects/import', file, { code, name }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['projects'] }),
  });
}

export function useImportIntoProject(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file }: { file: Blob }) => uploadMspdi(`/projects/${projectId}/import`, file),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['projects'] }),
  });
}

const feedKey = ['calendar-feed'] as const;

export function useCalendarFeedStatus(enabled = true) {
  return useQuery({ queryKey: feedKey, queryFn: ({ signal }) => api.get<CalendarFeedStatus>('/auth/me/calendar-feed', undefined, signal), enabled });
}

export function useCreateCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => api.post<CalendarFeedCreated>('/auth/me/calendar-feed'), onSuccess: () => void qc.invalidateQueries({ queryKey: feedKey }) });
}

export function useDeleteCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => api.delete('/auth/me/calendar-feed'), onSuccess: () => void qc.invalidateQueries({ queryKey: feedKey }) });
}
