/** Imports on the wire: upload with progress, mapping, check, run, rejected rows (types from the shared contracts). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ImportJobPage, ImportJobResponse, ImportRejectionPage } from '../../../../contracts/imports.js';
import { api, ApiError } from '../../../lib/api.js';

export type ImportJob = z.infer<typeof ImportJobResponse>;
export type ImportEntity = ImportJob['entity'];
export type Rejection = z.infer<typeof ImportRejectionPage>['items'][number];
export const IMPORT_ENTITY_LIST: readonly ImportEntity[] = ['accounts', 'contacts', 'leads', 'opportunities'];
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;

export const importKeys = {
  all: ['sales', 'imports'] as const,
  job: (id: string) => ['sales', 'imports', id] as const,
  rejections: (id: string, status: string) => ['sales', 'imports', id, 'rejections', status] as const,
};

const running = (job: ImportJob | undefined) => job?.status === 'checking' || job?.status === 'importing';

/** An import, polled every half second while it runs. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: importKeys.job(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportJob>(`/imports/${id}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (q) => (running(q.state.data) ? 500 : false),
  });
}

export function useMyImports() {
  return useQuery({ queryKey: importKeys.all, queryFn: ({ signal }) => api.get<z.infer<typeof ImportJobPage>>('/imports', { limit: 10 }, signal) });
}

export function useRejections(job: ImportJob | undefined) {
  return useInfiniteQuery({
    queryKey: importKeys.rejections(job?.id ?? '', `${job?.status}:${job?.finishedAt}`),
    queryFn: ({ pageParam, signal }) => api.get<z.infer<typeof ImportRejectionPage>>(`/imports/${job!.id}/rejections`, { limit: 100, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!job && (job.status === 'checked' || job.status === 'done') && job.rejectedRows + job.duplicateRows > 0,
  });
}

/** Sends the file as the request body, reporting upload progress (fetch cannot). */
export function uploadImport(file: File, entity: ImportEntity, onProgress: (fraction: number) => void): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports?entity=${entity}&fileName=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The server could not be reached.'));
    xhr.onload = () => {
      let data: { error?: { code: string; message: string; details?: unknown } } | ImportJob | undefined;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status === 201) resolve(data as ImportJob);
      else {
        const err = (data as { error?: { code: string; message: string; details?: unknown } } | undefined)?.error;
        reject(new ApiError(xhr.status, err?.code ?? `http_${xhr.status}`, err?.message ?? xhr.statusText, err?.details));
      }
    };
    xhr.send(file);
  });
}

export function useImportActions(id: string | null) {
  const qc = useQueryClient();
  const onSuccess = (job: ImportJob) => {
    qc.setQueryData(importKeys.job(job.id), job);
    void qc.invalidateQueries({ queryKey: importKeys.all, exact: true });
  };
  return {
    map: useMutation({ mutationFn: (mapping: (string | null)[]) => api.put<ImportJob>(`/imports/${id}/mapping`, { mapping }), onSuccess }),
    check: useMutation({ mutationFn: () => api.post<ImportJob>(`/imports/${id}/check`), onSuccess }),
    run: useMutation({ mutationFn: () => api.post<ImportJob>(`/imports/${id}/run`), onSuccess }),
  };
}
